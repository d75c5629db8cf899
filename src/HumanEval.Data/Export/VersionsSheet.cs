using ClosedXML.Excel;
using HumanEval.Core.Decisions;
using HumanEval.Data.Workflow;

namespace HumanEval.Data.Export;

/// <summary>
/// The workbook's Versions sheet: the same comparison the Versions tab opens with (prompt version if it has two or more
/// values, else the first dimension; the first two values in sort order), from Core's <see cref="VersionComparison"/>.
/// </summary>
internal static class VersionsSheet
{
    public static void Write(IXLWorksheet ws, VersionDimension? dimension, ComparisonReport? report)
    {
        ArgumentNullException.ThrowIfNull(ws);
        CellText.Set(ws.Cell(1, 1), "Versions");
        ws.Cell(1, 1).Style.Font.Bold = true;
        ws.Cell(1, 1).Style.Font.FontSize = 14;
        if (dimension is null || report is null)
        {
            CellText.Set(ws.Cell(2, 1), "No versions to compare: no model, prompt_version or metadata field takes two or more values in this campaign.");
            return;
        }

        var row = 1;
        void Line(string label, object? value) => SheetBlocks.Line(ws, ref row, label, value);

        Line("Compared by", $"{dimension.Label}: {report.Candidate} (candidate) against {report.Baseline} (baseline)");
        Line("Decision", report.Decision.Headline);
        Line("Still missing", report.Decision.Missing.Count == 0 ? "nothing" : string.Join("; ", report.Decision.Missing));
        Line("Design", report.DesignText);
        Line("Bootstrap", $"{report.Draws:#,0} Bayesian-bootstrap draws over examples, seed {report.Seed}");
        Line("Plan", report.Plan.MorePerVersion > 0
            ? $"{report.Plan.PerVersion:#,0} examples per version planned; {report.Plan.MorePerVersion:#,0} more per version"
            : $"{report.Plan.PerVersion:#,0} examples per version planned; both versions have them");

        row += 2;
        string[] headers =
        [
            "criterion", "label", "binary", "baseline_examples", "baseline_mean", "baseline_ci_low", "baseline_ci_high", "candidate_examples", "candidate_mean",
            "candidate_ci_low", "candidate_ci_high", "delta", "delta_ci_low", "delta_ci_high", "p_better", "expected_loss", "adjusted_delta",
            "adjusted_ci_low", "adjusted_ci_high", "baseline_failing", "candidate_failing", "p_candidate_worse",
        ];
        var header = row;
        for (var c = 0; c < headers.Length; c++)
        {
            CellText.Set(ws.Cell(row, c + 1), headers[c]);
        }

        foreach (var c in new[] { report.Overall }.Concat(report.Criteria))
        {
            row++;
            object?[] values =
            [
                c.Key, c.Label, c.Binary ? "yes" : "no", c.Baseline.Examples, c.Baseline.Mean, c.Baseline.Interval?.Low, c.Baseline.Interval?.High,
                c.Candidate.Examples, c.Candidate.Mean, c.Candidate.Interval?.Low, c.Candidate.Interval?.High, c.Raw?.Delta, c.Raw?.Interval.Low,
                c.Raw?.Interval.High, c.Raw?.PBetter, c.Raw?.ExpectedLoss, c.Adjusted?.Delta, c.Adjusted?.Interval.Low, c.Adjusted?.Interval.High,
                c.Failures?.BaselineRate, c.Failures?.CandidateRate, c.Failures?.PCandidateWorse,
            ];
            for (var i = 0; i < values.Length; i++)
            {
                var cell = ws.Cell(row, i + 1);
                CellText.Set(cell, values[i]);
                cell.Style.NumberFormat.Format = i switch
                {
                    < 3 => "@",
                    3 or 7 => "0",
                    19 or 20 => "0.0%",
                    _ => "0.000",
                };
            }
        }

        FormattedSheets.StyleHeader(ws.Range(header, 1, header, headers.Length));
        ws.Column(1).Width = 16;
        ws.Column(2).Width = 60;
        foreach (var c in Enumerable.Range(3, headers.Length - 2))
        {
            ws.Column(c).Width = 13;
        }
    }
}
