using HumanEval.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace HumanEval.Data.Workflow;

public sealed record ExampleRating(string Email, DateTime SubmittedAt, IReadOnlyDictionary<string, int> Scores, string? Comment, bool Flagged, string? FlagReason, int Version = 1, DateTime? EditedAt = null, string? EditReason = null,
    IReadOnlyDictionary<string, string>? CriterionComments = null);

public sealed record ExampleJudgeScore(string Criterion, double Score, string Judge, string? Rationale);

/// <summary>An evaluator gave the example back, with the reason they typed.</summary>
public sealed record ExampleSkip(string Email, DateTime At, string? Reason);

/// <remarks>
/// A pairwise example: <see cref="Versions"/> names output A and B (the lead sees them; <see cref="ExampleView.Output"/>
/// is A, <see cref="ExampleView.SecondOutput"/> B); <see cref="Criteria"/> are the stored keys (preferences, each
/// response's safety, "both unacceptable") with <see cref="Headers"/> and level names in the versions' words.
/// </remarks>
public sealed record ExampleDetail(ExampleView Example, string CampaignName, IReadOnlyList<string> Criteria, IReadOnlyList<ExampleRating> Ratings, IReadOnlyList<ExampleJudgeScore> Judge,
    IReadOnlyList<ExampleSkip> Skips, IReadOnlyDictionary<string, IReadOnlyDictionary<int, string>>? LevelNames = null,
    (string A, string B)? Versions = null, IReadOnlyDictionary<string, string>? Headers = null)
{
    public string Header(string criterion) => Headers?.GetValueOrDefault(criterion) ?? criterion;

    /// <summary>A score as the rater chose it: the level's name on a binary scale ("Safe"), the number otherwise.</summary>
    public string Show(string criterion, int value) =>
        LevelNames?.GetValueOrDefault(criterion)?.GetValueOrDefault(value) ?? value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

public enum ExampleFilter
{
    All,
    Open,
    InProgress,
    Complete,
    Flagged,
    Skipped,
}

public sealed record ExamplePageRequest(int Page, int PageSize, string? SortBy = null, bool Descending = false, string? Search = null, ExampleFilter Filter = ExampleFilter.All);

public sealed record ExampleListRow(long Id, string ExternalId, string? Model, string? PromptVersion, DateTime ImportedAt, int Submitted, int Holders, DateTime? CompletedAt, decimal Cost, int Flags, int Skips = 0);

/// <summary>One example with every rating and judge score, for leads (evaluators never see this).</summary>
public sealed class ExampleQueries(IDbContextFactory<AppDbContext> factory)
{
    /// <summary>One page of a campaign's examples, filtered and sorted in the database (grids stay fast at 100,000 rows).</summary>
    public async Task<(IReadOnlyList<ExampleListRow> Rows, int Total)> PageAsync(int campaignId, ExamplePageRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using var db = await factory.CreateDbContextAsync(ct);
        var k = await db.Campaigns.Where(c => c.Id == campaignId).Select(c => c.K).SingleAsync(ct);
        var query = db.Examples.AsNoTracking().Where(e => e.CampaignId == campaignId);
        if (!string.IsNullOrWhiteSpace(request.Search))
        {
            var term = request.Search.Trim();
            query = query.Where(e => e.ExternalId.Contains(term) || (e.Model != null && e.Model.Contains(term)) || (e.PromptVersion != null && e.PromptVersion.Contains(term)));
        }

        query = request.Filter switch
        {
            ExampleFilter.Open => query.Where(e => e.SubmittedCount < k && e.HolderCount == 0),
            ExampleFilter.InProgress => query.Where(e => e.SubmittedCount < k && e.HolderCount > 0),
            ExampleFilter.Complete => query.Where(e => e.SubmittedCount >= k),
            ExampleFilter.Flagged => query.Where(e => db.Ratings.Any(r => r.ExampleId == e.Id && r.Flagged)),
            ExampleFilter.Skipped => query.Where(e => db.Assignments.Any(a => a.ExampleId == e.Id && a.State == AssignmentState.Skipped)),
            _ => query,
        };
        var total = await query.CountAsync(ct);
        query = (request.SortBy, request.Descending) switch
        {
            (nameof(ExampleListRow.ExternalId), false) => query.OrderBy(e => e.ExternalId),
            (nameof(ExampleListRow.ExternalId), true) => query.OrderByDescending(e => e.ExternalId),
            (nameof(ExampleListRow.Model), false) => query.OrderBy(e => e.Model).ThenBy(e => e.Position),
            (nameof(ExampleListRow.Model), true) => query.OrderByDescending(e => e.Model).ThenBy(e => e.Position),
            (nameof(ExampleListRow.Submitted), false) => query.OrderBy(e => e.SubmittedCount).ThenBy(e => e.Position),
            (nameof(ExampleListRow.Submitted), true) => query.OrderByDescending(e => e.SubmittedCount).ThenBy(e => e.Position),
            (nameof(ExampleListRow.CompletedAt), false) => query.OrderBy(e => e.CompletedAt).ThenBy(e => e.Position),
            (nameof(ExampleListRow.CompletedAt), true) => query.OrderByDescending(e => e.CompletedAt).ThenBy(e => e.Position),
            (nameof(ExampleListRow.ImportedAt), true) => query.OrderByDescending(e => e.ImportedAt).ThenByDescending(e => e.Position),
            _ => query.OrderBy(e => e.Position),
        };
        var rows = await query.Skip(request.Page * request.PageSize).Take(request.PageSize)
            .Select(e => new ExampleListRow(e.Id, e.ExternalId, e.Model, e.PromptVersion, e.ImportedAt, e.SubmittedCount, e.HolderCount, e.CompletedAt,
                db.Ratings.Where(r => r.ExampleId == e.Id).Sum(r => r.Cost), db.Ratings.Count(r => r.ExampleId == e.Id && r.Flagged),
                db.Assignments.Count(a => a.ExampleId == e.Id && a.State == AssignmentState.Skipped)))
            .ToListAsync(ct);
        return (rows, total);
    }

    public async Task<ExampleDetail?> DetailAsync(int campaignId, string externalId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var e = await db.Examples.AsNoTracking().Include(x => x.Campaign).SingleOrDefaultAsync(x => x.CampaignId == campaignId && x.ExternalId == externalId, ct);
        if (e is null)
        {
            return null;
        }

        var rubric = await db.Criteria.AsNoTracking().Include(c => c.Anchors).Where(c => c.RubricVersionId == e.Campaign.RubricVersionId).OrderBy(c => c.Position).ToListAsync(ct);
        var criteria = rubric.Select(c => c.Key).ToList();
        var levelNames = rubric.Where(c => c.Scale == HumanEval.Core.Rubrics.ScaleType.Binary).ToDictionary(c => c.Key,
            c => (IReadOnlyDictionary<int, string>)HumanEval.Core.Rubrics.LevelNames.Of(c.Scale, c.Min, c.Max, c.Anchors.OrderBy(a => a.Level).Select(a => new HumanEval.Core.Rubrics.Anchor(a.Level, a.Text)).ToList())
                .ToDictionary(l => l.Level, l => l.Name));
        var ratings = await db.Ratings.AsNoTracking().Include(r => r.Scores).Where(r => r.ExampleId == e.Id)
            .Join(db.Users, r => r.EvaluatorId, u => u.Id, (r, u) => new { r, u.Email }).ToListAsync(ct);
        var skips = await db.Assignments.AsNoTracking().Where(a => a.ExampleId == e.Id && a.State == AssignmentState.Skipped)
            .Join(db.Users, a => a.EvaluatorId, u => u.Id, (a, u) => new { u.Email, At = a.ClosedAt ?? a.ClaimedAt, a.SkipReason }).ToListAsync(ct);
        (string A, string B)? versions = e.Campaign.Kind == Core.Campaigns.CampaignKind.Pairwise ? (e.VersionA ?? "A", e.VersionB ?? "B") : null;
        Dictionary<string, string>? headers = null;
        if (versions is { } v)
        {
            (criteria, levelNames, headers) = PairwiseColumns(rubric, v.A, v.B, levelNames);
        }

        var judge = await db.JudgeScores.AsNoTracking().Where(j => j.ExampleId == e.Id).OrderBy(j => j.JudgeModel).ThenBy(j => j.CriterionKey).ToListAsync(ct);
        return new ExampleDetail(
            new ExampleView(e.Id, $"Example {e.ExternalId}", e.Input, e.Output, e.Context, e.Reference, e.OutputB),
            e.Campaign.Name,
            criteria,
            ratings.OrderBy(x => x.r.SubmittedAt).Select(x => new ExampleRating(x.Email ?? "", x.r.SubmittedAt,
                x.r.Scores.ToDictionary(s => s.CriterionKey, s => s.Value), x.r.OverallComment, x.r.Flagged, x.r.FlagReason, x.r.Version, x.r.EditedAt, x.r.EditReason,
                x.r.Scores.Where(s => !string.IsNullOrWhiteSpace(s.Comment)).ToDictionary(s => s.CriterionKey, s => s.Comment!))).ToList(),
            judge.Select(j => new ExampleJudgeScore(j.CriterionKey, j.Score, $"{j.JudgeModel} / {j.JudgePromptVersion}", j.Rationale)).ToList(),
            skips.OrderBy(x => x.At).Select(x => new ExampleSkip(x.Email ?? "", x.At, x.SkipReason)).ToList(),
            levelNames, versions, headers);
    }

    /// <summary>A pairwise rating's stored keys as columns, with the preferences and per-response answers in the versions' words.</summary>
    private static (List<string> Keys, Dictionary<string, IReadOnlyDictionary<int, string>> Levels, Dictionary<string, string> Headers) PairwiseColumns(
        List<Entities.Criterion> rubric, string a, string b, Dictionary<string, IReadOnlyDictionary<int, string>> binaryNames)
    {
        var keys = new List<string>();
        var levels = new Dictionary<string, IReadOnlyDictionary<int, string>>(StringComparer.Ordinal);
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        var preference = new Dictionary<int, string> { [-2] = $"{a} much better", [-1] = $"{a} better", [0] = "about the same", [1] = $"{b} better", [2] = $"{b} much better" };
        foreach (var c in rubric.Where(c => c.Scale == Core.Rubrics.ScaleType.Ordinal))
        {
            keys.Add(c.Key);
            levels[c.Key] = preference;
            headers[c.Key] = c.Label;
        }

        foreach (var c in rubric.Where(c => c.Scale == Core.Rubrics.ScaleType.Binary))
        {
            foreach (var (forA, version) in new[] { (true, a), (false, b) })
            {
                var key = Core.Pairwise.PairwiseForm.StoredKey(c.Key, forA);
                keys.Add(key);
                levels[key] = binaryNames[c.Key];
                headers[key] = $"{c.Label} of {version}";
            }
        }

        keys.Add(Core.Pairwise.PairwiseForm.BothKey);
        levels[Core.Pairwise.PairwiseForm.BothKey] = new Dictionary<int, string> { [0] = "no", [1] = "yes" };
        headers[Core.Pairwise.PairwiseForm.BothKey] = "Both unacceptable";
        return (keys, levels, headers);
    }
}
