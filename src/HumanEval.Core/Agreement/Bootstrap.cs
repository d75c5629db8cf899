namespace HumanEval.Core.Agreement;

/// <summary>A two-sided confidence interval.</summary>
public sealed record Interval(double Low, double High);

/// <summary>
/// Percentile bootstrap over examples (items): each draw resamples the items with replacement, seeded so the same
/// data and seed give the same interval.
/// </summary>
public static class Bootstrap
{
    public const int DefaultDraws = 1000;
    public const int DefaultSeed = 20_261_127;

    /// <summary>95% intervals for alpha (nominal, ordinal, interval), resampling the items that have two or more ratings.</summary>
    public static (Interval? Nominal, Interval? Ordinal, Interval? Interval) Alpha(RatingTable table, int draws = DefaultDraws, int seed = DefaultSeed)
    {
        ArgumentNullException.ThrowIfNull(table);
        var coincidences = Krippendorff.Build(table);
        var pairable = Enumerable.Range(0, table.ItemCount).Where(i => table.CountOf(i) >= 2).ToArray();
        if (pairable.Length == 0)
        {
            return (null, null, null);
        }

        var random = new Random(seed);
        var weights = new int[table.ItemCount];
        var nominal = new List<double>(draws);
        var ordinal = new List<double>(draws);
        var interval = new List<double>(draws);
        for (var d = 0; d < draws; d++)
        {
            Array.Clear(weights);
            for (var i = 0; i < pairable.Length; i++)
            {
                weights[pairable[random.Next(pairable.Length)]]++;
            }

            var alpha = Krippendorff.FromMatrix(coincidences, weights);
            Add(nominal, alpha.Nominal);
            Add(ordinal, alpha.Ordinal);
            Add(interval, alpha.Interval);
        }

        return (Percentile(nominal), Percentile(ordinal), Percentile(interval));
    }

    /// <summary>95% interval of the mean of per-item values (e.g. judge agreement per example).</summary>
    public static Interval? Mean(IReadOnlyList<double> perItem, int draws = DefaultDraws, int seed = DefaultSeed)
    {
        ArgumentNullException.ThrowIfNull(perItem);
        if (perItem.Count == 0)
        {
            return null;
        }

        var random = new Random(seed);
        var means = new List<double>(draws);
        for (var d = 0; d < draws; d++)
        {
            double sum = 0;
            for (var i = 0; i < perItem.Count; i++)
            {
                sum += perItem[random.Next(perItem.Count)];
            }

            means.Add(sum / perItem.Count);
        }

        return Percentile(means);
    }

    private static void Add(List<double> list, double? value)
    {
        if (value is { } v)
        {
            list.Add(v);
        }
    }

    /// <summary>2.5th and 97.5th percentiles (linear interpolation between order statistics); null without estimates.</summary>
    public static Interval? Percentile(List<double> estimates)
    {
        if (estimates.Count == 0)
        {
            return null;
        }

        estimates.Sort();
        return new Interval(Quantile(estimates, 0.025), Quantile(estimates, 0.975));
    }

    private static double Quantile(List<double> sorted, double p)
    {
        var h = (sorted.Count - 1) * p;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Count - 1);
        return sorted[lo] + ((h - lo) * (sorted[hi] - sorted[lo]));
    }
}
