using HumanEval.Core.Campaigns;
using HumanEval.Core.Operations;
using HumanEval.Core.Pairwise;
using HumanEval.Core.Rubrics;
using HumanEval.Core.Sessions;
using HumanEval.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace HumanEval.Data.Workflow;

/// <summary>
/// Ending an assignment: submit (validated against the campaign's rubric version; rating, scores, assignment and
/// counters in one transaction) or skip with a reason.
/// </summary>
public sealed class RatingSubmissions(IDbContextFactory<AppDbContext> factory, TimeProvider clock, ILogger<RatingSubmissions>? logger = null)
{
    private readonly ILogger log = logger ?? NullLogger<RatingSubmissions>.Instance;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Validates against the campaign's rubric version and commits rating, scores, assignment and counters in one transaction.</summary>
    public async Task<SubmitResult> SubmitAsync(long assignmentId, string evaluatorId, DraftInput input, CancellationToken ct = default)
    {
        var now = Now;
        await using var db = await factory.CreateDbContextAsync(ct);
        var assignment = await db.Assignments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == assignmentId, ct);
        if (assignment is null || assignment.EvaluatorId != evaluatorId)
        {
            return new SubmitResult(SubmitOutcome.NotYours, ["This example is not assigned to you."]);
        }

        if (assignment.State is AssignmentState.Submitted or AssignmentState.Skipped or AssignmentState.Released)
        {
            return new SubmitResult(SubmitOutcome.AlreadyClosed, ["This example was already submitted or skipped."]);
        }

        var campaign = await db.Campaigns.AsNoTracking().SingleAsync(c => c.Id == assignment.CampaignId, ct);
        var criteria = await db.RuleCriteriaAsync(campaign.RubricVersionId, ct);
        var pairwise = campaign.Kind == CampaignKind.Pairwise;
        var valid = pairwise
            ? PairwiseForm.Validate(criteria, input.Scores, input.Flagged, input.FlagReason)
            : ScoreValidation.Validate(criteria, input.Scores, input.Flagged, input.FlagReason);
        if (valid is { Ok: false } invalid)
        {
            return new SubmitResult(SubmitOutcome.Invalid, invalid.Problems);
        }

        // Pairwise: the evaluator answered in the shown frame; store it in the versions' frame with the order shown,
        // decided here by the same hash the screen used (never by the browser).
        bool? aOnLeft = pairwise ? DisplayOrder.AOnLeft(evaluatorId, WorkQueries.DisplayOrderKey(assignment.ExampleId)) : null;
        var stored = aOnLeft is { } left
            ? input with { Scores = PairwiseForm.ToStored(criteria, input.Scores, left), Comments = PairwiseForm.KeysToStored(criteria, input.Comments, left) }
            : input;
        var keys = pairwise ? PairwiseForm.StoredKeys(criteria) : criteria.Select(c => c.Key).ToList();

        var session = assignment.SessionId is { } sid ? await db.EvaluationSessions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == sid, ct) : null;
        var policy = WorkSessions.PolicyOf(campaign);
        if (session is not null && !SessionRules.CanSubmit(WorkSessions.ToClock(session)!, now, policy))
        {
            log.LogInformation("Submit of assignment {AssignmentId} refused: the session's grace after the cap is over", assignmentId);
            return new SubmitResult(SubmitOutcome.GraceOver, [$"Your session reached its cap more than {policy.Grace.TotalMinutes:0} minutes ago; this example went back to the pool. Take your break."]);
        }

        // Invariant 5: the rate in force now is written into the rating; later rate changes never rewrite it.
        var rate = await db.EvaluatorProfiles.AsNoTracking().Where(p => p.UserId == evaluatorId)
            .Select(p => new RateCard(p.HourlyRate, p.FlatRate, p.Currency)).SingleOrDefaultAsync(ct) ?? RateCard.None;
        var externalId = await db.Examples.AsNoTracking().Where(e => e.Id == assignment.ExampleId).Select(e => e.ExternalId).SingleAsync(ct);
        return await db.InTransactionAsync(async tx =>
        {
            var k = campaign.K;
            var fromReserved = await db.Assignments
                .Where(a => a.Id == assignmentId && a.State == AssignmentState.Reserved)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.State, AssignmentState.Submitted).SetProperty(a => a.ClosedAt, now), ct);
            if (fromReserved == 0)
            {
                // The reservation expired while the evaluator was still working: take the slot back if one is free.
                var expert = assignment.ByExpert ? 1 : 0;
                var regained = await db.Examples
                    .Where(e => e.Id == assignment.ExampleId && e.HolderCount < k)
                    .ExecuteUpdateAsync(s => s.SetProperty(e => e.HolderCount, e => e.HolderCount + 1).SetProperty(e => e.ExpertHolderCount, e => e.ExpertHolderCount + expert), ct);
                var reopened = regained == 1 ? await db.Assignments
                    .Where(a => a.Id == assignmentId && a.State == AssignmentState.Expired)
                    .ExecuteUpdateAsync(s => s.SetProperty(a => a.State, AssignmentState.Submitted).SetProperty(a => a.ClosedAt, now), ct) : 0;
                if (reopened != 1)
                {
                    await tx.RollbackAsync(ct);
                    log.LogWarning("Submit of assignment {AssignmentId} refused: its reservation expired and example {ExampleId} already has all its ratings", assignmentId, assignment.ExampleId);
                    return new SubmitResult(SubmitOutcome.SlotLost, ["Your reservation expired and the example already has all its ratings. Your draft is kept; take the next example."]);
                }
            }

            var rating = RatingRecord.Build(
                new RatingOwner(assignmentId, campaign.Id, assignment.ExampleId, evaluatorId, campaign.RubricVersionId),
                stored, keys, rate, input.ActiveSeconds, now,
                session is null ? 0 : (session.ActiveSeconds + input.ActiveSeconds) / 60.0);
            rating.AOnLeft = aOnLeft;
            db.Ratings.Add(rating);
            db.RecordAssignment(now, evaluatorId, AuditActions.RatingSubmitted, assignmentId,
                $"example {externalId} in \"{campaign.Name}\"" + (rating.Flagged ? $"; flagged: {rating.FlagReason}" : ""));
            await db.SaveChangesAsync(ct);
            await db.RatingDrafts.Where(d => d.AssignmentId == assignmentId).ExecuteDeleteAsync(ct);
            await db.Examples.Where(e => e.Id == assignment.ExampleId)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.SubmittedCount, e => e.SubmittedCount + 1), ct);
            await db.Examples.Where(e => e.Id == assignment.ExampleId && e.SubmittedCount >= k && e.CompletedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.CompletedAt, now), ct);
            if (session is not null)
            {
                await db.EvaluationSessions.Where(s => s.Id == session.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.Items, x => x.Items + 1), ct);
            }

            await tx.CommitAsync(ct);
            return new SubmitResult(SubmitOutcome.Submitted, []);
        }, ct);
    }

    /// <summary>Gives the example back (with a reason); the evaluator will not be offered it again.</summary>
    public async Task<bool> SkipAsync(long assignmentId, string evaluatorId, string reason, CancellationToken ct = default)
    {
        var now = Now;
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.InTransactionAsync(async tx =>
        {
            var assignment = await db.Assignments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == assignmentId && a.EvaluatorId == evaluatorId, ct);
            if (assignment is null)
            {
                return false;
            }

            var closed = await db.Assignments.Where(a => a.Id == assignmentId && a.State == AssignmentState.Reserved)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.State, AssignmentState.Skipped).SetProperty(a => a.ClosedAt, now).SetProperty(a => a.SkipReason, InputText.Trim(reason)), ct);
            if (closed == 1)
            {
                await Reservations.ReleaseSlotAsync(db, assignment, ct);
            }
            else
            {
                await db.Assignments.Where(a => a.Id == assignmentId && a.State == AssignmentState.Expired)
                    .ExecuteUpdateAsync(s => s.SetProperty(a => a.State, AssignmentState.Skipped).SetProperty(a => a.SkipReason, InputText.Trim(reason)), ct);
            }

            await db.RatingDrafts.Where(d => d.AssignmentId == assignmentId).ExecuteDeleteAsync(ct);
            var example = await db.Examples.AsNoTracking().Where(e => e.Id == assignment.ExampleId).Select(e => new { e.ExternalId, e.Campaign.Name }).SingleAsync(ct);
            db.RecordAssignment(now, evaluatorId, AuditActions.AssignmentSkipped, assignmentId,
                $"example {example.ExternalId} in \"{example.Name}\": {InputText.Trim(reason) ?? "no reason given"}");
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return true;
        }, ct);
    }
}
