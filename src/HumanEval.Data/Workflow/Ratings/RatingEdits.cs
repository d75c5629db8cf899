using System.Globalization;
using System.Text;
using HumanEval.Core;
using HumanEval.Core.Campaigns;
using HumanEval.Core.Operations;
using HumanEval.Core.Pairwise;
using HumanEval.Core.Rubrics;
using HumanEval.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace HumanEval.Data.Workflow;

/// <summary>One of the evaluator's own submitted ratings, for the "Recently submitted" list.</summary>
/// <summary>One of the evaluator's own ratings: named by the neutral "Item {assignment id}" and the start of its input, never the external id (blinding).</summary>
public sealed record MyRating(long AssignmentId, int CampaignId, string CampaignName, string InputStart, DateTime SubmittedAt, int Version, DateTime? EditedAt, bool Editable)
{
    public const int InputStartLength = 80;

    public string Label => $"Item {AssignmentId}";
}

/// <summary>A submitted rating opened for change: the screen, its current content and version.</summary>
public sealed record EditableRating(RatingScreen Screen, DraftInput Current, int Version, DateTime SubmittedAt, bool Editable);

/// <summary>One version of a rating, for leads reading its history.</summary>
public sealed record RatingVersion(int Version, DateTime At, string? EditReason, IReadOnlyDictionary<string, int> Scores, string? Comment, bool Flagged, bool Current);

public enum EditOutcome
{
    Saved,
    Unchanged,
    Invalid,
    NotYours,
    CampaignClosed,
    Conflict,

    /// <summary>The evaluator is deactivated or no longer on the campaign's roster: their ratings stand as they were.</summary>
    NotOnRoster,
}

/// <summary>An edit: saved as <paramref name="Version"/>, or why not (an unchanged rating is reported, not saved).</summary>
public sealed record EditResult(EditOutcome Outcome, IReadOnlyList<string> Problems, int? Version = null) : RuleResult(Problems);

/// <summary>
/// Changes to submitted ratings. Nothing submitted is rewritten: an edit inserts version n + 1 and marks version n
/// superseded in one transaction (a filtered unique index keeps one current version per assignment), and the audit
/// log records before and after. Only the evaluator who made the rating may change it, and only while its campaign is
/// open. The rate stays the one in force when the rating was first made; the edit's active time is added to it, and
/// only current versions are counted, so cost is never double-counted.
/// </summary>
public sealed class RatingEdits(IDbContextFactory<AppDbContext> factory, WorkQueries queries, TimeProvider clock)
{
    public async Task<IReadOnlyList<MyRating>> RecentAsync(string evaluatorId, int take = 20, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await (from r in db.Ratings.AsNoTracking()
                      join e in db.Examples on r.ExampleId equals e.Id
                      join c in db.Campaigns on r.CampaignId equals c.Id
                      where r.EvaluatorId == evaluatorId
                      orderby r.SubmittedAt descending, r.Id descending
                      let member = db.RosterMembers.Any(m => m.CampaignId == c.Id && m.EvaluatorId == evaluatorId)
                          && db.EvaluatorProfiles.Any(p => p.UserId == evaluatorId && p.Active)
                      select new MyRating(r.AssignmentId, c.Id, c.Name, e.Input.Substring(0, e.Input.Length < MyRating.InputStartLength ? e.Input.Length : MyRating.InputStartLength), r.SubmittedAt, r.Version, r.EditedAt, c.State == CampaignState.Open && member))
            .Take(take).ToListAsync(ct);
    }

    public async Task<EditableRating?> LoadAsync(long assignmentId, string evaluatorId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var rating = await db.Ratings.AsNoTracking().Include(r => r.Scores)
            .SingleOrDefaultAsync(r => r.AssignmentId == assignmentId && r.EvaluatorId == evaluatorId, ct);
        if (rating is null)
        {
            return null;
        }

        var screen = await queries.ScreenAsync(assignmentId, evaluatorId, ct);
        var open = await db.Campaigns.AnyAsync(c => c.Id == rating.CampaignId && c.State == CampaignState.Open, ct)
            && await IsActiveMemberAsync(db, rating.CampaignId, evaluatorId, ct);
        if (screen is null)
        {
            return null;
        }

        // A pairwise rating is stored in the versions' frame; the form shows it as its evaluator saw it.
        var current = ToInput(rating);
        if (rating.AOnLeft is { } left)
        {
            var criteria = await db.RuleCriteriaAsync(rating.RubricVersionId, ct);
            current = current with { Scores = PairwiseForm.ToShown(criteria, current.Scores, left), Comments = PairwiseForm.KeysToShown(criteria, current.Comments, left) };
        }

        return new EditableRating(screen, current, rating.Version, rating.SubmittedAt, open);
    }

    public async Task<IReadOnlyList<RatingVersion>> HistoryAsync(long assignmentId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var versions = await db.Ratings.IgnoreQueryFilters().AsNoTracking().Include(r => r.Scores)
            .Where(r => r.AssignmentId == assignmentId).OrderBy(r => r.Version).ToListAsync(ct);
        return versions.Select(r => new RatingVersion(r.Version, r.EditedAt ?? r.SubmittedAt, r.EditReason,
            r.Scores.ToDictionary(s => s.CriterionKey, s => s.Value), r.OverallComment, r.Flagged, r.SupersededAt is null)).ToList();
    }

    /// <summary>Saves the changed rating as version <paramref name="basedOnVersion"/> + 1, unless someone (another tab) saved a newer one first.</summary>
    public async Task<EditResult> SaveAsync(long assignmentId, string evaluatorId, int basedOnVersion, DraftInput input, string? reason, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await factory.CreateDbContextAsync(ct);
        var old = await db.Ratings.AsNoTracking().Include(r => r.Scores).SingleOrDefaultAsync(r => r.AssignmentId == assignmentId, ct);
        if (old is null || old.EvaluatorId != evaluatorId)
        {
            return new EditResult(EditOutcome.NotYours, ["This rating is not yours to change."]);
        }

        if (old.Version != basedOnVersion)
        {
            return new EditResult(EditOutcome.Conflict, ["This rating was changed elsewhere (another tab?) after you opened it. Reload to see the current version."], old.Version);
        }

        var campaign = await db.Campaigns.AsNoTracking().SingleAsync(c => c.Id == old.CampaignId, ct);
        if (campaign.State != CampaignState.Open)
        {
            return new EditResult(EditOutcome.CampaignClosed, ["This campaign is closed; its ratings can no longer be changed."], old.Version);
        }

        // Only an active member of the campaign's roster may change a rating: a deactivated evaluator, or one taken off
        // the roster, leaves their ratings as they stood.
        if (!await IsActiveMemberAsync(db, old.CampaignId, evaluatorId, ct))
        {
            return new EditResult(EditOutcome.NotOnRoster, ["You are no longer on this campaign's roster (or your evaluator profile is inactive), so its ratings can no longer be changed. Ask your lead if this is a mistake."], old.Version);
        }

        var criteria = await db.RuleCriteriaAsync(old.RubricVersionId, ct);
        var valid = old.AOnLeft is null
            ? ScoreValidation.Validate(criteria, input.Scores, input.Flagged, input.FlagReason)
            : PairwiseForm.Validate(criteria, input.Scores, input.Flagged, input.FlagReason);
        if (valid is { Ok: false } invalid)
        {
            return new EditResult(EditOutcome.Invalid, invalid.Problems, old.Version);
        }

        var keys = old.AOnLeft is null ? criteria.Select(c => c.Key).ToList() : PairwiseForm.StoredKeys(criteria);
        if (old.AOnLeft is { } left)
        {
            input = input with { Scores = PairwiseForm.ToStored(criteria, input.Scores, left), Comments = PairwiseForm.KeysToStored(criteria, input.Comments, left) };
        }

        var before = ToInput(old);
        var changes = Describe(keys, before, input);
        if (changes.Length == 0)
        {
            return new EditResult(EditOutcome.Unchanged, ["Nothing changed."], old.Version);
        }

        var activeSeconds = old.ActiveSeconds + Math.Max(0, input.ActiveSeconds);
        var next = RatingRecord.Build(
            new RatingOwner(old.AssignmentId, old.CampaignId, old.ExampleId, old.EvaluatorId, old.RubricVersionId),
            input, keys, new RateCard(old.HourlyRate, old.FlatRate, old.Currency), activeSeconds, old.SubmittedAt, old.MinutesIntoSession);
        next.AOnLeft = old.AOnLeft;
        next.Version = old.Version + 1;
        next.EditedAt = now;
        next.EditReason = InputText.Trim(reason);
        return await db.InTransactionAsync(async tx =>
        {
            var superseded = await db.Ratings.Where(r => r.Id == old.Id && r.SupersededAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.SupersededAt, now), ct);
            if (superseded != 1)
            {
                await tx.RollbackAsync(ct);
                return new EditResult(EditOutcome.Conflict, ["This rating was changed elsewhere (another tab?) after you opened it. Reload to see the current version."]);
            }

            next.Id = 0;
            foreach (var s in next.Scores)
            {
                s.Id = 0;
            }

            db.Ratings.Add(next);
            var externalId = await db.Examples.AsNoTracking().Where(e => e.Id == old.ExampleId).Select(e => e.ExternalId).SingleAsync(ct);
            db.RecordAssignment(now, evaluatorId, AuditActions.RatingEdited, assignmentId,
                $"example {externalId}, v{old.Version} -> v{next.Version}: {changes}" + (next.EditReason is { } why ? $" (reason: {why})" : ""));
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return new EditResult(EditOutcome.Saved, [], next.Version);
        }, ct);
    }

    /// <summary>Only an active evaluator on the campaign's roster may change ratings there (RecentAsync asks the same in its query).</summary>
    private static async Task<bool> IsActiveMemberAsync(AppDbContext db, int campaignId, string evaluatorId, CancellationToken ct) =>
        await db.RosterMembers.AnyAsync(r => r.CampaignId == campaignId && r.EvaluatorId == evaluatorId, ct)
        && await db.EvaluatorProfiles.AnyAsync(p => p.UserId == evaluatorId && p.Active, ct);

    private static DraftInput ToInput(Rating r) => new(
        r.Scores.ToDictionary(s => s.CriterionKey, s => s.Value),
        r.Scores.Where(s => s.Comment is not null).ToDictionary(s => s.CriterionKey, s => s.Comment!),
        r.OverallComment, r.Flagged, r.FlagReason, 0);

    /// <summary>"accuracy 3 -> 4; tone comment "" -> "too curt"; flagged no -> yes" — empty when nothing changed.</summary>
    public static string Describe(IReadOnlyList<string> keys, DraftInput before, DraftInput after)
    {
        var parts = new List<string>();
        foreach (var key in keys)
        {
            var b = before.Scores.TryGetValue(key, out var bv) ? bv.ToString(CultureInfo.InvariantCulture) : "none";
            var a = after.Scores.TryGetValue(key, out var av) ? av.ToString(CultureInfo.InvariantCulture) : "none";
            if (b != a)
            {
                parts.Add($"{key} {b} -> {a}");
            }

            var bc = InputText.Trim(before.Comments.GetValueOrDefault(key)) ?? "";
            var ac = InputText.Trim(after.Comments.GetValueOrDefault(key)) ?? "";
            if (bc != ac)
            {
                parts.Add($"{key} comment {Quote(bc)} -> {Quote(ac)}");
            }
        }

        if ((InputText.Trim(before.OverallComment) ?? "") != (InputText.Trim(after.OverallComment) ?? ""))
        {
            parts.Add($"comment {Quote(before.OverallComment)} -> {Quote(after.OverallComment)}");
        }

        if (before.Flagged != after.Flagged || (after.Flagged && (InputText.Trim(before.FlagReason) ?? "") != (InputText.Trim(after.FlagReason) ?? "")))
        {
            parts.Add($"flagged {(before.Flagged ? "yes" : "no")} -> {(after.Flagged ? "yes" : "no")}" + (after.Flagged ? $" {Quote(after.FlagReason)}" : ""));
        }

        return string.Join("; ", parts);
    }

    private static string Quote(string? text)
    {
        var t = InputText.Trim(text) ?? "";
        var sb = new StringBuilder("\"");
        sb.Append(t.Length > 200 ? string.Concat(t.AsSpan(0, 200), "…") : t);
        return sb.Append('"').ToString();
    }
}
