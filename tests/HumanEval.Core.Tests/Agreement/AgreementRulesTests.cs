using HumanEval.Core.Agreement;

namespace HumanEval.Core.Tests.Agreement;

/// <summary>Hand-checked small cases: missing data, single ratings, no variation, binary criteria, judge agreement.</summary>
public sealed class AgreementRulesTests
{
    [Fact]
    public void Examples_with_a_single_rating_do_not_change_alpha()
    {
        var without = Tables.FromRaterRows([1, 2, 3, 3], [1, 2, 3, 4]);
        var with = Tables.FromRaterRows([1, 2, 3, 3, 5, null], [1, 2, 3, 4, null, 1]);

        Assert.Equal(Krippendorff.Compute(without), Krippendorff.Compute(with));
    }

    [Fact]
    public void Alpha_is_null_without_pairable_values_and_without_variation()
    {
        var single = Tables.FromRaterRows([1, null, 3], [null, 2, null]);
        var constant = Tables.FromRaterRows([4, 4, 4], [4, 4, 4]);

        Assert.Equal(new AlphaResult(null, null, null), Krippendorff.Compute(single));
        Assert.Equal(new AlphaResult(null, null, null), Krippendorff.Compute(constant));
        Assert.Null(Kappa.Fleiss(constant));
        Assert.Null(Kappa.Cohen([4.0, 4.0], [4.0, 4.0], KappaWeights.Quadratic));
    }

    [Fact]
    public void Perfect_agreement_gives_alpha_one_and_systematic_disagreement_is_negative()
    {
        var perfect = Tables.FromRaterRows([1, 2, 3, 1], [1, 2, 3, 1], [1, 2, 3, 1]);
        var opposite = Tables.FromRaterRows([0, 1, 0, 1], [1, 0, 1, 0]);

        Assert.Equal(1.0, Krippendorff.Compute(perfect).Interval!.Value, 12);
        Assert.Equal(1.0, Kappa.Fleiss(perfect)!.Value, 12);
        Assert.True(Krippendorff.Compute(opposite).Nominal < 0);
    }

    [Fact]
    public void Alpha_two_raters_hand_computed()
    {
        // Units (1,1), (1,2), (2,2): o11 = 2, o12 = o21 = 1, o22 = 2; n1 = n2 = 3, n = 6.
        // Nominal: 1 − 5·2/(2·3·3) = 1 − 10/18.
        var table = Tables.FromRaterRows([1, 1, 2], [1, 2, 2]);

        Assert.Equal(1 - (10.0 / 18), Krippendorff.Compute(table).Nominal!.Value, 12);
    }

    [Fact]
    public void Fleiss_needs_the_same_number_of_ratings_on_every_rated_example()
    {
        var uneven = Tables.FromRaterRows([1, 2, 3], [1, 2, null], [1, 3, 3]);
        var even = Tables.FromRaterRows([1, 2, 3], [1, 2, 3], [2, 2, 3]);

        Assert.Null(Kappa.Fleiss(uneven));
        Assert.NotNull(Kappa.Fleiss(even));
    }

    [Fact]
    public void Icc_needs_every_rater_on_every_example()
    {
        var incomplete = Tables.FromItemRows([1, 2], [2, null], [3, 3]);
        var complete = Tables.FromItemRows([1, 2], [2, 2], [3, 3]);

        Assert.Null(Icc.TwoWayRandomSingle(incomplete));
        Assert.NotNull(Icc.TwoWayRandomSingle(complete));
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.7)]
    [InlineData(3.3)]
    [InlineData(4.0)]
    public void Every_coefficient_is_null_when_every_score_is_the_same_decimal(double value)
    {
        // Six ratings of 0.1 (3 items x 2 raters): the grand mean carries rounding error and the sums of squares come
        // out ~1e-33, not 0. No variation is undefined: null, not 1, 0 or -1.
        var table = Tables.FromItemRows([value, value], [value, value], [value, value]);

        Assert.Null(Icc.TwoWayRandomSingle(table));
        Assert.Equal(new AlphaResult(null, null, null), Krippendorff.Compute(table));
        Assert.Null(Kappa.Fleiss(table));
        Assert.Null(Kappa.Cohen([value, value, value], [value, value, value], KappaWeights.Quadratic));
        Assert.Null(Ranks.Pearson([value, value, value], [1.0, 2.0, 3.0]));
        Assert.Null(Ranks.Spearman([value, value, value], [1.0, 2.0, 3.0]));
    }

    [Fact]
    public void Icc_with_small_real_variation_is_still_defined()
    {
        // Variation of 0.01 around 0.1 is data, not rounding noise (hand check: the items differ, the raters agree: ICC = 1).
        var table = Tables.FromItemRows([0.1, 0.1], [0.11, 0.11], [0.12, 0.12]);

        Assert.Equal(1.0, Icc.TwoWayRandomSingle(table)!.Value, 9);
    }

    [Fact]
    public void Weighted_kappa_uses_score_distance_not_category_index()
    {
        // Scores 1, 2, 10. Observed (1,2) and (10,10); expected cells (1,2), (1,10), (10,2), (10,10) at 1/2 each.
        // Linear by distance: Σw·o = 1, Σw·e = (1 + 9 + 8)/2 = 9 → κ = 1 − 1/9.
        // (By category index it would be 1 − 1/2: the distance 2→10 would count like 1→2.)
        double[] x = [1, 10];
        double[] y = [2, 10];

        Assert.Equal(1 - (1.0 / 9), Kappa.Cohen(x, y, KappaWeights.Linear)!.Value, 12);
        Assert.Equal(1 - (1.0 / ((1 + 81 + 64) / 2.0)), Kappa.Cohen(x, y, KappaWeights.Quadratic)!.Value, 12);
    }

    [Fact]
    public void Pairwise_kappa_skips_pairs_sharing_too_few_examples()
    {
        // Raters 0 and 1 share 5 items; rater 2 shares 2 items with each.
        var table = Tables.FromRaterRows(
            [1, 2, 3, 1, 2, 3, 1],
            [1, 2, 3, 2, 2, 3, 1],
            [null, null, null, null, null, 3, 2]);

        var strict = Kappa.MeanPairwise(table, minShared: 5);
        var loose = Kappa.MeanPairwise(table, minShared: 2);

        Assert.Equal(1, strict.Pairs);
        Assert.Equal(3, loose.Pairs);
    }

    [Fact]
    public void Percent_agreement_averages_pair_shares_over_examples_with_two_or_more_ratings()
    {
        // Item 1: (3,3,4): pairs exact 1/3, within 3/3. Item 2: (1,5): 0, 0. Item 3: single rating, ignored.
        var table = Tables.FromItemRows([3, 3, 4], [1, 5, null], [2, null, null]);

        var result = PercentAgreement.Compute(table);

        Assert.Equal((1.0 / 3 + 0) / 2, result.Exact!.Value, 12);
        Assert.Equal((1.0 + 0) / 2, result.WithinOne!.Value, 12);
    }

    [Fact]
    public void Binary_criteria_count_as_exact_or_not_and_every_pair_is_within_one()
    {
        var table = Tables.FromItemRows([0, 1], [1, 1], [0, 0]);

        var result = PercentAgreement.Compute(table);

        Assert.Equal(2.0 / 3, result.Exact!.Value, 12);
        Assert.Equal(1.0, result.WithinOne!.Value, 12);
    }

    [Fact]
    public void Judge_agreement_is_the_mean_per_example_share_of_matching_human_ratings()
    {
        // Item 1 humans (4,4,5), judge 4: exact 2/3, within 1. Item 2 humans (1,3), judge 3: exact 1/2, within 1/2.
        // Item 3: judge only, no humans: not counted. Item 4: humans only: not counted.
        var table = Tables.FromItemRows([4, 4, 5], [1, 3, null], [null, null, null], [2, 2, 2]);
        double?[] judge = [4, 3, 5, null];

        var result = JudgeAgreement.Compute(table, judge);

        Assert.Equal(2, result.N);
        Assert.Equal(((2.0 / 3) + 0.5) / 2, result.Exact!.Value, 12);
        Assert.Equal((1 + 0.5) / 2, result.WithinOne!.Value, 12);
    }

    [Fact]
    public void Judge_kappa_and_spearman_compare_with_the_human_median()
    {
        // Medians: (2,4) → 3, (1) → 1, (5,5,4) → 5, (2,3) → 2.5
        var table = Tables.FromItemRows([2, 4, null], [1, null, null], [5, 5, 4], [2, 3, null]);
        double?[] judge = [3, 1, 5, 2.5];

        var result = JudgeAgreement.Compute(table, judge);

        Assert.Equal(1.0, result.QuadraticKappa!.Value, 12);
        Assert.Equal(1.0, result.Spearman!.Value, 12);
    }

    [Fact]
    public void Median_and_average_ranks()
    {
        Assert.Equal(2.5, Ranks.Median([4.0, 1.0, 2.0, 3.0]));
        Assert.Equal(3.0, Ranks.Median([5.0, 1.0, 3.0]));
        Assert.Equal([1.0, 2.5, 2.5, 4.0], Ranks.Average([1.0, 2.0, 2.0, 3.0]));
        // Hand-computed Spearman with ties: ranks x = (1, 2.5, 2.5, 4), y = (1, 2, 3, 4).
        Assert.Equal(0.9486832980505138, Ranks.Spearman([1.0, 2.0, 2.0, 3.0], [10.0, 20.0, 30.0, 40.0])!.Value, 12);
        Assert.Null(Ranks.Spearman([1.0, 1.0], [1.0, 2.0]));
    }

    [Fact]
    public void Bootstrap_intervals_are_seeded_and_bracket_the_estimate()
    {
        var random = new Random(7);
        var rows = Enumerable.Range(0, 3).Select(_ => new double?[60]).ToArray();
        for (var i = 0; i < 60; i++)
        {
            var truth = random.Next(1, 6);
            for (var r = 0; r < 3; r++)
            {
                rows[r][i] = Math.Clamp(truth + random.Next(-1, 2), 1, 5);
            }
        }

        var table = Tables.FromRaterRows(rows);
        var estimate = Krippendorff.Compute(table).Ordinal!.Value;

        var first = Bootstrap.Alpha(table, draws: 500, seed: 42);
        var second = Bootstrap.Alpha(table, draws: 500, seed: 42);

        Assert.Equal(first, second);
        Assert.InRange(estimate, first.Ordinal!.Low, first.Ordinal.High);
        Assert.True(first.Ordinal.High - first.Ordinal.Low is > 0 and < 0.5);
    }

    [Fact]
    public void A_duplicate_rating_is_refused_by_the_builder()
    {
        var builder = new RatingSetBuilder();

        Assert.True(builder.TryAdd("item1", "ann", "tone", 3));
        Assert.True(builder.TryAdd("item1", "ann", "accuracy", 3));
        Assert.False(builder.TryAdd("item1", "ann", "tone", 4));
        Assert.True(builder.TryAddJudge("item1", "tone", 3));
        Assert.False(builder.TryAddJudge("item1", "tone", 2));
    }

    [Fact]
    public void The_report_counts_items_raters_and_ratings_per_criterion()
    {
        var builder = new RatingSetBuilder();
        builder.TryAdd("a", "r1", "tone", 3);
        builder.TryAdd("a", "r2", "tone", 4);
        builder.TryAdd("b", "r1", "tone", null);
        builder.TryAdd("b", "r3", "tone", 2);
        builder.TryAdd("c", "r2", "safety", 1);
        builder.TryAddJudge("a", "tone", 4);

        var tone = builder.Build().Single(c => c.Criterion == "tone");
        var report = AgreementReport.Compute(tone.Criterion, tone.Table, tone.Judge);

        Assert.Equal((2, 3, 3), (report.Items, report.Raters, report.Ratings));
        Assert.Equal(1, report.Judge!.N);
        Assert.Equal(0.5, report.Judge.Exact);
    }
}
