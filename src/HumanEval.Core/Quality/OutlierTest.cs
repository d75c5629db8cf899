namespace HumanEval.Core.Quality;

/// <summary>The outlier test's result: flagged or not, at which of the evaluator's ratings, the combined p-value there (or at the last checkpoint).</summary>
public sealed record OutlierResult(bool Flagged, int? AtRating, double? CombinedP, int Tested);

/// <summary>
/// Is an evaluator's disagreement with the consensus more than chance? A sequential test in the spirit of the one
/// Chatbot Arena (FastChat) uses for anomalous voters: each of the evaluator's ratings, in order, gets a p-value —
/// how unusual its deviation from the other raters of that example is among every other evaluator's deviations,
/// p = (1 + #{reference ≥ d}) / (n + 1) (never below the truth, so the test stays conservative with ties) — and the
/// p-values are combined by Fisher's method, M = −2 Σ ln p, which is χ² with 2j degrees of freedom after j ratings
/// when the evaluator is like the others. The combined p-value is checked at the checkpoints 5, 10, 20, 40 and 80
/// ratings, each at α/5 (Bonferroni over the looks), so an honest evaluator is flagged with probability at most α
/// (default 5%) however long they rate. The χ² tail for even degrees of freedom is exact:
/// P(χ²₂ₖ ≥ x) = e^(−x/2) Σᵢ₌₀ᵏ⁻¹ (x/2)ⁱ / i!.
/// </summary>
public static class OutlierTest
{
    public static readonly IReadOnlyList<int> Checkpoints = [5, 10, 20, 40, 80];

    public const double DefaultAlpha = 0.05;

    /// <param name="deviations">The evaluator's deviation per rating, in submission order (e.g. the mean over criteria of |score − the other raters' median|).</param>
    /// <param name="reference">The same deviation for every other evaluator's ratings: the distribution under "like the others".</param>
    /// <param name="alpha">The chance of flagging an evaluator who is like the others (family-wise over the checkpoints).</param>
    public static OutlierResult Run(IReadOnlyList<double> deviations, IReadOnlyList<double> reference, double alpha = DefaultAlpha)
    {
        ArgumentNullException.ThrowIfNull(deviations);
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(alpha);
        if (reference.Count == 0)
        {
            return new OutlierResult(false, null, null, 0);
        }

        var sorted = reference.Order().ToArray();
        var level = alpha / Checkpoints.Count;
        double m = 0;
        double? last = null;
        for (var j = 1; j <= deviations.Count; j++)
        {
            var atLeast = sorted.Length - LowerBound(sorted, deviations[j - 1]);
            var p = (1.0 + atLeast) / (sorted.Length + 1.0);
            m += -2 * Math.Log(p);
            if (!Checkpoints.Contains(j))
            {
                continue;
            }

            last = ChiSquareSurvivalEven(m, j);
            if (last <= level)
            {
                return new OutlierResult(true, j, last, j);
            }
        }

        return new OutlierResult(false, null, last, deviations.Count);
    }

    /// <summary>P(χ² with 2k degrees of freedom ≥ x), exactly (the Poisson sum).</summary>
    public static double ChiSquareSurvivalEven(double x, int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        if (x <= 0)
        {
            return 1;
        }

        var half = x / 2;
        double term = 1, sum = 1;
        for (var i = 1; i < k; i++)
        {
            term *= half / i;
            sum += term;
        }

        return Math.Min(1, Math.Exp(-half + Math.Log(sum)));
    }

    /// <summary>Index of the first element ≥ value.</summary>
    private static int LowerBound(double[] sorted, double value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (sorted[mid] < value - 1e-12)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
