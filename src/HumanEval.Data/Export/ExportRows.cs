using HumanEval.Core.Agreement;
using HumanEval.Core.Operations;
using HumanEval.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace HumanEval.Data.Export;

/// <summary>One judge score next to the humans' ratings of the same example and criterion.</summary>
public sealed record JudgeRow(string ExternalId, string Criterion, double Judge, double HumanMedian, int Humans, double Exact, double WithinOne, string? Rationale);

/// <summary>
/// The raw rows of the export, read from the database as streams ordered by id and merged in one pass, so memory does
/// not grow with the number of ratings.
/// </summary>
/// <remarks>
/// The Examples sheet's consensus per criterion is Core's <see cref="Core.Quality.Consensus"/> with its provenance
/// (<paramref name="scales"/> per criterion; <paramref name="decisions"/>: the current review decisions' scores by
/// example id, few and small), the same figure as the grid and the review page.
/// </remarks>
internal sealed class ExportRows(IDbContextFactory<AppDbContext> factory, int campaignId, IReadOnlyList<string> criteria, int targetHours, DateTime now,
    IReadOnlyList<Core.Rubrics.ScaleType> scales, IReadOnlyDictionary<long, IReadOnlyDictionary<string, int>> decisions)
{
    private readonly int count = criteria.Count;

    /// <summary>Judge rows collected while the examples stream by (filled by <see cref="ExamplesAsync"/>).</summary>
    public List<JudgeRow> Judge { get; } = [];

    /// <summary>
    /// external_id, model, prompt version, imported, completed, turnaround h, status, ratings, consensus per criterion,
    /// the consensus' provenance in one line, largest spread, cost, flags, skips, skip reasons (" | " between them).
    /// </summary>
    public async IAsyncEnumerable<object?[]> ExamplesAsync(IReadOnlyDictionary<(long, string), (double Score, string? Rationale)> judge, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var scoresDb = await factory.CreateDbContextAsync(ct);
        var totals = await db.Ratings.AsNoTracking().Where(r => r.CampaignId == campaignId).GroupBy(r => r.ExampleId)
            .Select(g => new { g.Key, Cost = g.Sum(r => r.Cost), Flags = g.Count(r => r.Flagged) })
            .ToDictionaryAsync(x => x.Key, x => (x.Cost, x.Flags), ct);
        var skips = (await db.Assignments.AsNoTracking().Where(a => a.CampaignId == campaignId && a.State == AssignmentState.Skipped)
                .OrderBy(a => a.Id).Select(a => new { a.ExampleId, a.SkipReason }).ToListAsync(ct))
            .GroupBy(a => a.ExampleId)
            .ToDictionary(g => g.Key, g => (Count: g.Count(), Reasons: string.Join(" | ", g.Select(a => a.SkipReason ?? "no reason given"))));
        var scores = (from r in scoresDb.Ratings.AsNoTracking()
                      where r.CampaignId == campaignId
                      from s in r.Scores
                      orderby r.ExampleId
                      select new { r.ExampleId, s.CriterionKey, s.Value }).AsAsyncEnumerable().GetAsyncEnumerator(ct);
        try
        {
            var hasScore = await scores.MoveNextAsync();
            var examples = db.Examples.AsNoTracking().Where(e => e.CampaignId == campaignId).OrderBy(e => e.Id)
                .Select(e => new { e.Id, e.ExternalId, e.Model, e.PromptVersion, e.ImportedAt, e.CompletedAt, e.SubmittedCount });
            var values = Enumerable.Range(0, count).Select(_ => new List<double>()).ToArray();
            await foreach (var e in examples.AsAsyncEnumerable().WithCancellation(ct))
            {
                foreach (var list in values)
                {
                    list.Clear();
                }

                while (hasScore && scores.Current.ExampleId <= e.Id)
                {
                    var index = IndexOf(scores.Current.CriterionKey);
                    if (scores.Current.ExampleId == e.Id && index >= 0)
                    {
                        values[index].Add(scores.Current.Value);
                    }

                    hasScore = await scores.MoveNextAsync();
                }

                var row = new object?[14 + count];
                var (cost, flags) = totals.GetValueOrDefault(e.Id);
                row[0] = e.ExternalId;
                row[1] = e.Model;
                row[2] = e.PromptVersion;
                row[3] = e.ImportedAt;
                row[4] = e.CompletedAt;
                row[5] = e.CompletedAt is { } done ? Math.Round((done - e.ImportedAt).TotalHours, 2) : null;
                row[6] = HumanEval.Core.Words.Of(TurnaroundRules.StatusOf(e.ImportedAt, e.CompletedAt, targetHours, now));
                row[7] = e.SubmittedCount;
                double? spread = null;
                var consensus = new List<Core.Quality.CriterionConsensus>(count);
                for (var c = 0; c < count; c++)
                {
                    var v = values[c];
                    if (v.Count == 0)
                    {
                        continue;
                    }

                    var median = Ranks.Median(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(v));
                    var agreed = Core.Quality.Consensus.Of(criteria[c], scales[c], v.Select(x => (int)x).ToList(),
                        decisions.TryGetValue(e.Id, out var decided) && decided.TryGetValue(criteria[c], out var d) ? d : null);
                    consensus.Add(agreed);
                    row[8 + c] = agreed.Value;
                    spread = Math.Max(spread ?? 0, v.Max() - v.Min());
                    if (judge.TryGetValue((e.Id, criteria[c]), out var j))
                    {
                        Judge.Add(new JudgeRow(e.ExternalId, criteria[c], j.Score, median, v.Count,
                            v.Count(x => x == j.Score) / (double)v.Count, v.Count(x => Math.Abs(x - j.Score) <= 1) / (double)v.Count, j.Rationale));
                    }
                }

                row[8 + count] = Workflow.ReviewQueries.Summary(consensus);
                row[9 + count] = spread;
                row[10 + count] = totals.ContainsKey(e.Id) ? cost : null;
                row[11 + count] = flags;
                var skipped = skips.GetValueOrDefault(e.Id);
                row[12 + count] = skipped.Count;
                row[13 + count] = skipped.Reasons;
                yield return row;
            }
        }
        finally
        {
            await scores.DisposeAsync();
        }
    }

    /// <summary>rating id, external_id, evaluator, version, submitted, active seconds, minutes into session, cost, one score per criterion, comments, flagged, flag reason.</summary>
    public async IAsyncEnumerable<object?[]> RatingsAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var scoresDb = await factory.CreateDbContextAsync(ct);
        var scores = (from r in scoresDb.Ratings.AsNoTracking()
                      where r.CampaignId == campaignId
                      from s in r.Scores
                      orderby r.Id
                      select new { RatingId = r.Id, s.CriterionKey, s.Value, s.Comment }).AsAsyncEnumerable().GetAsyncEnumerator(ct);
        try
        {
            var hasScore = await scores.MoveNextAsync();
            var ratings = from r in db.Ratings.AsNoTracking()
                          where r.CampaignId == campaignId
                          join e in db.Examples on r.ExampleId equals e.Id
                          join u in db.Users on r.EvaluatorId equals u.Id
                          orderby r.Id
                          select new { r.Id, e.ExternalId, u.Email, r.Version, r.SubmittedAt, r.ActiveSeconds, r.MinutesIntoSession, r.Cost, r.OverallComment, r.Flagged, r.FlagReason };
            var comments = new List<string>();
            await foreach (var r in ratings.AsAsyncEnumerable().WithCancellation(ct))
            {
                var row = new object?[14 + count];
                row[0] = r.Id;
                row[1] = r.ExternalId;
                row[2] = r.Email;
                row[3] = r.Version;
                row[4] = r.SubmittedAt;
                row[5] = r.ActiveSeconds;
                row[6] = Math.Round(r.MinutesIntoSession, 1);
                row[7] = r.Cost;
                comments.Clear();
                while (hasScore && scores.Current.RatingId <= r.Id)
                {
                    var s = scores.Current;
                    var index = IndexOf(s.CriterionKey);
                    if (s.RatingId == r.Id && index >= 0)
                    {
                        row[8 + index] = s.Value;
                        if (!string.IsNullOrWhiteSpace(s.Comment))
                        {
                            comments.Add($"{s.CriterionKey}: {s.Comment}");
                        }
                    }

                    hasScore = await scores.MoveNextAsync();
                }

                if (!string.IsNullOrWhiteSpace(r.OverallComment))
                {
                    comments.Add($"overall: {r.OverallComment}");
                }

                row[8 + count] = comments.Count > 0 ? string.Join(" | ", comments) : null;
                row[9 + count] = r.Flagged;
                row[10 + count] = r.FlagReason;
                yield return row;
            }
        }
        finally
        {
            await scores.DisposeAsync();
        }
    }

    /// <summary>external_id, criterion, judge score, human median, human ratings, exact share, within-one share, rationale.</summary>
    public async IAsyncEnumerable<object?[]> JudgeAsync()
    {
        foreach (var j in Judge)
        {
            yield return [j.ExternalId, j.Criterion, j.Judge, j.HumanMedian, j.Humans, j.Exact, j.WithinOne, j.Rationale];
        }

        await Task.CompletedTask;
    }

    private int IndexOf(string key)
    {
        for (var i = 0; i < count; i++)
        {
            if (criteria[i] == key)
            {
                return i;
            }
        }

        return -1;
    }
}
