using HumanEval.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace HumanEval.Data.Workflow;

/// <summary>
/// Reservations that end without a rating: expired (abandoned past their timeout, swept by the background sweeper
/// and before each claim) or released (roster removal, deactivation). Each is closed by a conditional update, so a slot
/// is freed once however many sweepers run.
/// </summary>
public sealed class Reservations(IDbContextFactory<AppDbContext> factory, TimeProvider clock, ILogger<Reservations>? logger = null)
{
    private readonly ILogger log = logger ?? NullLogger<Reservations>.Instance;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Releases every live reservation of an evaluator in a campaign (roster removal, deactivation).</summary>
    public async Task<int> ReleaseAllAsync(int campaignId, string evaluatorId, CancellationToken ct = default)
    {
        var now = Now;
        await using var db = await factory.CreateDbContextAsync(ct);
        var live = await db.Assignments.AsNoTracking()
            .Where(a => a.CampaignId == campaignId && a.EvaluatorId == evaluatorId && a.State == AssignmentState.Reserved).ToListAsync(ct);
        return await CloseReservationsAsync(db, live, AssignmentState.Released, null, now, ct);
    }

    /// <summary>Returns abandoned reservations (past their expiry) to the pool. Each one is closed by a conditional update, so two sweepers never free a slot twice.</summary>
    public async Task<int> ExpireAsync(int? campaignId = null, CancellationToken ct = default)
    {
        var now = Now;
        await using var db = await factory.CreateDbContextAsync(ct);
        var stale = await db.Assignments.AsNoTracking()
            .Where(a => a.State == AssignmentState.Reserved && a.ExpiresAt <= now && (campaignId == null || a.CampaignId == campaignId))
            .ToListAsync(ct);
        var expired = await CloseReservationsAsync(db, stale, AssignmentState.Expired, now, now, ct);
        if (expired > 0)
        {
            log.LogInformation("{Expired} abandoned reservation(s) returned to the pool", expired);
        }

        return expired;
    }

    /// <summary>
    /// Moves each reservation to <paramref name="state"/> with a conditional update (still reserved, and past
    /// <paramref name="expiredBy"/> when given) and frees its slot only when that update won, so two sweepers or a
    /// sweeper and a submit never free a slot twice.
    /// </summary>
    private static async Task<int> CloseReservationsAsync(AppDbContext db, IReadOnlyList<Assignment> reservations, AssignmentState state, DateTime? expiredBy, DateTime now, CancellationToken ct)
    {
        var closedCount = 0;
        foreach (var assignment in reservations)
        {
            closedCount += await db.InTransactionAsync(async tx =>
            {
                var closed = await db.Assignments
                    .Where(a => a.Id == assignment.Id && a.State == AssignmentState.Reserved && (expiredBy == null || a.ExpiresAt <= expiredBy))
                    .ExecuteUpdateAsync(s => s.SetProperty(a => a.State, state).SetProperty(a => a.ClosedAt, now), ct);
                if (closed == 1)
                {
                    await ReleaseSlotAsync(db, assignment, ct);
                }

                await tx.CommitAsync(ct);
                return closed;
            }, ct);
        }

        return closedCount;
    }

    internal static async Task ReleaseSlotAsync(AppDbContext db, Assignment assignment, CancellationToken ct)
    {
        var expert = assignment.ByExpert ? 1 : 0;
        await db.Examples.Where(e => e.Id == assignment.ExampleId)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.HolderCount, e => e.HolderCount - 1).SetProperty(e => e.ExpertHolderCount, e => e.ExpertHolderCount - expert), ct);
    }
}

internal static class AssignmentStates
{
    public static readonly AssignmentState[] Holding = [AssignmentState.Reserved, AssignmentState.Submitted];
}
