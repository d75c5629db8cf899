namespace HumanEval.Core.Agreement;

/// <summary>
/// "No variation" without trusting floating-point zero: coefficients divide by a variance, and a variance computed
/// around a rounded mean is ~1e-33, not 0, when every score is the same decimal (0.1 has no exact binary form).
/// </summary>
internal static class Variation
{
    /// <summary>
    /// A sum of squares around the mean at or below this share of Σx² is rounding noise: the mean's relative error is
    /// at most n·ε (ε ≈ 1.1e-16), so noise is below (n·ε)² ≈ 1.5e-19 even for 3.5 million scores; real variation of
    /// one part in 10⁸ of the scores' size still counts.
    /// </summary>
    internal const double NoiseShare = 1e-16;

    /// <summary>Relative size below which a variance-like denominator is treated as zero.</summary>
    internal const double Tolerance = 1e-12;

    internal static bool IsConstant(IReadOnlyList<double> values)
    {
        for (var i = 1; i < values.Count; i++)
        {
            if (values[i] != values[0])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A total sum of squares that is rounding noise relative to the scores' own size.</summary>
    internal static bool IsNoise(double sumOfSquares, double sumOfSquaredValues) => sumOfSquares <= NoiseShare * sumOfSquaredValues;
}
