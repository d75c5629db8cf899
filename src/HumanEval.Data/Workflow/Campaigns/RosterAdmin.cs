using HumanEval.Core.Assignment;
using HumanEval.Core.Sessions;
using HumanEval.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace HumanEval.Data.Workflow;

/// <summary>
/// A campaign's roster: who rates and where each stands (Core's <see cref="EvaluatorStatusRules"/>), adding and
/// removing evaluators (their live reservations return to the pool at once), a rotated panel suggestion, and the
/// sessions worked. Every change is audited.
/// </summary>
public sealed class RosterAdmin(IDbContextFactory<AppDbContext> factory, TimeProvider clock, Reservations reservations)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<IReadOnlyList<RosterEntry>> RosterAsync(int id, CancellationToken ct = default)
    {
        var now = Now;
        var weekStart = HumanEval.Core.Operations.WeeklyLimit.WeekStart(now);
        await using var db = await factory.CreateDbContextAsync(ct);
        var campaign = await db.Campaigns.AsNoTracking().SingleAsync(c => c.Id == id, ct);
        var policy = WorkSessions.PolicyOf(campaign);
        var settings = await WorkQueue.SettingsAsync(db, campaign, await db.RosterMembers.CountAsync(r => r.CampaignId == id, ct), ct);
        var members = await db.RosterMembers.AsNoTracking().Where(r => r.CampaignId == id)
            .Select(r => new
            {
                r.EvaluatorId,
                r.Evaluator.Email,
                r.Evaluator.DisplayName,
                Profile = db.EvaluatorProfiles.Where(p => p.UserId == r.EvaluatorId).Select(p => new { p.Type, p.Active, p.WeeklyHourLimit }).FirstOrDefault(),
                Reserved = db.Assignments.Count(a => a.CampaignId == id && a.EvaluatorId == r.EvaluatorId && a.State == AssignmentState.Reserved),
                Submitted = db.Assignments.Count(a => a.CampaignId == id && a.EvaluatorId == r.EvaluatorId && a.State == AssignmentState.Submitted),
                Sessions = db.EvaluationSessions.Count(s => s.CampaignId == id && s.EvaluatorId == r.EvaluatorId),
                Seconds = db.EvaluationSessions.Where(s => s.EvaluatorId == r.EvaluatorId && s.StartedAt >= weekStart).Sum(s => (long?)s.ActiveSeconds) ?? 0,
                Latest = db.EvaluationSessions.Where(s => s.EvaluatorId == r.EvaluatorId).OrderByDescending(s => s.StartedAt)
                    .Select(s => new { s.StartedAt, s.LastActivityAt, s.CapReachedAt, s.EndedAt }).FirstOrDefault(),
            })
            .ToListAsync(ct);
        return members.OrderBy(m => m.Email).Select(m =>
        {
            var hours = m.Seconds / 3600.0;
            var latest = m.Latest is null ? null : new SessionClock(m.Latest.StartedAt, m.Latest.LastActivityAt, TimeSpan.Zero, m.Latest.EndedAt, null, m.Latest.CapReachedAt);
            var status = EvaluatorStatusRules.Of(new EvaluatorSnapshot(m.Profile is { Active: true }, TimeSpan.FromSeconds(m.Seconds), m.Profile?.WeeklyHourLimit, m.Reserved > 0, latest), now, policy);
            return new RosterEntry(m.EvaluatorId, m.Email ?? "", m.DisplayName, m.Profile?.Type ?? EvaluatorKind.RepresentativeUser, m.Profile?.Active ?? false,
                m.Reserved, m.Submitted, (int)(m.Seconds / 60), status, m.Sessions, hours, m.Profile?.WeeklyHourLimit, settings.MaxLoad);
        }).ToList();
    }

    public async Task AddToRosterAsync(int id, IEnumerable<string> evaluatorIds, string userId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var present = await db.RosterMembers.Where(r => r.CampaignId == id).Select(r => r.EvaluatorId).ToListAsync(ct);
        var valid = await db.EvaluatorProfiles.Where(p => evaluatorIds.Contains(p.UserId))
            .Join(db.Users, p => p.UserId, u => u.Id, (p, u) => new { p.UserId, u.Email }).ToListAsync(ct);
        foreach (var evaluator in valid.ExceptBy(present, v => v.UserId))
        {
            db.RosterMembers.Add(new RosterMember { CampaignId = id, EvaluatorId = evaluator.UserId, AddedAt = Now });
            db.RecordCampaign(Now, userId, AuditActions.RosterAdded, id, evaluator.Email);
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>Removes an evaluator; their submitted ratings stay, their live reservations return to the pool at once.</summary>
    public async Task RemoveFromRosterAsync(int id, string evaluatorId, string userId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await db.RosterMembers.Where(r => r.CampaignId == id && r.EvaluatorId == evaluatorId).ExecuteDeleteAsync(ct);
        var email = await db.Users.Where(u => u.Id == evaluatorId).Select(u => u.Email).SingleOrDefaultAsync(ct);
        db.RecordCampaign(Now, userId, AuditActions.RosterRemoved, id, email ?? evaluatorId);
        await db.SaveChangesAsync(ct);
        await reservations.ReleaseAllAsync(id, evaluatorId, ct);
    }

    /// <summary>A rotation suggestion from the pool (Core's <see cref="PanelSuggestion"/>), as evaluator ids.</summary>
    public async Task<IReadOnlyList<string>> SuggestPanelAsync(int id, int size, int minExperts, int minUsers, CancellationToken ct = default)
    {
        var since = Now - PanelSuggestion.RecentWindow;
        await using var db = await factory.CreateDbContextAsync(ct);
        var pool = await db.EvaluatorProfiles.AsNoTracking().Where(p => p.Active)
            .Select(p => new
            {
                p.UserId,
                p.Type,
                Last = db.RosterMembers.Where(r => r.EvaluatorId == p.UserId && r.CampaignId != id).Max(r => (DateTime?)r.AddedAt),
                Recent = db.RosterMembers.Count(r => r.EvaluatorId == p.UserId && r.CampaignId != id && r.AddedAt >= since),
            }).ToListAsync(ct);
        var members = pool.Select(p => (p.UserId, Member: new PoolMember(WorkQueue.Key(p.UserId),
            p.Type, p.Last, p.Recent))).ToList();
        var chosen = PanelSuggestion.Suggest(members.Select(m => m.Member), size, minExperts, minUsers, id);
        return chosen.Select(c => members.First(m => m.Member == c).UserId).ToList();
    }

    public async Task<IReadOnlyList<SessionRow>> SessionsAsync(int id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await db.EvaluationSessions.AsNoTracking().Where(s => s.CampaignId == id)
            .OrderByDescending(s => s.StartedAt).Take(500)
            .Join(db.Users, s => s.EvaluatorId, u => u.Id, (s, u) => new { u.Email, s })
            .ToListAsync(ct);
        return rows.Select(r => new SessionRow(r.Email ?? "", r.s.StartedAt, r.s.EndedAt, r.s.EndReason?.ToString().ToLowerInvariant(),
            r.s.ActiveSeconds / 60, r.s.Items, r.s.CapReachedAt is not null)).ToList();
    }
}
