using HumanEval.Core.Agreement;
using HumanEval.Core.Decisions;

namespace HumanEval.Core.Pairwise;

/// <summary>
/// Pooled preference counts of candidate against baseline on one criterion: the win rate with ties as half
/// (wins + ties/2) / (wins + losses + ties), and the posterior of the candidate's win probability with a uniform prior,
/// Beta(1 + wins + ties/2, 1 + losses + ties/2): P(p &gt; 0.5) and the 95% equal-tailed interval. This pooled view is the
/// cross-check of the per-example comparison (it counts every rating as independent; the example-level bootstrap does not).
/// 58/42/0 → P 0.945, [0.482, 0.672].
/// </summary>
public sealed record WinRate(int Wins, int Losses, int Ties)
{
    public int Comparisons => Wins + Losses + Ties;

    public double? Rate => Comparisons == 0 ? null : (Wins + (Ties / 2.0)) / Comparisons;

    public double Alpha => 1 + Wins + (Ties / 2.0);

    public double Beta => 1 + Losses + (Ties / 2.0);

    /// <summary>P(candidate's win probability &gt; 0.5) under the posterior.</summary>
    public double PBetter => 1 - BetaDistribution.Cdf(0.5, Alpha, Beta);

    public Interval Interval => BetaDistribution.Interval95(Alpha, Beta);
}

/// <summary>How many comparisons a pairwise campaign needs.</summary>
public static class PairwisePlanner
{
    /// <summary>The win rate a pairwise plan aims to detect by default.</summary>
    public const double DefaultWinRate = 0.6;

    /// <summary>
    /// Non-tie comparisons to detect a win rate <paramref name="winRate"/> against 0.5 at the given power with a
    /// one-sided test (normal approximation to the binomial): n = ⌈((z₁₋α · 0.5 + z_power · √(w(1 − w))) / (w − 0.5))²⌉.
    /// 0.60 → 153, 0.65 → 67, 0.70 → 37 at 80% and 5%.
    /// </summary>
    public static int Comparisons(double winRate, double power = 0.8, double alpha = 0.05)
    {
        if (winRate is <= 0.5 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(winRate), "the win rate to detect must lie between 0.5 and 1");
        }

        var za = Distributions.NormalQuantile(1 - alpha);
        var zb = Distributions.NormalQuantile(power);
        var n = Math.Pow(((za * 0.5) + (zb * Math.Sqrt(winRate * (1 - winRate)))) / (winRate - 0.5), 2);
        return (int)Math.Ceiling(n - 1e-9);
    }
}
