using System.Text.Json;
using HumanEval.Core;
using HumanEval.Core.Quality;
using HumanEval.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace HumanEval.Data.Workflow;

/// <summary>
/// The reviewer's desk: a disputed example with everything needed to decide it, and the decision itself — checked by
/// Core's <see cref="ReviewRules"/>, saved as a new version (the previous one superseded in the same transaction, one
/// current version per example held by a filtered unique index) with an audit entry. Ratings are never touched.
/// </summary>
public sealed class ReviewDesk(IDbContextFactory<AppDbContext> factory, ReviewQueries queries, JudgeImporter judges, TimeProvider clock)
{
    /// <summary>Is this person a reviewer (with <paramref name="activeOnly"/>: an active one, who may review now)?</summary>
    public async Task<bool> IsReviewerAsync(string userId, bool activeOnly = true, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.EvaluatorProfiles.AnyAsync(p => p.UserId == userId && p.IsReviewer && (p.Active || !activeOnly), ct);
    }

    public async Task<ReviewCase?> CaseAsync(int campaignId, string externalId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var e = await db.Examples.AsNoTracking().Include(x => x.Campaign).SingleOrDefaultAsync(x => x.CampaignId == campaignId && x.ExternalId == externalId, ct);
        if (e is null || await queries.LoadAsync(db, campaignId, ct, [e.Id]) is not { } loaded)
        {
            return null;
        }

        var criteria = (await db.CriteriaOf(e.Campaign.RubricVersionId).Include(c => c.Anchors).ToListAsync(ct)).Select(c => new CriterionView(
            c.Key, c.Label, c.Description, c.Scale, c.Min, c.Max, c.Required, c.Anchors.OrderBy(a => a.Level).Select(a => new Core.Rubrics.Anchor(a.Level, a.Text)).ToList())).ToList();
        var ratings = await (from r in db.Ratings.AsNoTracking().Include(r => r.Scores)
                             where r.ExampleId == e.Id
                             join u in db.Users on r.EvaluatorId equals u.Id
                             join p in db.EvaluatorProfiles on r.EvaluatorId equals p.UserId into profiles
                             from p in profiles.DefaultIfEmpty()
                             orderby r.SubmittedAt
                             select new { r, u.DisplayName, Type = p == null ? (Core.Assignment.EvaluatorKind?)null : p.Type }).ToListAsync(ct);
        var latest = (await judges.JudgesAsync(campaignId, ct)).FirstOrDefault();
        var judge = latest.Model is null ? [] : await db.JudgeScores.AsNoTracking()
            .Where(j => j.ExampleId == e.Id && j.JudgeModel == latest.Model && j.JudgePromptVersion == latest.Prompt).OrderBy(j => j.CriterionKey)
            .Select(j => new ReviewJudgeScore(j.CriterionKey, j.Score, j.JudgeModel + " / " + j.JudgePromptVersion, j.Rationale)).ToListAsync(ct);
        var decisions = await (from d in db.ReviewDecisions.AsNoTracking()
                               where d.ExampleId == e.Id
                               join u in db.Users on d.ReviewerId equals u.Id into users
                               from u in users.DefaultIfEmpty()
                               orderby d.Version
                               select new { d, DisplayName = u == null ? d.ReviewerId : u.DisplayName }).ToListAsync(ct);
        var current = loaded.Decisions.TryGetValue(e.Id, out var cd) ? cd.Scores : null;
        var rated = loaded.Ratings.GetValueOrDefault(e.Id);
        return new ReviewCase(campaignId, e.Campaign.Name, new ExampleView(e.Id, $"Example {e.ExternalId}", e.Input, e.Output, e.Context, e.Reference), criteria,
            ratings.Select(x => new ReviewRating(x.r.EvaluatorId, x.DisplayName, x.Type, x.r.Scores.ToDictionary(s => s.CriterionKey, s => s.Value),
                x.r.Scores.Where(s => !string.IsNullOrWhiteSpace(s.Comment)).ToDictionary(s => s.CriterionKey, s => s.Comment!),
                x.r.OverallComment, x.r.Flagged, x.r.FlagReason, x.r.ActiveSeconds, x.r.SubmittedAt)).ToList(),
            judge, rated is null ? [] : ReviewQueue.Causes(rated), rated is null ? [] : ReviewQueries.Of(rated, current),
            decisions.Select(x => new DecisionView(x.d.Version, x.DisplayName, ReviewQueries.ParseScores(x.d.Scores), x.d.Confidence, x.d.Category, x.d.Notes, x.d.GuidelineGap, x.d.DecidedAt)).ToList());
    }

    /// <summary>Records a decision as the next version; refused (with the reasons) for a non-reviewer, one's own example, a missing or off-scale score, or a stale version.</summary>
    public async Task<RuleResult> DecideAsync(int campaignId, string externalId, string userId, bool isLead, DecisionInput input, int? basedOnVersion, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await factory.CreateDbContextAsync(ct);
        var e = await db.Examples.AsNoTracking().Include(x => x.Campaign).SingleOrDefaultAsync(x => x.CampaignId == campaignId && x.ExternalId == externalId, ct);
        if (e is null)
        {
            return RuleResult.Refused("There is no such example in this campaign.");
        }

        var access = await AccessAsync(db, e, userId, isLead, ct);
        var criteria = await db.RuleCriteriaAsync(e.Campaign.RubricVersionId, ct);
        var loaded = await queries.LoadAsync(db, campaignId, ct, [e.Id]);
        var disputed = loaded?.Ratings.GetValueOrDefault(e.Id) is { } r ? ReviewQueue.Causes(r).Select(c => c.Criterion).OfType<string>() : [];
        var allowed = access.And(ReviewRules.Validate(criteria, input.Scores, disputed, input.Notes));
        if (!allowed.Ok)
        {
            return allowed;
        }

        return await db.InTransactionAsync(async tx =>
        {
            var current = await db.ReviewDecisions.Where(d => d.ExampleId == e.Id && d.SupersededAt == null).Select(d => (int?)d.Version).SingleOrDefaultAsync(ct);
            if (current != basedOnVersion)
            {
                await tx.RollbackAsync(ct);
                return RuleResult.Refused("Someone decided this example after you opened it. Reload to see their decision.");
            }

            if (current is not null)
            {
                await db.ReviewDecisions.Where(d => d.ExampleId == e.Id && d.SupersededAt == null).ExecuteUpdateAsync(s => s.SetProperty(d => d.SupersededAt, now), ct);
            }

            var version = (current ?? 0) + 1;
            db.ReviewDecisions.Add(new ReviewDecision
            {
                CampaignId = campaignId, ExampleId = e.Id, Version = version, ReviewerId = userId, Scores = JsonSerializer.Serialize(input.Scores),
                Confidence = input.Confidence, Category = input.Category, Notes = InputText.Trim(input.Notes), GuidelineGap = input.GuidelineGap, DecidedAt = now,
            });
            db.RecordCampaign(now, userId, AuditActions.ReviewDecided, campaignId,
                $"example {externalId} v{version}: {string.Join(", ", input.Scores.Select(s => $"{s.Key} {s.Value}"))}; {input.Category}, {input.Confidence} confidence" + (input.GuidelineGap ? "; guideline gap" : ""));
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return RuleResult.Allowed;
        }, ct);
    }

    /// <summary>May this person open and decide this example (Core's <see cref="ReviewRules.CanReview"/>)?</summary>
    public async Task<RuleResult> CanReviewAsync(int campaignId, string externalId, string userId, bool isLead, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var e = await db.Examples.AsNoTracking().Include(x => x.Campaign).SingleOrDefaultAsync(x => x.CampaignId == campaignId && x.ExternalId == externalId, ct);
        return e is null ? RuleResult.Refused("There is no such example in this campaign.") : await AccessAsync(db, e, userId, isLead, ct);
    }

    private static async Task<RuleResult> AccessAsync(AppDbContext db, Example e, string userId, bool isLead, CancellationToken ct)
    {
        var isReviewer = await db.EvaluatorProfiles.AnyAsync(p => p.UserId == userId && p.IsReviewer && p.Active, ct);
        var rated = await db.Ratings.AnyAsync(r => r.ExampleId == e.Id && r.EvaluatorId == userId, ct);
        var mayBeAssigned = e.Campaign.State != Core.Campaigns.CampaignState.Closed && e.SubmittedCount < e.Campaign.K
            && await db.RosterMembers.AnyAsync(m => m.CampaignId == e.CampaignId && m.EvaluatorId == userId, ct);
        return ReviewRules.CanReview(isLead, isReviewer, rated, mayBeAssigned);
    }

    /// <summary>A lead marks an evaluator as a reviewer (or takes it back); audited.</summary>
    public async Task<bool> SetReviewerAsync(string evaluatorId, bool reviewer, string leadId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var profile = await db.EvaluatorProfiles.SingleOrDefaultAsync(p => p.UserId == evaluatorId, ct);
        if (profile is null || profile.IsReviewer == reviewer)
        {
            return profile is not null;
        }

        profile.IsReviewer = reviewer;
        db.Record(clock.GetUtcNow().UtcDateTime, leadId, AuditActions.EvaluatorReviewer, "evaluator", evaluatorId, reviewer ? "made a reviewer" : "no longer a reviewer");
        await db.SaveChangesAsync(ct);
        return true;
    }
}
