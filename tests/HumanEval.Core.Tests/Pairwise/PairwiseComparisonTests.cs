using HumanEval.Core.Decisions;
using HumanEval.Core.Pairwise;

namespace HumanEval.Core.Tests.Pairwise;

public sealed class PairwiseComparisonTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly (string, string)[] Helpfulness = [("helpfulness", "Helpfulness")];

    private static ComparisonOptions Options(int planned, int seed = 1, int draws = 400) => new()
    {
        Baseline = "v1", Candidate = "v2", Draws = draws, Seed = seed, Rule = new DecisionRule { MinHours = 0, PlannedExamplesPerVersion = planned },
    };

    /// <summary>Each rater prefers the candidate with probability <paramref name="win"/> (ties 10%); half the examples list the candidate as A.</summary>
    private static List<PairwiseRating> Simulate(Random r, int examples, int k, double win, double tie = 0.1, Func<int, bool>? leftBiased = null)
    {
        var list = new List<PairwiseRating>();
        for (var i = 0; i < examples; i++)
        {
            var candidateIsA = i % 2 == 0;
            for (var e = 0; e < k; e++)
            {
                var u = r.NextDouble();
                var toCandidate = u < tie ? 0 : r.NextDouble() < win ? (r.Next(3) == 0 ? 2 : 1) : -(r.Next(3) == 0 ? 2 : 1);
                var evaluator = $"r{(i + e) % 6}";
                var aOnLeft = DisplayOrder.AOnLeft(evaluator, $"x{i}");
                if (leftBiased?.Invoke((i + e) % 6) == true)
                {
                    // This rater picks whatever is on the left.
                    var leftIsCandidate = aOnLeft == candidateIsA;
                    toCandidate = leftIsCandidate ? 1 : -1;
                }

                list.Add(new PairwiseRating($"x{i:D4}", candidateIsA ? "v2" : "v1", candidateIsA ? "v1" : "v2", evaluator, "helpfulness",
                    candidateIsA ? -toCandidate : toCandidate, AOnLeft: aOnLeft));
            }
        }

        return list;
    }

    [Fact]
    public void Counts_map_back_to_versions_whichever_side_the_candidate_was_on()
    {
        static PairwiseRating R(string ex, string a, string b, string e, int pref, bool both = false) => new(ex, a, b, e, "helpfulness", pref, both);
        var report = PairwiseComparison.Compare(
        [
            R("x1", "v1", "v2", "p", 2), R("x1", "v1", "v2", "q", 1),   // candidate (B) better twice
            R("x2", "v2", "v1", "p", -1), R("x2", "v2", "v1", "q", 0),  // candidate is A: −1 favours A, so a win; then a tie
            R("x3", "v1", "v2", "p", -2), R("x3", "v1", "v2", "q", 0, both: true), // a loss, and both unacceptable
            R("x4", "v1", "v3", "p", 2),                                 // another pair: left out
        ], Helpfulness, Options(planned: 3));
        var h = report.Criteria.Single();
        Assert.Equal((3, 1, 2), (h.Pooled.Wins, h.Pooled.Losses, h.Pooled.Ties));
        Assert.Equal(1, h.BothUnacceptable);
        Assert.Equal(3, h.Examples);
        Assert.Equal(4.0 / 6, h.Pooled.Rate!.Value, 12);
        // Example win scores 1, 0.75, 0.25 → 2/3; mean preferences 1.5, 0.5, −1 → 1/3.
        Assert.Equal(2.0 / 3, h.WinRate!.Value, 12);
        Assert.Equal(1.0 / 3, h.Preference!.Delta, 12);

        // Agreement on the preference scale is the existing Krippendorff code on the candidate-scale values.
        var table = new HumanEval.Core.Agreement.RatingTable(["x1", "x2", "x3"], 2, [(0, 0, 2), (0, 1, 1), (1, 0, 1), (1, 1, 0), (2, 0, -2), (2, 1, 0)]);
        Assert.Equal(HumanEval.Core.Agreement.Krippendorff.Compute(table).Ordinal!.Value, h.Alpha!.Value, 12);
        Assert.Null(report.Overall.Alpha);
    }

    [Fact]
    public void A_true_win_rate_of_060_is_called_better_at_the_planned_number_in_most_campaigns()
    {
        var random = new Random(60);
        const int runs = 200;
        var planned = PairwisePlanner.Comparisons(0.6); // 153 non-tie comparisons: one rating per example, no ties
        var sure = 0;
        for (var s = 0; s < runs; s++)
        {
            var report = PairwiseComparison.Compare(Simulate(random, planned, 1, 0.6, tie: 0), Helpfulness, Options(planned, s));
            sure += report.Overall.PBetter > 0.95 ? 1 : 0;
        }

        output.WriteLine($"true win rate 0.60, {planned} examples × 1 rating: P(better) > 0.95 in {sure * 100.0 / runs:0.0}% of {runs} campaigns");
        Assert.True(sure >= 0.8 * runs, $"{sure} of {runs}");
    }

    /// <summary>
    /// A/A: the rule ships at P(better) ≥ 0.95, a one-sided 5% test at its single look (the planned number), so false
    /// Ship is 5% by construction; a Bayesian-bootstrap posterior is narrower than the sampling spread by
    /// √((n − 1)/(n + 1)) (0.990 at n = 100), which puts the expected rate near 5.2%. Measured here 5.2% of 1,000; the
    /// test allows two simulation standard errors (0.7 points each) above 5%.
    /// </summary>
    [Fact]
    public void A_A_campaigns_ship_falsely_about_5_percent_under_the_rule()
    {
        var random = new Random(1957);
        const int runs = 1000;
        var ships = 0;
        for (var s = 0; s < runs; s++)
        {
            ships += PairwiseComparison.Compare(Simulate(random, 100, 2, 0.5), Helpfulness, Options(100, s)).Decision.Kind == DecisionKind.Ship ? 1 : 0;
        }

        output.WriteLine($"A/A pairwise, 100 examples × 2 ratings, {runs} campaigns: false Ship {ships * 100.0 / runs:0.0}%");
        Assert.True(ships <= (0.05 + (2 * Math.Sqrt(0.05 * 0.95 / runs))) * runs, $"{ships} of {runs}");
    }

    [Fact]
    public void A_rater_who_always_picks_the_left_response_is_flagged_and_the_campaign_is_not()
    {
        var report = PairwiseComparison.Compare(Simulate(new Random(9), 300, 3, 0.55, leftBiased: r => r == 2), Helpfulness, Options(300));
        Assert.True(report.PositionByEvaluator["r2"].Flagged);
        Assert.Equal(1.0, report.PositionByEvaluator["r2"].LeftShare!.Value, 12);
        Assert.False(report.PositionByEvaluator["r4"].Flagged);
        Assert.InRange(report.Position.LeftShare!.Value, 0.5, 0.7);
    }
}
