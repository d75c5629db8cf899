using ClosedXML.Excel;
using HumanEval.Core.Pairwise;
using HumanEval.Core.Rubrics;
using HumanEval.Data.Entities;
using HumanEval.Data.Workflow;

namespace HumanEval.Data.Export;

/// <summary>
/// A pairwise campaign's workbook: <c>Summary</c> (the decision card's words, per-criterion win rates with intervals,
/// position bias, failing responses) and <c>Comparisons</c> (one row per rating: the example, the evaluator, the shown
/// order, each criterion's preference in the versions' frame, time and cost). The figures are Core's, as on the page.
/// </summary>
internal static class PairwiseSheets
{
    public static readonly IReadOnlyList<string> SheetNames = ["Summary", "Comparisons"];

    public static void Write(XLWorkbook workbook, Campaign campaign, PairwiseView? view, PairwiseData data, DateTime now)
    {
        Summary(workbook.Worksheets.Add("Summary"), campaign, view, now);
        Comparisons(workbook.Worksheets.Add("Comparisons"), data);
    }

    private static void Summary(IXLWorksheet ws, Campaign campaign, PairwiseView? view, DateTime now)
    {
        var row = 0;
        void Line(string label, object? value) => SheetBlocks.Line(ws, ref row, label, value);

        Line("Campaign", $"{campaign.Name} (pairwise)");
        ws.Cell(1, 2).Style.Font.FontSize = 14;
        Line("Exported", now.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture));
        if (view is null)
        {
            Line("Decision", "No pairs to compare yet.");
            return;
        }

        var r = view.Report;
        Line("Compared", $"{r.Candidate} (candidate) against {r.Baseline} (baseline)");
        Line("Decision", r.Decision.Headline);
        Line("Still missing", r.Decision.Missing.Count == 0 ? "nothing" : string.Join("; ", r.Decision.Missing));
        Line("Basis", $"the example is the unit (mean preference over its raters); {r.Overall.Examples} examples, {view.RatingCount} ratings; {r.Draws:#,0} Bayesian-bootstrap draws, seed {r.Seed}");
        Line("Plan", r.Plan.MorePerVersion > 0 ? $"{r.Plan.PerVersion:#,0} examples planned; {r.Plan.MorePerVersion:#,0} more" : $"{r.Plan.PerVersion:#,0} examples planned; the campaign has them");
        Line("Position bias", string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{r.Position.LeftShare:0.0%} of non-tie choices went to the left response [{r.Position.Interval?.Low:0.0%}, {r.Position.Interval?.High:0.0%}]{(r.Position.Flagged ? " — flagged" : "")}"));

        string[] headers =
        [
            "criterion", "label", "wins", "losses", "ties", "both_unacceptable", "examples", "win_rate", "win_rate_ci_low", "win_rate_ci_high", "p_better",
            "expected_loss", "mean_preference", "preference_ci_low", "preference_ci_high", "pooled_p_better", "pooled_ci_low", "pooled_ci_high", "alpha",
        ];
        row = SheetBlocks.Table(ws, row + 2, headers, new[] { r.Overall }.Concat(r.Criteria).Select(c => new object?[]
        {
            c.Key, c.Label, c.Pooled.Wins, c.Pooled.Losses, c.Pooled.Ties, c.BothUnacceptable, c.Examples, c.WinRate, c.WinRateInterval?.Low, c.WinRateInterval?.High,
            c.WinRate is null ? null : c.PBetter, c.WinRate is null ? null : c.ExpectedLoss, c.Preference?.Delta, c.Preference?.Interval.Low, c.Preference?.Interval.High,
            c.Pooled.Comparisons == 0 ? null : c.Pooled.PBetter, c.Pooled.Comparisons == 0 ? null : c.Pooled.Interval.Low, c.Pooled.Comparisons == 0 ? null : c.Pooled.Interval.High, c.Alpha,
        }), i => i switch { < 2 => "@", < 7 => "0", 7 or 8 or 9 or 11 => "0.0%", _ => "0.000" });
        row = SheetBlocks.Table(ws, row + 2, ["evaluator", "left_choices", "right_choices", "left_share", "ci_low", "ci_high", "flagged"],
            r.PositionByEvaluator.Select(p => new object?[] { view.EvaluatorNames.GetValueOrDefault(p.Key, p.Key), p.Value.Left, p.Value.Right, p.Value.LeftShare, p.Value.Interval?.Low, p.Value.Interval?.High, p.Value.Flagged ? "yes" : "no" }),
            i => i is 3 or 4 or 5 ? "0.0%" : i is 1 or 2 ? "0" : "@");
        SheetBlocks.Table(ws, row + 2, ["criterion", "version", "examples", "failing_examples", "failing_rate", "ci_low", "ci_high"],
            view.Failures.Select(f => new object?[] { f.Criterion, f.Version, f.Examples, f.Failing, f.Rate, f.Interval?.Low, f.Interval?.High }),
            i => i >= 4 ? "0.0%" : i >= 2 ? "0" : "@");
        ws.Column(1).Width = 22;
        ws.Column(2).Width = 60;
        foreach (var c in Enumerable.Range(3, headers.Length - 2))
        {
            ws.Column(c).Width = 13;
        }
    }

    private static void Comparisons(IXLWorksheet ws, PairwiseData data)
    {
        var ordinal = data.Criteria.Where(c => c.Scale == ScaleType.Ordinal).ToList();
        var binary = data.Criteria.Where(c => c.Scale == ScaleType.Binary).ToList();
        List<string> headers =
        [
            "external_id", "evaluator", "version_a", "version_b", "shown_left", "shown_right",
            .. ordinal.Select(c => $"{c.Key} (−2 A much better … +2 B much better)"),
            .. binary.SelectMany(c => new[] { $"{c.Key}_a", $"{c.Key}_b" }),
            "both_unacceptable", "reason", "submitted_at", "active_seconds", "cost",
        ];
        for (var c = 0; c < headers.Count; c++)
        {
            CellText.Set(ws.Cell(1, c + 1), headers[c]);
        }

        var row = 1;
        foreach (var r in data.Ratings.OrderBy(r => r.ExternalId, StringComparer.Ordinal).ThenBy(r => r.Evaluator, StringComparer.Ordinal))
        {
            row++;
            List<object?> values =
            [
                r.ExternalId, r.Evaluator, r.VersionA, r.VersionB, r.AOnLeft ? r.VersionA : r.VersionB, r.AOnLeft ? r.VersionB : r.VersionA,
                .. ordinal.Select(c => r.Scores.TryGetValue(c.Key, out var v) ? (object)v : null),
                .. binary.SelectMany(c => new[] { true, false }.Select(a => r.Scores.TryGetValue(PairwiseForm.StoredKey(c.Key, a), out var v) ? (object)v : null)),
                r.BothUnacceptable ? "yes" : "no", r.BothReason, r.SubmittedAt, r.ActiveSeconds, r.Cost,
            ];
            for (var i = 0; i < values.Count; i++)
            {
                CellText.Set(ws.Cell(row, i + 1), values[i]);
            }

            ws.Cell(row, values.Count - 2).Style.NumberFormat.Format = "yyyy-mm-dd hh:mm";
            ws.Cell(row, values.Count).Style.NumberFormat.Format = "#,##0.00";
        }

        FormattedSheets.StyleHeader(ws.Range(1, 1, 1, headers.Count));
        ws.SheetView.FreezeRows(1);
        ws.Columns(1, headers.Count).Width = 14;
        ws.Column(1).Width = 22;
        ws.Column(2).Width = 24;
    }
}
