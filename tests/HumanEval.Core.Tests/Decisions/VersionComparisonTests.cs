using HumanEval.Core.Decisions;

namespace HumanEval.Core.Tests.Decisions;

public sealed class VersionComparisonTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly ComparedCriterion[] Accuracy = Simulated.OneCriterion;

    [Fact]
    public void Hand_computed_means_sd_and_difference_with_the_example_as_the_unit()
    {
        // Baseline: b1 rated 2 and 4 (mean 3), b2 rated 4 (mean 4) → mean of example means 3.5, not 10/3.
        // Candidate: c1 5 and 5, c2 4 and 3 → 5 and 3.5 → 4.25. Δ = 0.75. SD(baseline) = √((0.25 + 0.25)/1) = 0.7071.
        static ComparedRating R(string ex, string v, string e, double s) => new(ex, v, e, "accuracy", s);
        var report = VersionComparison.Compare(
            [R("b1", "v1", "x", 2), R("b1", "v1", "y", 4), R("b2", "v1", "x", 4), R("c1", "v2", "x", 5), R("c1", "v2", "y", 5), R("c2", "v2", "x", 4), R("c2", "v2", "y", 3)],
            Accuracy, Simulated.Options());
        var accuracy = report.Criteria.Single();
        Assert.Equal(Design.Unpaired, report.Design);
        Assert.Equal(3.5, accuracy.Baseline.Mean!.Value, 12);
        Assert.Equal(2, accuracy.Baseline.Examples);
        Assert.Equal(3, accuracy.Baseline.Ratings);
        Assert.Equal(Math.Sqrt(0.5), accuracy.Baseline.Sd!.Value, 12);
        Assert.Equal(4.25, accuracy.Candidate.Mean!.Value, 12);
        Assert.Equal(0.75, accuracy.Raw!.Delta, 12);
        Assert.Equal(0.75, report.Overall.Raw!.Delta, 12); // one ordinal criterion: overall = accuracy
        // Every draw is a weighted mean of the example means, so the interval lies within their range.
        Assert.InRange(accuracy.Baseline.Interval!.Low, 3.0, 3.5);
        Assert.InRange(accuracy.Baseline.Interval.High, 3.5, 4.0);
    }

    [Fact]
    public void Same_data_and_seed_give_the_same_figures_whatever_the_row_order()
    {
        var ratings = Simulated.Campaign(new Random(3), 40, 3, 0.3);
        var a = VersionComparison.Compare(ratings, Accuracy, Simulated.Options(seed: 7));
        var b = VersionComparison.Compare(Enumerable.Reverse(ratings).ToList(), Accuracy, Simulated.Options(seed: 7));
        Assert.Equal(a.Overall, b.Overall);
        Assert.Equal(a.Decision.Headline, b.Decision.Headline);
        var c = VersionComparison.Compare(ratings, Accuracy, Simulated.Options(seed: 8));
        Assert.NotEqual(a.Overall.Raw!.PBetter, c.Overall.Raw!.PBetter);
    }

    [Fact]
    public void Duplicating_every_rating_does_not_narrow_the_interval()
    {
        var ratings = Simulated.Campaign(new Random(11), 60, 3, 0.2);
        var doubled = ratings.Concat(ratings.Select(r => r with { Evaluator = r.Evaluator + "-copy" })).ToList();
        var once = VersionComparison.Compare(ratings, Accuracy, Simulated.Options()).Overall.Raw!;
        var twice = VersionComparison.Compare(doubled, Accuracy, Simulated.Options()).Overall.Raw!;
        var width = once.Interval.High - once.Interval.Low;
        var widthTwice = twice.Interval.High - twice.Interval.Low;
        Assert.True(Math.Abs(widthTwice - width) / width < 0.05, $"{width} vs {widthTwice}");
        Assert.Equal(once.Delta, twice.Delta, 12);
    }

    [Fact]
    public void The_95_percent_interval_covers_the_true_difference_in_93_to_97_percent_of_2000_campaigns()
    {
        var random = new Random(2026);
        var covered = 0;
        const int campaigns = 2000;
        for (var s = 0; s < campaigns; s++)
        {
            var ratings = Simulated.Campaign(random, 50, 3, effect: 0.3);
            var ci = VersionComparison.Compare(ratings, Accuracy, Simulated.Options(draws: 400, seed: s)).Overall.Raw!.Interval;
            covered += ci.Low <= 0.3 && 0.3 <= ci.High ? 1 : 0;
        }

        var coverage = (double)covered / campaigns;
        output.WriteLine($"coverage of the true Δ = 0.3 by the 95% interval: {coverage:P1} of {campaigns} campaigns (50 examples per version, k = 3, 400 draws)");
        Assert.InRange(coverage, 0.93, 0.97);
    }

    [Fact]
    public void A_lenient_evaluator_on_the_candidate_wins_by_luck_raw_but_not_adjusted()
    {
        // No true effect. Evaluator 0 rates 1.2 points high and sits on 90% of the candidate's panels, 10% of the baseline's.
        var random = new Random(19);
        var leniency = new[] { 1.2, 0, 0, 0, 0, 0, 0 };
        int[] Pick(int version, int i)
        {
            var others = Enumerable.Range(1, 6).OrderBy(_ => random.Next()).ToArray();
            var withLenient = version == 1 ? i % 10 != 0 : i % 10 == 0;
            return withLenient ? [0, others[0], others[1]] : [others[0], others[1], others[2]];
        }

        var ratings = Simulated.Campaign(random, 120, 3, effect: 0, leniency: leniency, pick: Pick);
        var report = VersionComparison.Compare(ratings, Accuracy, Simulated.Options(draws: 2000));
        var raw = report.Overall.Raw!;
        var adjusted = report.Overall.Adjusted!;
        output.WriteLine($"no true effect, lenient evaluator on the candidate: raw Δ {raw.Delta:0.000} [{raw.Interval.Low:0.000}, {raw.Interval.High:0.000}], adjusted {adjusted.Delta:0.000} [{adjusted.Interval.Low:0.000}, {adjusted.Interval.High:0.000}]");
        Assert.True(raw.Interval.Low > 0, $"raw Δ {raw.Delta:0.000} [{raw.Interval.Low:0.000}, {raw.Interval.High:0.000}] should exclude 0");
        Assert.True(adjusted.Interval.Low < 0 && adjusted.Interval.High > 0, $"adjusted Δ {adjusted.Delta:0.000} [{adjusted.Interval.Low:0.000}, {adjusted.Interval.High:0.000}] should include 0");
    }

    [Fact]
    public void Paired_when_the_same_inputs_were_rated_under_both_versions()
    {
        var pairedRatings = Simulated.Campaign(new Random(23), 40, 2, 0.2, paired: true);
        var paired = VersionComparison.Compare(pairedRatings, Accuracy, Simulated.Options());
        Assert.Equal(Design.Paired, paired.Design);
        Assert.Equal(40, paired.Pairs);
        Assert.Equal(0, paired.LeftOut);

        // Pairing removes the example-to-example spread: the paired interval is narrower than the same data unpaired.
        var unpaired = VersionComparison.Compare(pairedRatings.Select(r => r with { PairKey = null }), Accuracy, Simulated.Options());
        Assert.Equal(Design.Unpaired, unpaired.Design);
        Assert.Equal(0, unpaired.Pairs);
        Assert.True(Width(paired.Overall.Raw!) < 0.7 * Width(unpaired.Overall.Raw!));
        Assert.Equal(unpaired.Overall.Raw!.Delta, paired.Overall.Raw!.Delta, 9); // one example per key: same point difference

        // A few shared inputs are not a paired design: they are counted and the comparison stays unpaired.
        var few = pairedRatings.Select(r => r with { PairKey = r.PairKey is { } k && string.CompareOrdinal(k, "p00005") < 0 ? k : null }).ToList();
        var mostlyUnpaired = VersionComparison.Compare(few, Accuracy, Simulated.Options());
        Assert.Equal(Design.Unpaired, mostlyUnpaired.Design);
        Assert.Equal(5, mostlyUnpaired.Pairs);
    }

    [Fact]
    public void An_example_under_two_versions_is_refused_with_its_id()
    {
        var ex = Assert.Throws<ArgumentException>(() => VersionComparison.Compare(
            [new("x1", "v1", "a", "accuracy", 3), new("x1", "v2", "b", "accuracy", 4)], Accuracy, Simulated.Options()));
        Assert.Contains("'x1'", ex.Message);
    }

    private static double Width(Difference d) => d.Interval.High - d.Interval.Low;
}
