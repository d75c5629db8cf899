using HumanEval.Core.Pairwise;

namespace HumanEval.Core.Tests.Pairwise;

public sealed class PairwiseStatisticsTests
{
    [Theory]
    [InlineData(58, 42, 0, 0.945, 0.482, 0.672)] // the printed vector
    [InlineData(30, 20, 0, 0.920, double.NaN, double.NaN)]
    [InlineData(12, 8, 0, 0.808, double.NaN, double.NaN)]
    [InlineData(55, 45, 10, 0.829, double.NaN, double.NaN)]
    [InlineData(120, 80, 20, 0.997, double.NaN, double.NaN)]
    public void The_pooled_beta_posterior_reproduces_the_published_vectors(int wins, int losses, int ties, double p, double low, double high)
    {
        var rate = new WinRate(wins, losses, ties);
        Assert.Equal(p, rate.PBetter, 3);
        if (!double.IsNaN(low))
        {
            Assert.Equal(low, rate.Interval.Low, 3);
            Assert.Equal(high, rate.Interval.High, 3);
        }

        Assert.Equal((wins + (ties / 2.0)) / (wins + losses + ties), rate.Rate!.Value, 12);
    }

    [Fact]
    public void The_beta_cdf_matches_closed_forms()
    {
        Assert.Equal(0.25, BetaDistribution.Cdf(0.5, 2, 1), 12); // I_x(2,1) = x²
        Assert.Equal(0.75, BetaDistribution.Cdf(0.5, 1, 2), 12); // 1 − (1 − x)²
        Assert.Equal(0.5, BetaDistribution.Cdf(0.5, 7.5, 7.5), 12); // symmetry
        Assert.Equal(1 - Math.Pow(0.7, 5), BetaDistribution.Cdf(0.3, 1, 5), 12);
        Assert.Equal(0.3, BetaDistribution.Quantile(BetaDistribution.Cdf(0.3, 13.5, 4.5), 13.5, 4.5), 10);
        Assert.Null(new WinRate(0, 0, 0).Rate);
        Assert.Equal(0.5, new WinRate(0, 0, 0).PBetter, 12); // uniform prior: no evidence either way
    }

    [Theory]
    [InlineData(0.60, 153)]
    [InlineData(0.65, 67)]
    [InlineData(0.70, 37)]
    public void The_pairwise_planner_gives_the_published_comparison_counts(double winRate, int comparisons) =>
        Assert.Equal(comparisons, PairwisePlanner.Comparisons(winRate));

    [Fact]
    public void The_shown_order_is_stable_balanced_and_undone_before_counting()
    {
        var left = 0;
        for (var i = 0; i < 1000; i++)
        {
            var aLeft = DisplayOrder.AOnLeft("evaluator-7", $"example-{i}");
            Assert.Equal(aLeft, DisplayOrder.AOnLeft("evaluator-7", $"example-{i}")); // a reload shows the same order
            left += aLeft ? 1 : 0;
        }

        Assert.InRange(left, 470, 530);

        // "Response 2 much better" (+2) when A was on the left is +2 for B; when B was on the left it is −2 for B.
        Assert.Equal(2, DisplayOrder.ToBScale(2, aOnLeft: true));
        Assert.Equal(-2, DisplayOrder.ToBScale(2, aOnLeft: false));
        Assert.Equal(-1, DisplayOrder.ToCandidateScale(1, candidateIsB: false));
        Assert.Throws<ArgumentOutOfRangeException>(() => DisplayOrder.ToBScale(3, true));
    }

    [Fact]
    public void Position_bias_is_flagged_when_the_interval_excludes_one_half()
    {
        var biased = DisplayOrder.Bias(70, 30);
        Assert.Equal(0.7, biased.LeftShare!.Value, 12);
        Assert.True(biased.Flagged);
        Assert.False(DisplayOrder.Bias(55, 45).Flagged);
        Assert.False(DisplayOrder.Bias(0, 0).Flagged);
    }

    [Fact]
    public void Bradley_terry_with_two_versions_is_the_log_odds_of_the_weighted_wins()
    {
        var battles = Enumerable.Repeat(new Battle("v2", "v1", BattleOutcome.AWins), 30)
            .Concat(Enumerable.Repeat(new Battle("v1", "v2", BattleOutcome.AWins), 10)).ToList();
        var ratings = BradleyTerry.Fit(battles, anchor: "v1")!;
        Assert.Equal(1000, ratings["v1"], 9);
        Assert.Equal(1000 + (400 * Math.Log10(3)), ratings["v2"], 9); // 30 : 10

        // Ties as half a win each way: 30 wins, 10 losses, 20 ties → weighted 80 : 40.
        var withTies = battles.Concat(Enumerable.Repeat(new Battle("v1", "v2", BattleOutcome.Tie), 20));
        var tied = BradleyTerry.Fit(withTies)!;
        Assert.Equal(400 * Math.Log10(2), tied["v2"] - tied["v1"], 9);
        Assert.Equal(1000, (tied["v1"] + tied["v2"]) / 2, 9); // without an anchor: mean 1000, as FastChat's solver lands
    }

    [Fact]
    public void Bradley_terry_does_not_depend_on_the_order_of_battles_and_refuses_an_unbeaten_version()
    {
        var random = new Random(3);
        var battles = new List<Battle>();
        string[] v = ["a", "b", "c", "d"];
        double[] strength = [0, 0.3, 0.6, 1.0];
        for (var i = 0; i < 600; i++)
        {
            var (x, y) = (random.Next(4), random.Next(4));
            if (x == y)
            {
                continue;
            }

            var pX = 1 / (1 + Math.Exp(strength[y] - strength[x]));
            var u = random.NextDouble();
            battles.Add(new Battle(v[x], v[y], u < 0.1 ? BattleOutcome.Tie : u < 0.1 + (0.9 * pX) ? BattleOutcome.AWins : BattleOutcome.BWins));
        }

        var once = BradleyTerry.Fit(battles)!;
        var shuffled = BradleyTerry.Fit(battles.OrderBy(_ => random.Next()))!;
        foreach (var name in v)
        {
            Assert.Equal(once[name], shuffled[name], 9);
        }

        Assert.True(once["d"] > once["c"] && once["c"] > once["b"] && once["b"] > once["a"]);
        Assert.Null(BradleyTerry.Fit([new Battle("a", "b", BattleOutcome.AWins), new Battle("a", "b", BattleOutcome.AWins)]));
        Assert.Null(BradleyTerry.Fit([new Battle("a", "b", BattleOutcome.Tie), new Battle("c", "d", BattleOutcome.Tie)])); // two separate groups
    }

    /// <summary>
    /// FastChat's <c>compute_elo_mle_with_tie</c> (lm-sys/FastChat, elo_analysis.py: battles duplicated, ties as one win
    /// each way, scikit-learn's unpenalised logistic regression, SCALE 400, BASE 10, INIT 1000) run with scikit-learn
    /// 1.2.1 on this 4-version, 72-battle set printed v1 905.483186354046, v2 978.1630899360665, v3 1037.9749712660246,
    /// v4 1078.378752443863 (the same at tol 1e-4 and 1e-10: scikit-learn's L-BFGS stops on its own function-change
    /// criterion, with the log-likelihood's gradient still 1.6e-4 there). SciPy's BFGS run to a gradient of 1e-12 on the
    /// same likelihood gives the exact maximum, 905.48260435, 978.16338058, 1037.97531200, 1078.37870307: this fit
    /// matches that to 1e-6 and FastChat's printed numbers to their own precision (1e-3).
    /// </summary>
    [Fact]
    public void Bradley_terry_matches_the_exact_maximum_and_fastchats_reference_implementation()
    {
        (string A, string B, int AWins, int BWins, int Ties)[] table =
        [
            ("v1", "v2", 4, 6, 2), ("v1", "v3", 3, 7, 1), ("v1", "v4", 2, 8, 2),
            ("v2", "v3", 5, 6, 3), ("v2", "v4", 3, 7, 1), ("v3", "v4", 5, 5, 2),
        ];
        var battles = table.SelectMany(t => Enumerable.Repeat(new Battle(t.A, t.B, BattleOutcome.AWins), t.AWins)
            .Concat(Enumerable.Repeat(new Battle(t.A, t.B, BattleOutcome.BWins), t.BWins))
            .Concat(Enumerable.Repeat(new Battle(t.A, t.B, BattleOutcome.Tie), t.Ties))).ToList();

        var ratings = BradleyTerry.Fit(battles)!;
        double[] exact = [905.48260435, 978.16338058, 1037.97531200, 1078.37870307];
        double[] fastChat = [905.483186354046, 978.1630899360665, 1037.9749712660246, 1078.378752443863];
        for (var i = 0; i < 4; i++)
        {
            Assert.InRange(Math.Abs(ratings[$"v{i + 1}"] - exact[i]), 0, 1e-6);
            Assert.InRange(Math.Abs(ratings[$"v{i + 1}"] - fastChat[i]), 0, 1e-3);
        }

        // Anchored on the baseline, every rating moves by the same amount: the differences are the model's.
        var anchored = BradleyTerry.Fit(battles, anchor: "v1")!;
        Assert.Equal(1000, anchored["v1"], 9);
        Assert.InRange(Math.Abs(anchored["v4"] - (1078.37870307 - 905.48260435 + 1000)), 0, 1e-6);
    }
}
