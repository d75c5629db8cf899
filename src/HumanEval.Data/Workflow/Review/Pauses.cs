using HumanEval.Core.Quality;
using HumanEval.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace HumanEval.Data.Workflow;

/// <summary>A pause in force, as the roster shows it.</summary>
public sealed record PauseView(long Id, string EvaluatorId, PauseReason Reason, string? Details, DateTime PausedAt, string? PausedBy);

/// <summary>
/// Pausing and unpausing an evaluator's claims in a campaign (a lead's decision, or — next — the gold and behaviour
/// rules'): at most one pause in force per evaluator and campaign (a filtered unique index), every change audited,
/// the claim refuses new examples while one is in force (<see cref="WorkQueue"/>), a reservation in hand can still be
/// finished, and nothing submitted changes.
/// </summary>
public sealed class Pauses(IDbContextFactory<AppDbContext> factory, TimeProvider clock)
{
    /// <summary>What the evaluator reads on the rating page.</summary>
    public static string Explain(PauseReason reason, string? details)
    {
        var why = reason switch
        {
            PauseReason.Gold => "your answers on the check items were too far from the agreed answers",
            PauseReason.Speed => "many of your ratings took less time than the rubric needs",
            PauseReason.StraightLining => "many ratings in a row gave the same score on every criterion",
            _ => "your lead paused your work here",
        };
        return $"Your work on this campaign is paused: {why}." + (string.IsNullOrWhiteSpace(details) ? "" : $" Note: {details.Trim()}") +
            " Your submitted ratings are kept; your lead will review and can resume it.";
    }

    public async Task<IReadOnlyList<PauseView>> ActiveAsync(int campaignId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.EvaluatorPauses.AsNoTracking().Where(p => p.CampaignId == campaignId && p.LiftedAt == null)
            .Select(p => new PauseView(p.Id, p.EvaluatorId, p.Reason, p.Details, p.PausedAt, p.PausedBy)).ToListAsync(ct);
    }

    /// <summary>Pauses the evaluator's claims in the campaign; false when a pause is already in force.</summary>
    public async Task<bool> PauseAsync(int campaignId, string evaluatorId, PauseReason reason, string? details, string? byUserId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.InTransactionAsync(async tx =>
        {
            if (await db.EvaluatorPauses.AnyAsync(p => p.CampaignId == campaignId && p.EvaluatorId == evaluatorId && p.LiftedAt == null, ct))
            {
                return false;
            }

            db.EvaluatorPauses.Add(new EvaluatorPause
            {
                CampaignId = campaignId, EvaluatorId = evaluatorId, Reason = reason, Details = InputText.Trim(details), PausedAt = now, PausedBy = byUserId,
            });
            db.RecordCampaign(now, byUserId, AuditActions.EvaluatorPaused, campaignId, $"evaluator {evaluatorId}: {reason}" + (InputText.Trim(details) is { } d ? $" ({d})" : ""));
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return true;
        }, ct);
    }

    /// <summary>Lifts the pause in force (if any); audited.</summary>
    public async Task<bool> UnpauseAsync(int campaignId, string evaluatorId, string byUserId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.InTransactionAsync(async tx =>
        {
            var lifted = await db.EvaluatorPauses.Where(p => p.CampaignId == campaignId && p.EvaluatorId == evaluatorId && p.LiftedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.LiftedAt, now).SetProperty(p => p.LiftedBy, byUserId), ct);
            if (lifted == 0)
            {
                await tx.RollbackAsync(ct);
                return false;
            }

            db.RecordCampaign(now, byUserId, AuditActions.EvaluatorUnpaused, campaignId, $"evaluator {evaluatorId}");
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return true;
        }, ct);
    }
}
