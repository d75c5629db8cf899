using HumanEval.Core.Agreement;

namespace HumanEval.Core.Decisions;

/// <summary>
/// The closed-form pieces of the decision statistics: the Wilson score interval of a proportion, the probability that
/// one Beta posterior exceeds another, the normal quantile for the planner, and the log-gamma they need.
/// </summary>
public static class Distributions
{
    /// <summary>z for a two-sided 95% interval.</summary>
    public const double Z95 = 1.959963984540054;

    /// <summary>
    /// Wilson score interval of <paramref name="successes"/> out of <paramref name="n"/> (Wilson 1927; Newcombe 1998,
    /// method 3): centre (x + z²/2)/(n + z²), half-width z/(n + z²)·√(x(n − x)/n + z²/4). 8 of 10 gives [0.490, 0.943].
    /// Null for n = 0.
    /// </summary>
    public static Interval? Wilson(int successes, int n, double z = Z95)
    {
        if (n <= 0)
        {
            return null;
        }

        ArgumentOutOfRangeException.ThrowIfNegative(successes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(successes, n);
        double x = successes;
        var z2 = z * z;
        var centre = (x + (z2 / 2)) / (n + z2);
        var half = z / (n + z2) * Math.Sqrt((x * (n - x) / n) + (z2 / 4));
        return new Interval(Math.Max(0, centre - half), Math.Min(1, centre + half));
    }

    /// <summary>
    /// P(p_B &gt; p_A) for independent p_A ~ Beta(αA, βA) and p_B ~ Beta(αB, βB) with integer αB, exactly:
    /// Σ_{i=0}^{αB−1} B(αA + i, βA + βB) / ((βB + i) · B(1 + i, βB) · B(αA, βA)) (the closed form for Bayesian A/B tests,
    /// E. Miller 2015, from Cook 2005). With uniform priors, αX = 1 + failures, βX = 1 + n − failures.
    /// </summary>
    public static double ProbabilityGreater(int alphaB, double betaB, double alphaA, double betaA)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(alphaB, 1);
        var total = 0.0;
        var lnBa = LogBeta(alphaA, betaA);
        for (var i = 0; i < alphaB; i++)
        {
            total += Math.Exp(LogBeta(alphaA + i, betaA + betaB) - Math.Log(betaB + i) - LogBeta(1 + i, betaB) - lnBa);
        }

        return Math.Clamp(total, 0, 1);
    }

    /// <summary>ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b).</summary>
    public static double LogBeta(double a, double b) => LogGamma(a) + LogGamma(b) - LogGamma(a + b);

    private static readonly double[] Lanczos =
    [
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
        12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
    ];

    /// <summary>ln Γ(x) for x &gt; 0 by the Lanczos approximation (g = 7, nine coefficients; relative error about 1e-15).</summary>
    public static double LogGamma(double x)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(x);
        if (x < 0.5)
        {
            // Reflection: Γ(x)Γ(1 − x) = π / sin(πx).
            return Math.Log(Math.PI / Math.Sin(Math.PI * x)) - LogGamma(1 - x);
        }

        x -= 1;
        var a = Lanczos[0];
        var t = x + 7.5;
        for (var i = 1; i < Lanczos.Length; i++)
        {
            a += Lanczos[i] / (x + i);
        }

        return (0.5 * Math.Log(2 * Math.PI)) + ((x + 0.5) * Math.Log(t)) - t + Math.Log(a);
    }

    /// <summary>
    /// The standard normal quantile Φ⁻¹(p), by Acklam's rational approximation (relative error below 1.2e-9 over
    /// (0, 1)). Φ⁻¹(0.975) = 1.959964, Φ⁻¹(0.8) = 0.841621.
    /// </summary>
    public static double NormalQuantile(double p)
    {
        if (p is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(p), "p must lie strictly between 0 and 1");
        }

        double[] a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00];
        double[] b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01];
        double[] c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00];
        double[] d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00];
        const double low = 0.02425;
        if (p < low)
        {
            var q = Math.Sqrt(-2 * Math.Log(p));
            return Horner(c, q) / ((Horner(d, q) * q) + 1);
        }

        if (p > 1 - low)
        {
            var q = Math.Sqrt(-2 * Math.Log(1 - p));
            return -Horner(c, q) / ((Horner(d, q) * q) + 1);
        }

        var t = p - 0.5;
        var r = t * t;
        return Horner(a, r) * t / ((Horner(b, r) * r) + 1);
    }

    /// <summary>c[0]·xⁿ⁻¹ + c[1]·xⁿ⁻² + … + c[n−1].</summary>
    private static double Horner(double[] c, double x)
    {
        var v = c[0];
        for (var i = 1; i < c.Length; i++)
        {
            v = (v * x) + c[i];
        }

        return v;
    }
}
