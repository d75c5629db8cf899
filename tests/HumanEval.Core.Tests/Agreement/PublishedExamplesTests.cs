using HumanEval.Core.Agreement;

namespace HumanEval.Core.Tests.Agreement;

/// <summary>The coefficients reproduce the worked examples printed in their sources.</summary>
public sealed class PublishedExamplesTests
{
    /// <summary>Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: 4 observers, 12 units, values 1–5, missing data.</summary>
    private static readonly RatingTable Krippendorff2011C = Tables.FromRaterRows(
        [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3],
        [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null]);

    [Fact]
    public void Krippendorff_2011_section_C_nominal_ordinal_and_interval_alpha()
    {
        var alpha = Krippendorff.Compute(Krippendorff2011C);

        Assert.Equal(0.743, alpha.Nominal!.Value, 3);
        Assert.Equal(0.815, alpha.Ordinal!.Value, 3);
        Assert.Equal(0.849, alpha.Interval!.Value, 3);
    }

    [Fact]
    public void Krippendorff_2011_section_A_binary_two_observers()
    {
        var table = Tables.FromRaterRows(
            [0, 1, 0, 0, 0, 0, 0, 0, 1, 0],
            [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]);

        var alpha = Krippendorff.Compute(table);

        // 1 − (n − 1)·o01/(n0·n1) = 1 − 19·4/(14·6)
        Assert.Equal(1 - (19.0 * 4 / (14 * 6)), alpha.Nominal!.Value, 12);
        Assert.Equal(0.095, alpha.Nominal!.Value, 3);
        Assert.Equal(alpha.Nominal!.Value, alpha.Interval!.Value, 12);
    }

    /// <summary>
    /// Fleiss' kappa on the 10 subjects × 14 raters × 5 categories table reproduced in the Wikipedia article "Fleiss'
    /// kappa" (P̄ = 0.378, P_e = 0.213, κ = 0.210). Computed with the 1971 formulas.
    /// </summary>
    [Fact]
    public void Fleiss_kappa_worked_example()
    {
        var table = Tables.FromCategoryCounts(
        [
            [0, 0, 0, 0, 14],
            [0, 2, 6, 4, 2],
            [0, 0, 3, 5, 6],
            [0, 3, 9, 2, 0],
            [2, 2, 8, 1, 1],
            [7, 7, 0, 0, 0],
            [3, 2, 6, 3, 0],
            [2, 5, 3, 2, 2],
            [6, 5, 2, 1, 0],
            [0, 2, 2, 3, 7],
        ]);

        Assert.Equal(0.210, Kappa.Fleiss(table)!.Value, 3);
    }

    /// <summary>Shrout &amp; Fleiss (1979), Table 2: 6 targets × 4 judges; ICC(2,1) = .29.</summary>
    [Fact]
    public void Shrout_and_Fleiss_1979_icc_2_1()
    {
        var table = Tables.FromItemRows(
            [9, 2, 5, 8],
            [6, 1, 3, 2],
            [8, 4, 6, 8],
            [7, 1, 2, 6],
            [10, 5, 6, 9],
            [6, 2, 4, 7]);

        var icc = Icc.TwoWayRandomSingle(table)!.Value;

        Assert.Equal(0.29, icc, 2);
    }

    /// <summary>
    /// A 3-category weighted-kappa table (scikit-learn's reference values for cohen_kappa_score): 46 agree on 0, 4 rated
    /// 1 vs 0, 40 agree on 1, 10 agree on 2 → κ = 0.9315, linear 0.9412, quadratic 0.9541.
    /// </summary>
    [Fact]
    public void Weighted_kappa_table()
    {
        double[] x = [.. Enumerable.Repeat(0.0, 46), .. Enumerable.Repeat(1.0, 44), .. Enumerable.Repeat(2.0, 10)];
        double[] y = [.. Enumerable.Repeat(0.0, 50), .. Enumerable.Repeat(1.0, 40), .. Enumerable.Repeat(2.0, 10)];

        Assert.Equal(0.9315, Kappa.Cohen(x, y, KappaWeights.Unweighted)!.Value, 4);
        Assert.Equal(0.9412, Kappa.Cohen(x, y, KappaWeights.Linear)!.Value, 4);
        Assert.Equal(0.9541, Kappa.Cohen(x, y, KappaWeights.Quadratic)!.Value, 4);
    }

    /// <summary>Cohen (1960)-style 2×2 example from the Wikipedia article "Cohen's kappa": 20/5/10/15 → κ = 0.4.</summary>
    [Fact]
    public void Cohen_kappa_two_by_two()
    {
        double[] a = [.. Enumerable.Repeat(1.0, 25), .. Enumerable.Repeat(0.0, 25)];
        double[] b = [.. Enumerable.Repeat(1.0, 20), .. Enumerable.Repeat(0.0, 5), .. Enumerable.Repeat(1.0, 10), .. Enumerable.Repeat(0.0, 15)];

        Assert.Equal(0.4, Kappa.Cohen(a, b, KappaWeights.Unweighted)!.Value, 12);
    }
}
