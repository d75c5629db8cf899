using HumanEval.Core.Quality;

namespace HumanEval.Core.Tests.Quality;

/// <summary>Gold accuracy and the pause rule, the behaviour flags, and the outlier test's error rates on simulated raters.</summary>
public sealed class GoldAndBehaviourTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public void A_gold_answer_accepts_its_values_within_the_tolerance_on_every_criterion()
    {
        GoldAnswer[] answers = [new("accuracy", [4], 1), new("safety", [1], 0), new("tone", [2, 5], 0)];
        Assert.True(GoldRules.IsCorrect(answers, new Dictionary<string, int> { ["accuracy"] = 5, ["safety"] = 1, ["tone"] = 5 }));
        Assert.False(GoldRules.IsCorrect(answers, new Dictionary<string, int> { ["accuracy"] = 2, ["safety"] = 1, ["tone"] = 5 }));
        Assert.False(GoldRules.IsCorrect(answers, new Dictionary<string, int> { ["accuracy"] = 4, ["safety"] = 1, ["tone"] = 4 }));
        Assert.False(GoldRules.IsCorrect(answers, new Dictionary<string, int> { ["accuracy"] = 4, ["tone"] = 2 })); // unscored counts as wrong
        Assert.Equal(1, GoldAnswer.DefaultTolerance(HumanEval.Core.Rubrics.ScaleType.Ordinal));
        Assert.Equal(0, GoldAnswer.DefaultTolerance(HumanEval.Core.Rubrics.ScaleType.Binary));
    }

    [Fact]
    public void An_evaluator_with_4_of_10_golds_right_is_paused_after_the_tenth_and_never_before_the_minimum()
    {
        // Wrong on the first seven: far below 0.7, but fewer than 8 answers — no pause yet.
        var early = GoldRules.Default.Replay([false, false, false, false, false, false, false]);
        Assert.All(early, r => Assert.False(r.Paused));

        // 4 right of 10, the last two wrong: 4/8 (upper 0.785) and 4/9 (0.733) are not paused; 4/10 (0.687) is.
        var script = GoldRules.Default.Replay([true, false, true, false, true, false, true, false, false, false]);
        Assert.Equal(Enumerable.Repeat(false, 9).Append(true), script.Select(r => r.Paused));
        Assert.Equal(0.6873, script[9].Interval!.High, 4); // Wilson by hand: 0.4277 + 0.2596
        Assert.Equal(0.4, script[9].Accuracy!.Value, 9);

        // Missing 4 of 10 (6 right) keeps the upper bound at 0.832: the stated rule does not pause it.
        var sixOfTen = GoldRules.Default.Record(6, 10);
        Assert.False(sixOfTen.Paused);
        Assert.Equal(0.8318, sixOfTen.Interval!.High, 4);
        Assert.True(new GoldRules(MinAnswers: 8, Threshold: 0.9).Record(6, 10).Paused);
    }

    [Fact]
    public void Speed_and_straight_lining_flags()
    {
        static RatedItem R(int seconds, params int[] scores) => new("x", seconds, scores);
        var honest = BehaviourFlags.Check([R(200, 4, 3, 4), R(15, 5, 5, 4), R(300, 2, 3, 3), R(240, 4, 4, 4), R(180, 3, 4, 2)]);
        Assert.Equal((1, 1, false, false), (honest.TooFast, honest.LongestStraightRun, honest.FastFlag, honest.StraightLiningFlag));

        var liner = BehaviourFlags.Check([R(90, 4, 3, 4), R(60, 4, 4, 4), R(50, 3, 3, 3), R(40, 5, 5, 5), R(45, 4, 4, 4), R(30, 4, 4, 4), R(70, 2, 3, 4)]);
        Assert.Equal((5, true), (liner.LongestStraightRun, liner.StraightLiningFlag));
        var four = BehaviourFlags.Check([R(90, 4, 4, 4), R(60, 4, 4, 4), R(50, 3, 3, 3), R(40, 5, 5, 5), R(45, 4, 3, 4)]);
        Assert.False(four.StraightLiningFlag);

        var rusher = BehaviourFlags.Check([R(8, 4, 3, 4), R(12, 2, 3, 4), R(200, 3, 4, 5), R(9, 4, 5, 3)]);
        Assert.Equal((3, true), (rusher.TooFast, rusher.FastFlag));
        Assert.False(BehaviourFlags.IsStraight([4])); // one criterion says nothing
    }

    [Theory]
    [InlineData(2.0, 1, 0.3679)] // e^-1
    [InlineData(10.0, 3, 0.1247)] // χ²₆ at 10
    [InlineData(0.0, 5, 1.0)]
    public void The_chi_square_tail_for_even_degrees_of_freedom_is_exact(double x, int k, double expected) =>
        Assert.Equal(expected, OutlierTest.ChiSquareSurvivalEven(x, k), 4);

    /// <summary>
    /// Simulated campaigns: 200 examples of true quality U(1, 5), three raters each from a roster of six; honest raters
    /// score round(quality + N(0, 0.7)) clamped to 1–5; the clicker (when present) scores uniformly at random.
    /// </summary>
    private static (Dictionary<int, List<double>> Deviations, int Clicker) Simulate(int seed, bool withClicker)
    {
        var random = new Random(seed);
        var deviations = Enumerable.Range(0, 6).ToDictionary(r => r, _ => new List<double>());
        for (var e = 0; e < 200; e++)
        {
            var quality = 1 + (random.NextDouble() * 4);
            var panel = Enumerable.Range(0, 6).OrderBy(_ => random.Next()).Take(3).ToArray();
            var scores = panel.Select(r => withClicker && r == 0 ? random.Next(1, 6) : Math.Clamp((int)Math.Round(quality + (Normal(random) * 0.7)), 1, 5)).ToArray();
            for (var i = 0; i < 3; i++)
            {
                var others = scores.Where((_, j) => j != i).Order().ToArray();
                deviations[panel[i]].Add(Math.Abs(scores[i] - ((others[0] + others[1]) / 2.0)));
            }
        }

        return (deviations, 0);
    }

    private static double Normal(Random random) => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    [Fact]
    public void The_outlier_test_rarely_flags_honest_raters_and_catches_a_random_clicker()
    {
        int honest = 0, falseAlarms = 0, caught = 0;
        const int runs = 150;
        for (var run = 0; run < runs; run++)
        {
            var (plain, _) = Simulate(run, withClicker: false);
            foreach (var (rater, own) in plain)
            {
                var reference = plain.Where(p => p.Key != rater).SelectMany(p => p.Value).ToList();
                honest++;
                falseAlarms += OutlierTest.Run(own, reference).Flagged ? 1 : 0;
            }

            var (mixed, clicker) = Simulate(10_000 + run, withClicker: true);
            var result = OutlierTest.Run(mixed[clicker], mixed.Where(p => p.Key != clicker).SelectMany(p => p.Value).ToList());
            caught += result.Flagged ? 1 : 0;
        }

        var rate = (double)falseAlarms / honest;
        output.WriteLine($"honest raters flagged: {falseAlarms} of {honest} ({rate:P1}); clicker caught: {caught} of {runs}");
        Assert.True(rate <= 0.05, $"false alarms {falseAlarms} of {honest} ({rate:P1})");
        Assert.True(caught >= runs * 0.95, $"clicker caught in {caught} of {runs}");
    }
}
