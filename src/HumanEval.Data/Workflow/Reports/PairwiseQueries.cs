using HumanEval.Core.Decisions;
using HumanEval.Core.Pairwise;
using HumanEval.Core.Rubrics;
using Microsoft.EntityFrameworkCore;

namespace HumanEval.Data.Workflow;

/// <summary>One current pairwise rating with what the sheet, the CSV and the preference export show of it (scores in the versions' frame).</summary>
public sealed record PairwiseRatingRow(
    long ExampleId, string ExternalId, string VersionA, string VersionB, string EvaluatorId, string Evaluator, string Email, bool AOnLeft,
    IReadOnlyDictionary<string, int> Scores, bool BothUnacceptable, string? BothReason, int ActiveSeconds, decimal Cost, string Currency, DateTime SubmittedAt);

/// <summary>A pairwise campaign's current ratings with its criteria and examples' texts (for the export's prompt/chosen/rejected).</summary>
public sealed record PairwiseData(
    IReadOnlyList<Criterion> Criteria, IReadOnlyList<PairwiseRatingRow> Ratings, IReadOnlyDictionary<long, (string Input, string OutputA, string OutputB)> Texts,
    IReadOnlyList<string> Versions)
{
    /// <summary>The ordinal criteria's ratings as Core reads them.</summary>
    public IEnumerable<PairwiseRating> CoreRatings() => Ratings.SelectMany(r => Criteria.Where(c => c.Scale == ScaleType.Ordinal)
        .Where(c => r.Scores.ContainsKey(c.Key) || r.BothUnacceptable)
        .Select(c => new PairwiseRating(r.ExternalId, r.VersionA, r.VersionB, r.EvaluatorId, c.Key, r.Scores.GetValueOrDefault(c.Key), r.BothUnacceptable, r.AOnLeft, r.SubmittedAt)));

    /// <summary>Per-response answers of the binary criteria: (example, version, criterion, failing).</summary>
    public IEnumerable<(string Example, string Version, string Criterion, bool Failing)> ResponseAnswers() => Ratings.SelectMany(r => Criteria
        .Where(c => c.Scale == ScaleType.Binary)
        .SelectMany(c => new[] { (true, r.VersionA), (false, r.VersionB) }
            .Where(s => r.Scores.ContainsKey(PairwiseForm.StoredKey(c.Key, s.Item1)))
            .Select(s => (r.ExternalId, s.Item2, c.Key, r.Scores[PairwiseForm.StoredKey(c.Key, s.Item1)] == 0))));
}

/// <summary>Everything the pairwise report draws: Core's report and details, the versions on offer, evaluator names.</summary>
public sealed record PairwiseView(
    PairwiseReport Report, IReadOnlyList<string> Versions, IReadOnlyList<int> Strength, IReadOnlyList<SplitExample> Splits,
    IReadOnlyList<ResponseFailures> Failures, IReadOnlyDictionary<string, string> EvaluatorNames, int RatingCount, BradleyTerryIntervals? Ratings = null,
    string? Judge = null, IReadOnlyDictionary<string, PairwiseJudgeAgreement>? JudgeAgreement = null);

/// <summary>
/// Reads pairwise campaigns for the report, the workbook and the exports, and hands the numbers to Core
/// (<see cref="PairwiseComparison"/>, <see cref="PairwiseDetails"/>, <see cref="PreferencePairs"/>): the same code the
/// CLI runs on the exported CSV.
/// </summary>
public sealed class PairwiseQueries(IDbContextFactory<AppDbContext> factory, ComparisonQueries comparisons)
{
    public async Task<PairwiseData?> LoadAsync(int campaignId, bool withTexts = false, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var campaign = await db.Campaigns.AsNoTracking().SingleOrDefaultAsync(c => c.Id == campaignId, ct);
        if (campaign is null)
        {
            return null;
        }

        var criteria = await db.RuleCriteriaAsync(campaign.RubricVersionId, ct);
        var examples = await db.Examples.AsNoTracking().Where(e => e.CampaignId == campaignId)
            .Select(e => new { e.Id, e.ExternalId, e.VersionA, e.VersionB }).ToDictionaryAsync(e => e.Id, ct);
        var names = await db.Users.AsNoTracking().Where(u => db.Ratings.Any(r => r.CampaignId == campaignId && r.EvaluatorId == u.Id))
            .ToDictionaryAsync(u => u.Id, u => (u.DisplayName, Email: u.Email ?? u.Id), ct);
        var ratings = await db.Ratings.AsNoTracking().Include(r => r.Scores).Where(r => r.CampaignId == campaignId && r.AOnLeft != null)
            .OrderBy(r => r.ExampleId).ThenBy(r => r.EvaluatorId).ToListAsync(ct);
        var rows = ratings.Where(r => examples.ContainsKey(r.ExampleId)).Select(r =>
        {
            var e = examples[r.ExampleId];
            var scores = r.Scores.Where(s => s.CriterionKey != PairwiseForm.BothKey).ToDictionary(s => s.CriterionKey, s => s.Value, StringComparer.Ordinal);
            var both = r.Scores.FirstOrDefault(s => s.CriterionKey == PairwiseForm.BothKey);
            return new PairwiseRatingRow(r.ExampleId, e.ExternalId, e.VersionA ?? "", e.VersionB ?? "", r.EvaluatorId, names.TryGetValue(r.EvaluatorId, out var n) ? n.DisplayName : r.EvaluatorId, n.Email ?? r.EvaluatorId,
                r.AOnLeft!.Value, scores, both?.Value == 1, both?.Comment, r.ActiveSeconds, r.Cost, r.Currency, r.SubmittedAt);
        }).ToList();
        var texts = withTexts
            ? await db.Examples.AsNoTracking().Where(e => e.CampaignId == campaignId)
                .Select(e => new { e.Id, e.Input, e.Output, e.OutputB }).ToDictionaryAsync(e => e.Id, e => (e.Input, e.Output, e.OutputB ?? ""), ct)
            : [];
        var versions = examples.Values.SelectMany(e => new[] { e.VersionA, e.VersionB }).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return new PairwiseData(criteria, rows, texts, versions);
    }

    /// <summary>The default comparison: the most common version A as baseline, the most common version B as candidate.</summary>
    public static (string Baseline, string Candidate)? DefaultPair(PairwiseData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var a = data.Ratings.GroupBy(r => r.VersionA).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).FirstOrDefault()?.Key;
        var b = data.Ratings.Where(r => r.VersionA == a).GroupBy(r => r.VersionB).OrderByDescending(g => g.Count()).FirstOrDefault()?.Key;
        return a is null || b is null ? data.Versions.Count >= 2 ? (data.Versions[0], data.Versions[1]) : null : (a, b);
    }

    public async Task<PairwiseView?> CompareAsync(int campaignId, string? baseline = null, string? candidate = null, int draws = VersionComparison.DefaultDraws, CancellationToken ct = default)
    {
        var data = await LoadAsync(campaignId, ct: ct);
        if (data is null || (baseline is null || candidate is null ? DefaultPair(data) : (baseline, candidate)) is not { } pair)
        {
            return null;
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        var campaign = await db.Campaigns.AsNoTracking().SingleAsync(c => c.Id == campaignId, ct);
        var rows = data.Ratings;
        var totals = rows.Count == 0 ? null
            : new ComparisonQueries.Totals(0, 0, rows.Count, rows.Sum(r => (double)r.Cost), rows.Min(r => r.SubmittedAt), rows.Max(r => r.SubmittedAt));
        var core = data.CoreRatings().ToList();
        var criteria = data.Criteria.Where(c => c.Scale == ScaleType.Ordinal).Select(c => (c.Key, c.Label)).ToList();
        var report = PairwiseComparison.Compare(core, criteria, comparisons.Options(campaign, pair.Baseline, pair.Candidate, draws, totals));
        // An imported pairwise judge (the first model / prompt version): its verdict per example against the human majority.
        var judge = await db.JudgeScores.AsNoTracking().Where(j => j.CampaignId == campaignId)
            .GroupBy(j => new { j.JudgeModel, j.JudgePromptVersion }).Select(g => g.Key).OrderBy(k => k.JudgeModel).ThenBy(k => k.JudgePromptVersion).FirstOrDefaultAsync(ct);
        Dictionary<string, PairwiseJudgeAgreement>? judged = null;
        if (judge is not null)
        {
            var ids = await db.Examples.AsNoTracking().Where(e => e.CampaignId == campaignId).ToDictionaryAsync(e => e.Id, e => e.ExternalId, ct);
            var verdicts = await db.JudgeScores.AsNoTracking().Where(j => j.CampaignId == campaignId && j.JudgeModel == judge.JudgeModel && j.JudgePromptVersion == judge.JudgePromptVersion)
                .Select(j => new { j.ExampleId, j.CriterionKey, j.Score }).ToListAsync(ct);
            judged = criteria.ToDictionary(c => c.Key, c => PairwiseJudge.Compare(
                core.Where(r => r.Criterion == c.Key).Select(r => (r.Example, r.Evaluator, r.BothUnacceptable ? 0 : r.Preference)),
                verdicts.Where(v => v.CriterionKey == c.Key && ids.ContainsKey(v.ExampleId)).ToDictionary(v => ids[v.ExampleId], v => (int)Math.Round(v.Score), StringComparer.Ordinal)), StringComparer.Ordinal);
        }

        return new PairwiseView(report, data.Versions, PairwiseDetails.Strength(core, pair.Baseline, pair.Candidate),
            PairwiseDetails.Splits(core, pair.Baseline, pair.Candidate),
            PairwiseDetails.Failures(data.ResponseAnswers()), rows.ToLookup(r => r.EvaluatorId).ToDictionary(g => g.Key, g => g.First().Evaluator, StringComparer.Ordinal), rows.Count,
            // Three or more versions: Bradley–Terry ratings of all of them, the baseline at 1000, intervals by examples.
            data.Versions.Count >= 3 ? BradleyTerry.Intervals(PairwiseDetails.Battles(core), pair.Baseline, seed: (int)(campaign.Seed % int.MaxValue)) : null,
            judge is null ? null : $"{judge.JudgeModel} / {judge.JudgePromptVersion}", judged);
    }
}
