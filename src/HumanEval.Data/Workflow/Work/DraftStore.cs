using System.Text.Json;
using HumanEval.Core.Sessions;
using HumanEval.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace HumanEval.Data.Workflow;

/// <summary>
/// Drafts of the example in hand: autosaved scores and comments that survive reload, reconnect and restart, and the
/// heartbeat that keeps a reservation alive while the evaluator works. Each returns the session clock after it.
/// </summary>
public sealed class DraftStore(IDbContextFactory<AppDbContext> factory, TimeProvider clock, WorkSessions sessions, ILogger<DraftStore>? logger = null)
{
    private readonly ILogger log = logger ?? NullLogger<DraftStore>.Instance;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>
    /// Upserts the draft. Two saves of one assignment may race (two tabs): the loser of the insert finds the winner's
    /// row on its second try and updates it.
    /// </summary>
    /// <returns>The session clock after this activity (null when no session is open), for the page to draw.</returns>
    public async Task<SessionClock?> SaveDraftAsync(long assignmentId, string evaluatorId, DraftInput draft, CancellationToken ct = default)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await SaveDraftOnceAsync(assignmentId, evaluatorId, draft, ct);
                break;
            }
            catch (DbUpdateException e) when (attempt == 0)
            {
                log.LogInformation(e, "Draft save of assignment {AssignmentId} raced another save (two tabs?); retrying once", assignmentId);
            }
        }

        return await sessions.TouchSessionAsync(evaluatorId, ct);
    }

    private async Task SaveDraftOnceAsync(long assignmentId, string evaluatorId, DraftInput draft, CancellationToken ct)
    {
        var now = Now;
        await using var db = await factory.CreateDbContextAsync(ct);
        var assignment = await db.Assignments.SingleOrDefaultAsync(a => a.Id == assignmentId && a.EvaluatorId == evaluatorId, ct)
            ?? throw new UnauthorizedAccessException("not your assignment");
        if (assignment.State is not (AssignmentState.Reserved or AssignmentState.Expired))
        {
            return;
        }

        var row = await db.RatingDrafts.SingleOrDefaultAsync(d => d.AssignmentId == assignmentId, ct);
        if (row is null)
        {
            row = new RatingDraft { AssignmentId = assignmentId };
            db.RatingDrafts.Add(row);
        }

        row.Scores = JsonSerializer.Serialize(draft.Scores);
        row.Comments = JsonSerializer.Serialize(draft.Comments);
        row.OverallComment = draft.OverallComment;
        row.Flagged = draft.Flagged;
        row.FlagReason = draft.FlagReason;
        row.ActiveSeconds = Math.Max(row.ActiveSeconds, draft.ActiveSeconds);
        row.UpdatedAt = now;
        if (assignment.State == AssignmentState.Reserved)
        {
            // Working on it keeps the reservation alive; only abandoned items return to the pool.
            var campaign = await db.Campaigns.AsNoTracking().SingleAsync(c => c.Id == assignment.CampaignId, ct);
            assignment.ExpiresAt = now.AddMinutes(campaign.ReservationTimeoutMinutes);
        }

        using (await WriteGate.EnterAsync(db, ct))
        {
            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>The evaluator is still working on it: extend the reservation and count the active time.</summary>
    /// <returns>The session clock after this activity (null when the assignment is not theirs or no session is open).</returns>
    public async Task<SessionClock?> KeepAliveAsync(long assignmentId, string evaluatorId, CancellationToken ct = default)
    {
        var now = Now;
        await using var db = await factory.CreateDbContextAsync(ct);
        var timeout = await db.Assignments.Where(a => a.Id == assignmentId && a.EvaluatorId == evaluatorId)
            .Select(a => (int?)db.Campaigns.Where(c => c.Id == a.CampaignId).Select(c => c.ReservationTimeoutMinutes).First()).FirstOrDefaultAsync(ct);
        if (timeout is { } minutes)
        {
            var until = now.AddMinutes(minutes);
            using (await WriteGate.EnterAsync(db, ct))
            {
                await db.Assignments.Where(a => a.Id == assignmentId && a.State == AssignmentState.Reserved && a.ExpiresAt < until)
                    .ExecuteUpdateAsync(s => s.SetProperty(a => a.ExpiresAt, until), ct);
            }

            return await sessions.TouchSessionAsync(evaluatorId, ct);
        }

        return null;
    }

    public async Task<DraftInput?> LoadDraftAsync(long assignmentId, string evaluatorId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var row = await db.RatingDrafts.AsNoTracking()
            .Where(d => d.AssignmentId == assignmentId && db.Assignments.Any(a => a.Id == assignmentId && a.EvaluatorId == evaluatorId))
            .SingleOrDefaultAsync(ct);
        return row is null
            ? null
            : new DraftInput(
                JsonSerializer.Deserialize<Dictionary<string, int>>(row.Scores) ?? [],
                JsonSerializer.Deserialize<Dictionary<string, string>>(row.Comments) ?? [],
                row.OverallComment, row.Flagged, row.FlagReason, row.ActiveSeconds);
    }
}
