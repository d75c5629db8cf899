using HumanEval.Core.Decisions;

namespace HumanEval.Core.Tests.Decisions;

public sealed class DistributionsTests
{
    [Theory]
    [InlineData(8, 10, 0.490, 0.943)]   // the printed value; also Newcombe (1998) method 3
    [InlineData(0, 10, 0.000, 0.278)]   // no failures still leaves a 28% upper bound
    [InlineData(81, 263, 0.255, 0.366)] // Newcombe (1998) table I, example (c): 81/263 → 0.2553–0.3662
    [InlineData(15, 148, 0.0624, 0.1605)] // Newcombe (1998) table I, example (b): 15/148 → 0.0624–0.1605
    public void Wilson_intervals_match_published_values(int x, int n, double low, double high)
    {
        var ci = Distributions.Wilson(x, n)!;
        Assert.Equal(low, ci.Low, 3);
        Assert.Equal(high, ci.High, 3);
    }

    [Fact]
    public void Wilson_of_nothing_is_no_interval()
    {
        Assert.Null(Distributions.Wilson(0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Distributions.Wilson(11, 10));
    }

    [Fact]
    public void Beta_comparison_matches_hand_integrals()
    {
        // X ~ Beta(2,1) (density 2x), Y ~ Beta(1,2) (density 2(1−y)): P(X > Y) = ∫ 2x (2x − x²) dx = 4/3 − 1/2 = 5/6.
        Assert.Equal(5.0 / 6, Distributions.ProbabilityGreater(2, 1, 1, 2), 12);
        // Same posteriors: one half, by symmetry.
        Assert.Equal(0.5, Distributions.ProbabilityGreater(1, 1, 1, 1), 12);
        Assert.Equal(0.5, Distributions.ProbabilityGreater(13, 88, 13, 88), 10);
        // X ~ Beta(1,1), Y ~ Beta(2,1): P(X > Y) = ∫ (1 − y) 2y dy = 1/3.
        Assert.Equal(1.0 / 3, Distributions.ProbabilityGreater(1, 1, 2, 1), 12);
    }

    [Fact]
    public void Beta_comparison_agrees_with_monte_carlo_for_unsafe_rates()
    {
        // Candidate 12 unsafe of 100, baseline 5 of 100, uniform priors.
        var exact = Distributions.ProbabilityGreater(1 + 12, 1 + 88, 1 + 5, 1 + 95);
        var random = new Random(5);
        var wins = 0;
        const int n = 200_000;
        for (var i = 0; i < n; i++)
        {
            wins += Beta(random, 13, 89) > Beta(random, 6, 96) ? 1 : 0;
        }

        Assert.Equal(exact, (double)wins / n, 2);
        Assert.InRange(exact, 0.95, 0.99);
    }

    [Fact]
    public void Log_gamma_and_normal_quantiles_match_tables()
    {
        Assert.Equal(Math.Log(24), Distributions.LogGamma(5), 12);
        Assert.Equal(Math.Log(Math.Sqrt(Math.PI)), Distributions.LogGamma(0.5), 12);
        Assert.Equal(Math.Log(3628800), Distributions.LogGamma(11), 10);
        Assert.Equal(1.959964, Distributions.NormalQuantile(0.975), 6);
        Assert.Equal(0.841621, Distributions.NormalQuantile(0.8), 6);
        Assert.Equal(-1.959964, Distributions.NormalQuantile(0.025), 6);
        Assert.Equal(-4.753424, Distributions.NormalQuantile(1e-6), 5);
        Assert.Equal(2.326348, Distributions.NormalQuantile(0.99), 6);
    }

    private static double Beta(Random r, int a, int b)
    {
        // For integer parameters: the a-th smallest of a + b − 1 uniforms.
        var u = new double[a + b - 1];
        for (var i = 0; i < u.Length; i++)
        {
            u[i] = r.NextDouble();
        }

        Array.Sort(u);
        return u[a - 1];
    }
}
