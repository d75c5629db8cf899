using ClosedXML.Excel;
using HumanEval.Core.Agreement;
using HumanEval.Core.Assignment;
using HumanEval.Core.Operations;
using HumanEval.Data.Entities;
using HumanEval.Data.Workflow;
using Microsoft.EntityFrameworkCore;

namespace HumanEval.Data.Export;

/// <summary>
/// The Excel summary a lead sends on Friday: Summary, Criteria and Evaluators formatted with ClosedXML (<see cref="FormattedSheets"/>); Examples,
/// Ratings and Judge streamed (see <see cref="StreamedSheet"/>) so a 100,000-rating campaign stays far below 500 MB.
/// </summary>
public sealed class CampaignWorkbook(IDbContextFactory<AppDbContext> factory, AgreementQueries agreement, OperationsQueries operations, JudgeImporter judges, ComparisonQueries comparisons, PairwiseQueries pairwise, TimeProvider clock)
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static readonly IReadOnlyList<string> SheetNames = ["Summary", "Criteria", "Evaluators", "Versions", "Examples", "Ratings", "Judge"];

    /// <summary>Writes the workbook of the campaign to <paramref name="output"/>; false when there is no such campaign.</summary>
    public async Task<bool> WriteAsync(int campaignId, Stream output, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await factory.CreateDbContextAsync(ct);
        var campaign = await db.Campaigns.AsNoTracking().Include(c => c.RubricVersion).SingleOrDefaultAsync(c => c.Id == campaignId, ct);
        if (campaign is null)
        {
            return false;
        }

        if (campaign.Kind == Core.Campaigns.CampaignKind.Pairwise)
        {
            await WritePairwiseAsync(campaign, output, now, ct);
            return true;
        }

        var criteria = await db.CriteriaOf(campaign.RubricVersionId).ToListAsync(ct);
        var keys = criteria.Select(c => c.Key).ToList();
        var judgeList = await judges.JudgesAsync(campaignId, ct);
        (string Model, string Prompt)? judge = judgeList.Count > 0 ? (judgeList[0].Model, judgeList[0].Prompt) : null;
        var report = await agreement.ComputeAsync(campaignId, intervals: true, judge: judge, ct: ct);
        var ops = (await operations.ComputeAsync(campaignId, ct))!;
        var stats = await ScoreStatsAsync(db, campaignId, ct);
        var people = await EvaluatorTotalsAsync(db, campaignId, ct);
        var dimension = ComparisonQueries.DefaultDimension(await comparisons.DimensionsAsync(campaignId, ct));
        var versions = dimension is { } d
            ? await comparisons.CompareAsync(campaignId, d.Key, ComparisonQueries.DefaultPair(d).Baseline, ComparisonQueries.DefaultPair(d).Candidate, ct: ct)
            : null;
        var judgeScores = judge is { } jd
            ? await db.JudgeScores.AsNoTracking().Where(j => j.CampaignId == campaignId && j.JudgeModel == jd.Model && j.JudgePromptVersion == jd.Prompt)
                .ToDictionaryAsync(j => (j.ExampleId, j.CriterionKey), j => (j.Score, j.Rationale), ct)
            : [];

        var decisions = (await db.ReviewDecisions.AsNoTracking().Where(d => d.CampaignId == campaignId && d.SupersededAt == null).ToListAsync(ct))
            .ToDictionary(d => d.ExampleId, d => ReviewQueries.ParseScores(d.Scores));
        var rows = new ExportRows(factory, campaignId, keys, campaign.TurnaroundTargetHours, now, criteria.Select(c => c.Scale).ToList(), decisions);
        var criterionColumns = criteria.Select(c => new Column(c.Key, ColumnKind.Number, 12)).ToList();
        StreamedSheet[] streamed =
        [
            new("Examples", [
                new("external_id", ColumnKind.Text, 22), new("model", ColumnKind.Text), new("prompt_version", ColumnKind.Text),
                new("imported_at", ColumnKind.DateTime, 17), new("completed_at", ColumnKind.DateTime, 17), new("turnaround_hours", ColumnKind.Number),
                new("turnaround_status", ColumnKind.Text), new("ratings", ColumnKind.Integer, 9),
                .. criterionColumns.Select(c => c with { Header = $"consensus_{c.Header}" }),
                new("consensus_provenance", ColumnKind.Text, 30), new("largest_spread", ColumnKind.Number), new("cost", ColumnKind.Money), new("flags", ColumnKind.Integer, 8),
                new("skips", ColumnKind.Integer, 8), new("skip_reasons", ColumnKind.Text, 40)],
                rows.ExamplesAsync(judgeScores, ct)),
            new("Ratings", [
                new("rating_id", ColumnKind.Integer, 10), new("external_id", ColumnKind.Text, 22), new("evaluator", ColumnKind.Text, 26),
                new("version", ColumnKind.Integer, 8), new("submitted_at", ColumnKind.DateTime, 17), new("active_seconds", ColumnKind.Integer),
                new("minutes_into_session", ColumnKind.Number), new("cost", ColumnKind.Money), .. criterionColumns,
                new("comments", ColumnKind.Text, 50), new("flagged", ColumnKind.Text, 8), new("flag_reason", ColumnKind.Text, 30)],
                rows.RatingsAsync(ct)),
            new("Judge", [
                new("external_id", ColumnKind.Text, 22), new("criterion", ColumnKind.Text), new("judge_score", ColumnKind.Number),
                new("human_median", ColumnKind.Number), new("human_ratings", ColumnKind.Integer), new("exact_agreement", ColumnKind.Percent),
                new("within_one", ColumnKind.Percent), new("rationale", ColumnKind.Text, 60)],
                rows.JudgeAsync()),
        ];

        var layoutPath = Path.Combine(Path.GetTempPath(), $"humaneval-export-{Guid.NewGuid():N}.layout.xlsx");
        var path = Path.Combine(Path.GetTempPath(), $"humaneval-export-{Guid.NewGuid():N}.xlsx");
        try
        {
            using (var workbook = new XLWorkbook())
            {
                FormattedSheets.Summary(workbook.Worksheets.Add("Summary"), campaign, criteria, report, ops, judge, now);
                FormattedSheets.Criteria(workbook.Worksheets.Add("Criteria"), criteria, report, stats);
                FormattedSheets.Evaluators(workbook.Worksheets.Add("Evaluators"), report, people, campaign.Currency);
                VersionsSheet.Write(workbook.Worksheets.Add("Versions"), dimension, versions);
                foreach (var sheet in streamed)
                {
                    sheet.Layout(workbook, campaign.Currency, FormattedSheets.StyleHeader);
                }

                workbook.SaveAs(layoutPath);
            }

            await PackageStreamer.RewriteAsync(layoutPath, path, streamed, ct);
            await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan);
            await file.CopyToAsync(output, ct);
            return true;
        }
        finally
        {
            File.Delete(layoutPath);
            File.Delete(path);
        }
    }

    /// <summary>A pairwise campaign's workbook (<see cref="PairwiseSheets"/>): small enough to build in memory (one row per rating).</summary>
    private async Task WritePairwiseAsync(Campaign campaign, Stream output, DateTime now, CancellationToken ct)
    {
        var data = (await pairwise.LoadAsync(campaign.Id, ct: ct))!;
        var view = await pairwise.CompareAsync(campaign.Id, ct: ct);
        using var workbook = new XLWorkbook();
        PairwiseSheets.Write(workbook, campaign, view, data, now);
        using var buffer = new MemoryStream();
        workbook.SaveAs(buffer);
        buffer.Position = 0;
        await buffer.CopyToAsync(output, ct);
    }

    public static string FileName(string campaignName, DateTime now)
    {
        var safe = new string(campaignName.Select(ch => char.IsLetterOrDigit(ch) ? ch : '-').ToArray()).Trim('-');
        return $"{(safe.Length == 0 ? "campaign" : safe[..Math.Min(60, safe.Length)])}-{now:yyyy-MM-dd}.xlsx";
    }

    internal sealed record ScoreStat(string Key, int N, double Mean, double Sd);

    internal sealed record EvaluatorTotal(string Email, string Name, EvaluatorKind? Type, int Ratings, double ActiveHours, decimal Cost);

    private static async Task<Dictionary<string, ScoreStat>> ScoreStatsAsync(AppDbContext db, int campaignId, CancellationToken ct)
    {
        var rows = await (from r in db.Ratings.AsNoTracking()
                          where r.CampaignId == campaignId
                          from s in r.Scores
                          group s by s.CriterionKey into g
                          select new { g.Key, N = g.Count(), Sum = g.Sum(x => (double)x.Value), Squares = g.Sum(x => (double)x.Value * x.Value) }).ToListAsync(ct);
        return rows.ToDictionary(r => r.Key, r =>
        {
            var mean = r.Sum / r.N;
            var sd = r.N > 1 ? Math.Sqrt(Math.Max(0, (r.Squares - (r.N * mean * mean)) / (r.N - 1))) : 0;
            return new ScoreStat(r.Key, r.N, mean, sd);
        });
    }

    private static async Task<Dictionary<string, EvaluatorTotal>> EvaluatorTotalsAsync(AppDbContext db, int campaignId, CancellationToken ct)
    {
        var totals = await db.Ratings.AsNoTracking().Where(r => r.CampaignId == campaignId).GroupBy(r => r.EvaluatorId)
            .Select(g => new { g.Key, Count = g.Count(), Seconds = g.Sum(r => (long)r.ActiveSeconds), Cost = g.Sum(r => r.Cost) }).ToListAsync(ct);
        var ids = totals.Select(t => t.Key).ToList();
        var users = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id))
            .Select(u => new { u.Id, u.Email, u.DisplayName, Type = u.EvaluatorProfile == null ? (EvaluatorKind?)null : u.EvaluatorProfile.Type }).ToDictionaryAsync(u => u.Id, ct);
        return totals.Select(t => users.TryGetValue(t.Key, out var u)
                ? new EvaluatorTotal(u.Email ?? t.Key, u.DisplayName, u.Type, t.Count, t.Seconds / 3600.0, t.Cost)
                : new EvaluatorTotal(t.Key, "", null, t.Count, t.Seconds / 3600.0, t.Cost))
            .ToDictionary(t => t.Email);
    }
}
