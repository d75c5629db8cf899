using System.Text.Json;
using HumanEval.Core.Campaigns;
using HumanEval.Core.Quality;
using HumanEval.Core.Rubrics;
using Microsoft.EntityFrameworkCore;

namespace HumanEval.Data.Workflow;

/// <summary>
/// The review queue and each example's consensus, read from the current ratings, flags, the campaign's latest judge
/// and the current decisions, and handed to Core (<see cref="ReviewQueue"/>, <see cref="Consensus"/>). Absolute
/// campaigns only: a pairwise campaign's disagreements are read on its Comparison tab.
/// </summary>
public sealed class ReviewQueries(IDbContextFactory<AppDbContext> factory, JudgeImporter judges)
{
    internal sealed record Loaded(
        IReadOnlyList<Core.Rubrics.Criterion> Criteria, IReadOnlyDictionary<long, string> Examples, IReadOnlyDictionary<long, ExampleRatings> Ratings,
        IReadOnlyDictionary<long, (int Version, IReadOnlyDictionary<string, int> Scores)> Decisions, IReadOnlyDictionary<long, IReadOnlyList<string>> Raters);

    internal static IReadOnlyDictionary<string, int> ParseScores(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, int>>(json) ?? [];

    internal async Task<Loaded?> LoadAsync(AppDbContext db, int campaignId, CancellationToken ct, IReadOnlyCollection<long>? only = null)
    {
        var campaign = await db.Campaigns.AsNoTracking().SingleOrDefaultAsync(c => c.Id == campaignId, ct);
        if (campaign is null || campaign.Kind != CampaignKind.Absolute)
        {
            return null;
        }

        var criteria = await db.RuleCriteriaAsync(campaign.RubricVersionId, ct);
        var examples = await db.Examples.AsNoTracking().Where(e => e.CampaignId == campaignId && e.SubmittedCount > 0 && (only == null || only.Contains(e.Id)))
            .ToDictionaryAsync(e => e.Id, e => e.ExternalId, ct);
        var ratings = await db.Ratings.AsNoTracking().Where(r => r.CampaignId == campaignId && (only == null || only.Contains(r.ExampleId)))
            .Select(r => new { r.ExampleId, r.EvaluatorId, r.Flagged, Scores = r.Scores.Select(s => new { s.CriterionKey, s.Value }).ToList() }).ToListAsync(ct);
        var latest = (await judges.JudgesAsync(campaignId, ct)).FirstOrDefault();
        var judged = latest.Model is null ? [] : await db.JudgeScores.AsNoTracking()
            .Where(j => j.CampaignId == campaignId && j.JudgeModel == latest.Model && j.JudgePromptVersion == latest.Prompt && (only == null || only.Contains(j.ExampleId)))
            .ToDictionaryAsync(j => (j.ExampleId, j.CriterionKey), j => j.Score, ct);
        var decisions = (await db.ReviewDecisions.AsNoTracking().Where(d => d.CampaignId == campaignId && d.SupersededAt == null && (only == null || only.Contains(d.ExampleId))).ToListAsync(ct))
            .ToDictionary(d => d.ExampleId, d => (d.Version, ParseScores(d.Scores)));
        var byExample = ratings.GroupBy(r => r.ExampleId).Where(g => examples.ContainsKey(g.Key)).ToDictionary(g => g.Key, g => new ExampleRatings(
            examples[g.Key],
            criteria.Select(c => new CriterionRatings(c.Key, c.Scale, c.Min, c.Max,
                g.SelectMany(r => r.Scores.Where(s => s.CriterionKey == c.Key).Select(s => s.Value)).ToList(),
                judged.TryGetValue((g.Key, c.Key), out var j) ? j : null)).ToList(),
            g.Any(r => r.Flagged)));
        var raters = ratings.GroupBy(r => r.ExampleId).ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(r => r.EvaluatorId).Distinct().ToList());
        return new Loaded(criteria, examples, byExample, decisions, raters);
    }

    /// <summary>
    /// The queue, lowest agreement first, optionally by reason and criterion. Decided examples leave it unless
    /// <paramref name="includeDecided"/> (a decision settles the criteria it scores; a flag is settled by any decision).
    /// </summary>
    /// <param name="flaggedEvaluators">Evaluators with a behaviour flag (<see cref="BehaviourQueries"/>): each row counts its flagged raters.</param>
    /// <param name="reviewerId">An evaluator reviewer's id: their queue leaves out what they may not open (examples they rated,
    /// and, while they are on the roster of the open campaign, examples not yet complete). Null for leads.</param>
    public async Task<IReadOnlyList<ReviewQueueRow>?> QueueAsync(int campaignId, ReviewReason? reason = null, string? criterion = null, bool includeDecided = false,
        int spread = ReviewQueue.DefaultSpread, string? reviewerId = null, IReadOnlySet<string>? flaggedEvaluators = null, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if (await LoadAsync(db, campaignId, ct) is not { } loaded)
        {
            return null;
        }

        var ids = loaded.Ratings.ToDictionary(r => r.Value.Example, r => r.Key, StringComparer.Ordinal);
        var closedTo = reviewerId is null ? [] : await ClosedToAsync(db, campaignId, reviewerId, ct);
        return ReviewQueue.Build(loaded.Ratings.Values, spread)
            .Select(item =>
            {
                var decided = loaded.Decisions.TryGetValue(ids[item.Example], out var d) ? d : ((int Version, IReadOnlyDictionary<string, int> Scores)?)null;
                var open = item.Causes.Where(c => decided is null || (c.Criterion is { } k && !decided.Value.Scores.ContainsKey(k))).ToList();
                return (Item: item, Open: open, Decided: decided);
            })
            .Where(x => includeDecided || x.Open.Count > 0)
            .Where(x => !closedTo.Contains(ids[x.Item.Example]))
            .Where(x => reason is null || x.Item.Causes.Any(c => c.Reason == reason))
            .Where(x => criterion is null || x.Item.Causes.Any(c => c.Criterion == criterion))
            .Select(x => new ReviewQueueRow(x.Item.Example, x.Item.Causes, x.Item.Agreement, loaded.Ratings[ids[x.Item.Example]].Criteria.Max(c => c.Scores.Count), x.Decided?.Version,
                flaggedEvaluators is null ? 0 : loaded.Raters.GetValueOrDefault(ids[x.Item.Example], []).Count(flaggedEvaluators.Contains)))
            .ToList();
    }

    /// <summary>The examples an evaluator reviewer may not open (Core's <see cref="ReviewRules.CanReview"/>): rated by them, or still open to them.</summary>
    private static async Task<HashSet<long>> ClosedToAsync(AppDbContext db, int campaignId, string reviewerId, CancellationToken ct)
    {
        var rated = await db.Ratings.AsNoTracking().Where(r => r.CampaignId == campaignId && r.EvaluatorId == reviewerId).Select(r => r.ExampleId).ToListAsync(ct);
        var campaign = await db.Campaigns.AsNoTracking().SingleAsync(c => c.Id == campaignId, ct);
        var onRoster = await db.RosterMembers.AnyAsync(m => m.CampaignId == campaignId && m.EvaluatorId == reviewerId, ct);
        var incomplete = onRoster && campaign.State != CampaignState.Closed
            ? await db.Examples.AsNoTracking().Where(e => e.CampaignId == campaignId && e.SubmittedCount < campaign.K).Select(e => e.Id).ToListAsync(ct)
            : [];
        return [.. rated, .. incomplete];
    }

    /// <summary>Every rated example's consensus per criterion with its provenance (the grid, the example page, the Examples sheet, the golden-set builder).</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<CriterionConsensus>>> ConsensusAsync(int campaignId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await ConsensusAsync(db, campaignId, ct);
    }

    /// <summary>The consensus of some examples only (a page of the grid, one example's page), by external id.</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<CriterionConsensus>>> ConsensusOfAsync(int campaignId, IReadOnlyCollection<long> exampleIds, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await ConsensusAsync(db, campaignId, ct, exampleIds);
    }

    /// <summary>
    /// One line for an example's consensus: "unanimous" when every criterion is; otherwise each criterion that is not,
    /// with its provenance ("majority: tone · adjudicated: accuracy · unresolved: safety").
    /// </summary>
    public static string Summary(IReadOnlyList<CriterionConsensus> consensus)
    {
        ArgumentNullException.ThrowIfNull(consensus);
        var other = consensus.Where(c => c.Provenance != Provenance.Unanimous).GroupBy(c => c.Provenance).OrderByDescending(g => g.Key)
            .Select(g => $"{Core.Words.Of(g.Key)}: {string.Join(", ", g.Select(c => c.Criterion))}").ToList();
        return consensus.Count == 0 ? "" : other.Count == 0 ? "unanimous" : string.Join(" · ", other);
    }

    internal async Task<IReadOnlyDictionary<string, IReadOnlyList<CriterionConsensus>>> ConsensusAsync(AppDbContext db, int campaignId, CancellationToken ct, IReadOnlyCollection<long>? only = null)
    {
        if (await LoadAsync(db, campaignId, ct, only) is not { } loaded)
        {
            return new Dictionary<string, IReadOnlyList<CriterionConsensus>>();
        }

        return loaded.Ratings.ToDictionary(r => r.Value.Example, r => Of(r.Value, loaded.Decisions.TryGetValue(r.Key, out var d) ? d.Scores : null), StringComparer.Ordinal);
    }

    internal static IReadOnlyList<CriterionConsensus> Of(ExampleRatings ratings, IReadOnlyDictionary<string, int>? decided) =>
        ratings.Criteria.Select(c => Consensus.Of(c.Criterion, c.Scale, c.Scores, decided?.TryGetValue(c.Criterion, out var v) == true ? v : null)).ToList();

    /// <summary>Guideline gaps reviewers found in this campaign (current decisions), newest first: the list for the next rubric version.</summary>
    public async Task<IReadOnlyList<RubricFeedback>> FeedbackAsync(int campaignId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await (from d in db.ReviewDecisions.AsNoTracking()
                          where d.CampaignId == campaignId && d.SupersededAt == null && d.GuidelineGap
                          join e in db.Examples on d.ExampleId equals e.Id
                          join u in db.Users on d.ReviewerId equals u.Id into users
                          from u in users.DefaultIfEmpty()
                          orderby d.DecidedAt descending
                          select new { e.ExternalId, DisplayName = u == null ? d.ReviewerId : u.DisplayName, d.Notes, d.Scores, d.DecidedAt }).ToListAsync(ct);
        return rows.Select(r => new RubricFeedback(r.ExternalId, r.DisplayName, r.Notes, ParseScores(r.Scores).Keys.ToList(), r.DecidedAt)).ToList();
    }
}
