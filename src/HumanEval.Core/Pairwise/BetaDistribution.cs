using HumanEval.Core.Agreement;
using HumanEval.Core.Decisions;

namespace HumanEval.Core.Pairwise;

/// <summary>
/// The Beta distribution's regularised incomplete beta function I_x(a, b) (its CDF), by the continued fraction of
/// Numerical Recipes (Press et al., §6.4, modified Lentz), and its inverse by bisection. Real a, b &gt; 0, so half
/// counts (ties as half a win each way) work.
/// </summary>
public static class BetaDistribution
{
    /// <summary>P(X ≤ x) for X ~ Beta(a, b).</summary>
    public static double Cdf(double x, double a, double b)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(a);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(b);
        if (x <= 0)
        {
            return 0;
        }

        if (x >= 1)
        {
            return 1;
        }

        var front = Math.Exp((a * Math.Log(x)) + (b * Math.Log(1 - x)) - Distributions.LogBeta(a, b));
        // The continued fraction converges fast for x < (a + 1)/(a + b + 2); use the symmetry I_x(a,b) = 1 − I_{1−x}(b,a) otherwise.
        return x < (a + 1) / (a + b + 2)
            ? front * ContinuedFraction(x, a, b) / a
            : 1 - (front * ContinuedFraction(1 - x, b, a) / b);
    }

    /// <summary>The p-quantile: the x with I_x(a, b) = p, by bisection to 1e-14.</summary>
    public static double Quantile(double p, double a, double b)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(p);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(p, 1);
        double lo = 0, hi = 1;
        for (var i = 0; i < 200 && hi - lo > 1e-14; i++)
        {
            var mid = (lo + hi) / 2;
            if (Cdf(mid, a, b) < p)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        return (lo + hi) / 2;
    }

    /// <summary>The equal-tailed 95% credible interval of Beta(a, b).</summary>
    public static Interval Interval95(double a, double b) => new(Quantile(0.025, a, b), Quantile(0.975, a, b));

    private static double ContinuedFraction(double x, double a, double b)
    {
        const double tiny = 1e-300;
        const double eps = 1e-16;
        var qab = a + b;
        var qap = a + 1;
        var qam = a - 1;
        var c = 1.0;
        var d = 1 - (qab * x / qap);
        d = Math.Abs(d) < tiny ? tiny : d;
        d = 1 / d;
        var h = d;
        for (var m = 1; m <= 10_000; m++)
        {
            var m2 = 2 * m;
            var aa = m * (b - m) * x / ((qam + m2) * (a + m2));
            d = 1 + (aa * d);
            d = Math.Abs(d) < tiny ? tiny : d;
            c = 1 + (aa / c);
            c = Math.Abs(c) < tiny ? tiny : c;
            d = 1 / d;
            h *= d * c;
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
            d = 1 + (aa * d);
            d = Math.Abs(d) < tiny ? tiny : d;
            c = 1 + (aa / c);
            c = Math.Abs(c) < tiny ? tiny : c;
            d = 1 / d;
            var delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1) < eps)
            {
                break;
            }
        }

        return h;
    }
}
