using HumanEval.Core.Sessions;
using HumanEval.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace HumanEval.Data.Workflow;

/// <summary>
/// Evaluation sessions on the database: the campaign's <see cref="SessionPolicy"/>, recording activity
/// (<see cref="SessionRules.Touch"/>), ending a sitting that is over (<see cref="SessionRules.Expire"/>) when the next
/// claim comes, and the clock as Core sees it.
/// </summary>
public sealed class WorkSessions(IDbContextFactory<AppDbContext> factory, TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public static SessionPolicy PolicyOf(Campaign c) => new()
    {
        Cap = TimeSpan.FromMinutes(c.SessionCapMinutes),
        Break = TimeSpan.FromMinutes(c.BreakMinutes),
    };

    /// <summary>Records activity: active time grows while the evaluator works, idle gaps do not count.</summary>
    public async Task<SessionClock?> TouchSessionAsync(string evaluatorId, CancellationToken ct = default)
    {
        var now = Now;
        await using var db = await factory.CreateDbContextAsync(ct);
        var session = await db.EvaluationSessions.Where(s => s.EvaluatorId == evaluatorId && s.EndedAt == null)
            .OrderByDescending(s => s.StartedAt).FirstOrDefaultAsync(ct);
        if (session is null)
        {
            return null;
        }

        var campaign = await db.Campaigns.AsNoTracking().SingleAsync(c => c.Id == session.CampaignId, ct);
        var clock = SessionRules.Touch(ToClock(session)!, now, PolicyOf(campaign));
        session.LastActivityAt = clock.LastActivityAt;
        session.ActiveSeconds = (int)clock.Active.TotalSeconds;
        session.CapReachedAt = clock.CapReachedAt;
        using (await WriteGate.EnterAsync(db, ct))
        {
            await db.SaveChangesAsync(ct);
        }
        return clock;
    }

    /// <summary>The evaluator's open session; a session idle past the cutoff or its break ends and a new one starts with the next claim.</summary>
    internal static async Task<EvaluationSession?> OpenSessionAsync(AppDbContext db, string evaluatorId, Campaign campaign, DateTime now, CancellationToken ct)
    {
        var policy = PolicyOf(campaign);
        var session = await db.EvaluationSessions.Where(s => s.EvaluatorId == evaluatorId && s.EndedAt == null)
            .OrderByDescending(s => s.StartedAt).FirstOrDefaultAsync(ct);
        if (session is not null && SessionRules.Expire(ToClock(session)!, now, policy) is { IsOpen: false } over)
        {
            // Away longer than a break, or capped and the break is over: that sitting is over.
            session.EndedAt = over.EndedAt;
            session.EndReason = over.EndReason;
            await db.SaveChangesAsync(ct);
            session = null;
        }

        if (session is null)
        {
            session = new EvaluationSession { EvaluatorId = evaluatorId, CampaignId = campaign.Id, StartedAt = now, LastActivityAt = now };
            db.EvaluationSessions.Add(session);
            await db.SaveChangesAsync(ct);
        }

        return session;
    }

    internal static async Task<SessionClock?> LastCappedAsync(AppDbContext db, string evaluatorId, long? exceptId, CancellationToken ct)
    {
        var last = await db.EvaluationSessions.AsNoTracking()
            .Where(s => s.EvaluatorId == evaluatorId && s.CapReachedAt != null && s.Id != exceptId)
            .OrderByDescending(s => s.CapReachedAt).FirstOrDefaultAsync(ct);
        return ToClock(last);
    }

    public static SessionClock? ToClock(EvaluationSession? s) => s is null
        ? null
        : new SessionClock(s.StartedAt, s.LastActivityAt, TimeSpan.FromSeconds(s.ActiveSeconds), s.EndedAt,
            s.EndReason, s.CapReachedAt);
}
