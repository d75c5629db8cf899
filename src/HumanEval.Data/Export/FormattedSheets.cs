using ClosedXML.Excel;
using HumanEval.Core.Agreement;
using HumanEval.Core.Assignment;
using HumanEval.Core.Operations;
using HumanEval.Data.Entities;
using HumanEval.Data.Workflow;
using Microsoft.EntityFrameworkCore;

namespace HumanEval.Data.Export;

/// <summary>The workbook's formatted sheets (Summary, Criteria, Evaluators) and the header style every sheet shares.</summary>
internal static class FormattedSheets
{
    private static readonly XLColor HeaderFill = XLColor.FromHtml("#1E3A5F");

    public static void StyleHeader(IXLRange header)
    {
        header.Style.Font.Bold = true;
        header.Style.Font.FontColor = XLColor.White;
        header.Style.Fill.BackgroundColor = HeaderFill;
        header.Style.Alignment.WrapText = true;
        header.Style.Alignment.Vertical = XLAlignmentVerticalValues.Top;
    }

    /// <summary>A table on a ClosedXML sheet: header, rows, number formats per column, frozen header and a filter.</summary>
    private static void Table(IXLWorksheet ws, IReadOnlyList<Column> columns, IEnumerable<object?[]> rows, string currency)
    {
        for (var c = 0; c < columns.Count; c++)
        {
            CellText.Set(ws.Cell(1, c + 1), columns[c].Header);
            ws.Column(c + 1).Width = columns[c].Width;
        }

        var r = 1;
        foreach (var values in rows)
        {
            r++;
            for (var c = 0; c < columns.Count && c < values.Length; c++)
            {
                var cell = ws.Cell(r, c + 1);
                CellText.Set(cell, values[c]);
                cell.Style.NumberFormat.Format = CellText.NumberFormat(columns[c].Kind, currency);
            }
        }

        StyleHeader(ws.Range(1, 1, 1, columns.Count));
        ws.SheetView.FreezeRows(1);
        ws.Range(1, 1, Math.Max(1, r), columns.Count).SetAutoFilter();
    }

    public static void Summary(IXLWorksheet ws, Campaign campaign, List<Entities.Criterion> criteria, CampaignAgreement report, CampaignOperations ops, (string Model, string Prompt)? judge, DateTime now)
    {
        var cur = campaign.Currency;
        var row = 0;
        void Title(string text)
        {
            row += row == 0 ? 1 : 2;
            CellText.Set(ws.Cell(row, 1), text);
            ws.Range(row, 1, row, 6).Style.Font.Bold = true;
            ws.Range(row, 1, row, 6).Style.Font.FontSize = row == 1 ? 16 : 12;
            ws.Range(row, 1, row, 6).Style.Border.BottomBorder = XLBorderStyleValues.Thin;
        }

        void Line(string label, object? value, ColumnKind kind = ColumnKind.Text, string? note = null)
        {
            row++;
            CellText.Set(ws.Cell(row, 1), label);
            ws.Cell(row, 1).Style.Font.Bold = true;
            var cell = ws.Cell(row, 2);
            CellText.Set(cell, value ?? "—");
            cell.Style.NumberFormat.Format = CellText.NumberFormat(kind, cur);
            cell.Style.Alignment.Horizontal = XLAlignmentHorizontalValues.Left;
            if (note is not null)
            {
                CellText.Set(ws.Cell(row, 3), note);
            }
        }

        Title($"HumanEval summary — {campaign.Name}");
        Line("Rubric", $"{campaign.RubricVersion.Name} v{campaign.RubricVersion.Number} ({campaign.RubricVersion.ShortHash})");
        Line("State", campaign.State.ToString().ToLowerInvariant());
        Line("Created", campaign.CreatedAt, ColumnKind.DateTime);
        Line("Due", campaign.DueAt, ColumnKind.DateTime);
        Line("Exported", now, ColumnKind.DateTime);
        Line("Ratings per example (k)", campaign.K, ColumnKind.Integer);
        Line("Examples", ops.Progress.Examples, ColumnKind.Integer);
        Line("Complete examples", ops.Progress.Complete, ColumnKind.Integer);
        Line("Ratings", ops.Progress.Ratings, ColumnKind.Integer);
        Line("Progress", ops.Progress.Fraction, ColumnKind.Percent);

        Title("Scores and agreement per criterion");
        row++;
        string[] headers = ["Criterion", "Mean score", "α", "α 95% CI low", "α 95% CI high", "Reading", "Judge reads", "Judge agreement", "Human ceiling", "Judge verdict"];
        for (var c = 0; c < headers.Length; c++)
        {
            CellText.Set(ws.Cell(row, c + 1), headers[c]);
        }

        StyleHeader(ws.Range(row, 1, row, headers.Length));
        foreach (var c in criteria)
        {
            row++;
            var r = report.Criteria.FirstOrDefault(x => x.Key == c.Key);
            object?[] values = [c.Label, r?.MeanScore, r?.Alpha, r?.AlphaInterval?.Low, r?.AlphaInterval?.High,
                r is null ? "no ratings yet" : HumanEval.Core.Words.Of(r.Reliability), r?.Verdict?.MetricName, r?.Verdict?.Judge, r?.Verdict?.Human, r?.Verdict?.Summary];
            ColumnKind[] kinds = [ColumnKind.Text, ColumnKind.Number, ColumnKind.Number, ColumnKind.Number, ColumnKind.Number, ColumnKind.Text, ColumnKind.Text, ColumnKind.Percent, ColumnKind.Percent, ColumnKind.Text];
            for (var i = 0; i < values.Length; i++)
            {
                CellText.Set(ws.Cell(row, i + 1), values[i]);
                ws.Cell(row, i + 1).Style.NumberFormat.Format = kinds[i] == ColumnKind.Number ? "0.000" : CellText.NumberFormat(kinds[i], cur);
            }
        }

        Title("LLM judge");
        Line("Judge", judge is { } j ? $"{j.Model} / {j.Prompt}" : "no judge scores imported");
        Line("Target (agreement with humans: exact on binary criteria, within one on 1–5 unless the campaign says otherwise)", AgreementQueries.JudgeTarget, ColumnKind.Percent);
        Line("Human ceiling margin (judge may be this much below human–human agreement)", HumanEval.Core.Agreement.JudgeGate.DefaultMargin, ColumnKind.Percent);

        var cost = ops.Cost.Summary;
        Title($"Cost ({cur})");
        Line("Spent", cost.Spent, ColumnKind.Money);
        Line("Projected total", cost.Projected, ColumnKind.Money);
        Line("Budget", cost.Budget.Budget, ColumnKind.Money, HumanEval.Core.Words.Of(cost.Budget.State));
        Line("Budget spent", cost.Budget.SpentFraction, ColumnKind.Percent);
        Line("Mean per rating", cost.MeanPerRating, ColumnKind.Money);
        Line("Mean per complete example", cost.MeanPerExample, ColumnKind.Money, "reference band 15–30");
        Line("Median per complete example", cost.MedianPerExample, ColumnKind.Money);
        Line("p90 per complete example", cost.P90PerExample, ColumnKind.Money);
        Line("Examples below / within / above the band", $"{cost.BelowBand} / {cost.InBand} / {cost.AboveBand}");

        var t = ops.Turnaround.Summary;
        Title("Turnaround (import to k-th rating)");
        Line("Target (hours)", t.TargetHours, ColumnKind.Integer);
        Line("p50 (hours)", t.P50Hours, ColumnKind.Number);
        Line("p90 (hours)", t.P90Hours, ColumnKind.Number);
        Line("On time / late", $"{t.OnTime} / {t.Late}");
        Line("Open: on track / at risk / breached", $"{t.OnTrack} / {t.AtRisk} / {t.Breached}");
        Line("Forecast completion", t.Forecast, ColumnKind.DateTime, t.NoForecastReason);

        ws.Column(1).Width = 40;
        ws.Column(2).Width = 24;
        foreach (var c in Enumerable.Range(3, 6))
        {
            ws.Column(c).Width = 14;
        }
    }

    public static void Criteria(IXLWorksheet ws, List<Entities.Criterion> criteria, CampaignAgreement report, Dictionary<string, CampaignWorkbook.ScoreStat> stats)
    {
        Column[] columns =
        [
            new("criterion", ColumnKind.Text), new("label", ColumnKind.Text, 20), new("scale", ColumnKind.Text, 10), new("min", ColumnKind.Integer, 6),
            new("max", ColumnKind.Integer, 6), new("ratings", ColumnKind.Integer, 9), new("mean", ColumnKind.Number, 9), new("sd", ColumnKind.Number, 9),
            new("alpha", ColumnKind.Number, 9), new("alpha_ci_low", ColumnKind.Number), new("alpha_ci_high", ColumnKind.Number),
            new("fleiss_kappa", ColumnKind.Number), new("mean_pairwise_cohen_kappa", ColumnKind.Number, 16), new("icc_2_1", ColumnKind.Number, 10),
            new("exact_agreement", ColumnKind.Percent), new("within_one", ColumnKind.Percent), new("judge_exact", ColumnKind.Percent),
            new("judge_exact_ci_low", ColumnKind.Percent), new("judge_exact_ci_high", ColumnKind.Percent),
            new("judge_within_one", ColumnKind.Percent), new("judge_quadratic_kappa", ColumnKind.Number), new("judge_reads", ColumnKind.Text),
            new("judge_vs_target", ColumnKind.Text), new("judge_minus_human", ColumnKind.Percent), new("judge_verdict", ColumnKind.Text),
        ];
        Table(ws, columns, criteria.Select(c =>
        {
            var r = report.Criteria.FirstOrDefault(x => x.Key == c.Key);
            var s = stats.GetValueOrDefault(c.Key);
            var a = r?.Agreement;
            return new object?[]
            {
                c.Key, c.Label, c.Scale.ToString().ToLowerInvariant(), c.Min, c.Max, s?.N ?? 0, s?.Mean, s?.Sd, r?.Alpha, r?.AlphaInterval?.Low, r?.AlphaInterval?.High,
                a?.FleissKappa, a?.PairwiseCohenKappa.Unweighted, a?.Icc21, a?.PercentAgreement.Exact, a?.PercentAgreement.WithinOne,
                a?.Judge?.Exact, a?.Intervals?.JudgeExact?.Low, a?.Intervals?.JudgeExact?.High, a?.Judge?.WithinOne, a?.Judge?.QuadraticKappa,
                r?.Verdict is { } v ? (v.Metric == HumanEval.Core.Agreement.JudgeMetric.Exact ? "exact" : "within_one") : null,
                r?.Verdict is { } verdict ? HumanEval.Core.Words.Of(verdict.VsTarget) : null,
                r?.Verdict?.Difference, r?.Verdict?.Summary,
            };
        }), "USD");
    }

    public static void Evaluators(IXLWorksheet ws, CampaignAgreement report, Dictionary<string, CampaignWorkbook.EvaluatorTotal> people, string currency)
    {
        Column[] columns =
        [
            new("evaluator", ColumnKind.Text, 28), new("name", ColumnKind.Text, 20), new("type", ColumnKind.Text, 18), new("ratings", ColumnKind.Integer, 9),
            new("active_hours", ColumnKind.Number), new("cost", ColumnKind.Money), new("exact_with_consensus", ColumnKind.Percent),
            new("within_one_of_consensus", ColumnKind.Percent), new("leniency_mean_offset", ColumnKind.Number), new("drift_per_hour", ColumnKind.Number),
        ];
        var byEmail = report.Evaluators.ToDictionary(e => e.Email);
        Table(ws, columns, people.Values.OrderBy(p => p.Email, StringComparer.Ordinal).Select(p =>
        {
            var a = byEmail.GetValueOrDefault(p.Email);
            return new object?[]
            {
                p.Email, p.Name, p.Type is { } kind ? HumanEval.Core.Words.Of(kind) : null,
                p.Ratings, Math.Round(p.ActiveHours, 2), p.Cost, a?.Exact, a?.WithinOne, a?.MeanOffset, a?.DriftPerHour,
            };
        }), currency);
    }
}
