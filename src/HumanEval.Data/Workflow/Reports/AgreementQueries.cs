using System.Globalization;
using System.Text;
using HumanEval.Core.Agreement;
using HumanEval.Core.Rubrics;
using HumanEval.Data.Entities;
using HumanEval.Data.Export;
using Microsoft.EntityFrameworkCore;

namespace HumanEval.Data.Workflow;

public sealed record EvaluatorAgreementRow(string Email, int Ratings, double? Exact, double? WithinOne, double? MeanOffset, double? DriftPerHour);

public sealed record JudgeCell(int Judge, int HumanMedian, int Count);

public sealed record CriterionReport(
    string Key, string Label, ScaleType Scale, CriterionAgreement Agreement, double? Alpha, Interval? AlphaInterval, Reliability Reliability,
    double? MeanScore, IReadOnlyList<JudgeCell> Confusion, JudgeVerdict? Verdict = null);

public sealed record JudgeDisagreement(string ExternalId, string Criterion, double Judge, double HumanMedian);

public sealed record CampaignAgreement(
    int Ratings, IReadOnlyList<CriterionReport> Criteria, IReadOnlyList<EvaluatorAgreementRow> Evaluators,
    string? Judge, IReadOnlyList<JudgeDisagreement> Disagreements);

/// <summary>
/// Agreement of a campaign's submitted ratings, computed by Core's statistics (the same code as <c>humaneval agreement</c>).
/// Alpha is ordinal for ordinal scales and nominal for binary ones.
/// </summary>
public sealed class AgreementQueries(IDbContextFactory<AppDbContext> factory)
{
    private sealed record Row(string ExternalId, string EvaluatorId, string Email, string Criterion, int Value, double Minutes, DateTime SubmittedAt);

    /// <summary>
    /// Every score with its example and rater. Streamed, and each repeated string (example id, rater, criterion) is kept
    /// once: 100,000 ratings × 5 criteria would otherwise hold two million duplicate strings.
    /// </summary>
    private static async Task<List<Row>> RowsAsync(AppDbContext db, int campaignId, CancellationToken ct)
    {
        var pool = new Dictionary<string, string>(StringComparer.Ordinal);
        string Pooled(string value) => pool.TryGetValue(value, out var kept) ? kept : pool[value] = value;
        var rows = new List<Row>();
        var query = from r in db.Ratings.AsNoTracking()
                    where r.CampaignId == campaignId
                    join e in db.Examples on r.ExampleId equals e.Id
                    join u in db.Users on r.EvaluatorId equals u.Id
                    from s in r.Scores
                    select new { e.ExternalId, r.EvaluatorId, u.Email, s.CriterionKey, s.Value, r.MinutesIntoSession, r.SubmittedAt };
        await foreach (var x in query.AsAsyncEnumerable().WithCancellation(ct))
        {
            rows.Add(new Row(Pooled(x.ExternalId), Pooled(x.EvaluatorId), Pooled(x.Email ?? x.EvaluatorId), Pooled(x.CriterionKey), x.Value, x.MinutesIntoSession, x.SubmittedAt));
        }

        return rows;
    }

    /// <summary>The LLM judge's agreement target: the judge may replace humans on routine traffic when it agrees this often (Core's <see cref="JudgeGate.DefaultTarget"/>).</summary>
    public const double JudgeTarget = JudgeGate.DefaultTarget;

    public async Task<CampaignAgreement> ComputeAsync(int campaignId, bool intervals = true, (string Model, string Prompt)? judge = null, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var campaign = await db.Campaigns.AsNoTracking().SingleAsync(c => c.Id == campaignId, ct);
        var criteria = await db.CriteriaOf(campaign.RubricVersionId).ToListAsync(ct);
        var rows = await RowsAsync(db, campaignId, ct);
        var builder = new RatingSetBuilder();
        foreach (var row in rows)
        {
            builder.TryAdd(row.ExternalId, row.Email, row.Criterion, row.Value);
        }

        if (judge is { } j)
        {
            var scores = await db.JudgeScores.AsNoTracking()
                .Where(x => x.CampaignId == campaignId && x.JudgeModel == j.Model && x.JudgePromptVersion == j.Prompt)
                .Join(db.Examples, x => x.ExampleId, e => e.Id, (x, e) => new { e.ExternalId, x.CriterionKey, x.Score })
                .ToListAsync(ct);
            foreach (var score in scores)
            {
                builder.TryAddJudge(score.ExternalId, score.CriterionKey, score.Score);
            }
        }

        var built = builder.Build().ToDictionary(b => b.Criterion);
        var disagreements = new List<JudgeDisagreement>();
        var options = new AgreementOptions { ConfidenceIntervals = intervals };
        var reports = new List<CriterionReport>();
        foreach (var c in criteria)
        {
            if (!built.TryGetValue(c.Key, out var ratings) || ratings.Table.RatingCount == 0)
            {
                // Judge scores alone say nothing until humans have rated.
                continue;
            }

            var agreement = AgreementReport.Compute(c.Key, ratings.Table, judge is null ? null : ratings.Judge, options);
            var confusion = new List<JudgeCell>();
            if (judge is not null && ratings.Judge is not null)
            {
                var perItem = JudgeAgreement.PerItem(ratings.Table, ratings.Judge);
                confusion = perItem.GroupBy(p => (Judge: (int)Math.Round(p.Judge, MidpointRounding.AwayFromZero), Median: (int)Math.Round(p.Median, MidpointRounding.AwayFromZero)))
                    .Select(g => new JudgeCell(g.Key.Judge, g.Key.Median, g.Count())).ToList();
                disagreements.AddRange(perItem.Select(p => new JudgeDisagreement(ratings.Table.ItemIds[p.Index], c.Label, p.Judge, p.Median)));
            }

            var binary = c.Scale == ScaleType.Binary;
            var verdict = judge is not null && ratings.Judge is not null
                ? JudgeGate.Evaluate(ratings.Table, ratings.Judge, campaign.JudgeMetric ?? JudgeGate.DefaultMetric(binary), JudgeTarget, JudgeGate.DefaultMargin, intervals)
                : null;
            var alpha = binary ? agreement.KrippendorffAlpha.Nominal : agreement.KrippendorffAlpha.Ordinal;
            var interval = binary ? agreement.Intervals?.AlphaNominal : agreement.Intervals?.AlphaOrdinal;
            var values = rows.Where(r => r.Criterion == c.Key).Select(r => (double)r.Value).ToList();
            reports.Add(new CriterionReport(c.Key, c.Label, c.Scale, agreement, alpha, interval, Reading.OfAlpha(alpha), values.Count == 0 ? null : values.Average(), confusion, verdict));
        }

        return new CampaignAgreement(
            rows.Select(r => (r.ExternalId, r.EvaluatorId)).Distinct().Count(), reports, Evaluators(rows, built),
            judge is { } chosen ? $"{chosen.Model} / {chosen.Prompt}" : null,
            disagreements.OrderByDescending(d => Math.Abs(d.Judge - d.HumanMedian)).ThenBy(d => d.ExternalId, StringComparer.Ordinal).Take(10).ToList());
    }

    /// <summary>Per evaluator over every criterion: agreement with the others' consensus, leniency, and drift of the offset by minutes into session.</summary>
    private static List<EvaluatorAgreementRow> Evaluators(List<Row> rows, Dictionary<string, CriterionRatings> built)
    {
        var result = new List<EvaluatorAgreementRow>();
        var byCriterion = built.Keys.ToDictionary(
            key => key,
            key => rows.Where(r => r.Criterion == key).GroupBy(r => r.ExternalId).ToDictionary(g => g.Key, g => g.ToList()));
        foreach (var rater in rows.GroupBy(r => r.Email).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            int items = 0;
            double exact = 0, within = 0, offset = 0;
            var points = new List<(double Minutes, double Offset)>();
            foreach (var (key, byItem) in byCriterion)
            {
                foreach (var mine in rater.Where(r => r.Criterion == key))
                {
                    var others = byItem[mine.ExternalId].Where(o => o.Email != mine.Email).Select(o => (double)o.Value).ToArray();
                    if (others.Length == 0)
                    {
                        continue;
                    }

                    var consensus = Ranks.Median(others);
                    var d = Math.Abs(mine.Value - consensus);
                    items++;
                    exact += d == 0 ? 1 : 0;
                    within += d <= 1 ? 1 : 0;
                    var off = mine.Value - others.Average();
                    offset += off;
                    points.Add((mine.Minutes, off));
                }
            }

            result.Add(items == 0
                ? new EvaluatorAgreementRow(rater.Key, rater.Select(r => r.ExternalId).Distinct().Count(), null, null, null, null)
                : new EvaluatorAgreementRow(rater.Key, rater.Select(r => r.ExternalId).Distinct().Count(), exact / items, within / items, offset / items, EvaluatorAgreement.DriftPerHour(points, minPoints: 10, minSpanMinutes: 20)));
        }

        return result;
    }

    /// <summary>
    /// Raw ratings as <c>item_id,rater_id,criterion,score</c> (the input of <c>humaneval agreement</c>) followed by
    /// <c>model,prompt_version,pair_id,rated_at</c> (the input of <c>humaneval compare</c>; agreement ignores extra
    /// columns). <c>pair_id</c> is the key the Versions tab pairs by: the example's pair_id metadata, else "input:" and a
    /// hash of its input text. <c>rated_at</c> is the submission time, ISO 8601 UTC.
    /// </summary>
    public async Task WriteCsvAsync(int campaignId, TextWriter writer, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var examples = await db.Examples.AsNoTracking().Where(e => e.CampaignId == campaignId)
            .Select(e => new { e.ExternalId, e.Model, e.PromptVersion, e.Input, e.Metadata }).ToListAsync(ct);
        var facts = examples.ToDictionary(e => e.ExternalId, e => (e.Model, e.PromptVersion, Pair: ComparisonQueries.PairKey(e.Input, e.Metadata)), StringComparer.Ordinal);
        await writer.WriteLineAsync("item_id,rater_id,criterion,score,model,prompt_version,pair_id,rated_at");
        foreach (var row in (await RowsAsync(db, campaignId, ct)).OrderBy(r => r.ExternalId, StringComparer.Ordinal).ThenBy(r => r.Email, StringComparer.Ordinal).ThenBy(r => r.Criterion, StringComparer.Ordinal))
        {
            var f = facts[row.ExternalId];
            await writer.WriteLineAsync(string.Join(',', CellText.CsvField(row.ExternalId), CellText.CsvField(row.Email), CellText.CsvField(row.Criterion), row.Value.ToString(CultureInfo.InvariantCulture),
                CellText.CsvField(f.Model ?? ""), CellText.CsvField(f.PromptVersion ?? ""), CellText.CsvField(f.Pair),
                DateTime.SpecifyKind(row.SubmittedAt, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)));
        }
    }
}
