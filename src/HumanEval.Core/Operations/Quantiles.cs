namespace HumanEval.Core.Operations;

/// <summary>Order statistics for the operations panels (cost, turnaround).</summary>
public static class Quantiles
{
    /// <summary>
    /// The p-quantile of <paramref name="values"/> by linear interpolation between closest ranks (Hyndman–Fan type 7,
    /// the default of R and Excel's PERCENTILE.INC); null for no values.
    /// </summary>
    public static double? Of(IEnumerable<double> values, double p)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfLessThan(p, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(p, 1);
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return null;
        }

        var h = (sorted.Length - 1) * p;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + ((h - lo) * (sorted[hi] - sorted[lo]));
    }
}

/// <summary>One bar of a histogram: values in [From, To).</summary>
public sealed record Bin(double From, double To, int Count);

public static class Histogram
{
    /// <summary>Equal-width bins starting at a multiple of <paramref name="width"/> at or below the minimum; the last bin holds the maximum.</summary>
    public static IReadOnlyList<Bin> Of(IReadOnlyCollection<double> values, double width)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        if (values.Count == 0)
        {
            return [];
        }

        var start = Math.Floor(values.Min() / width) * width;
        var bins = (int)Math.Floor((values.Max() - start) / width) + 1;
        var counts = new int[bins];
        foreach (var v in values)
        {
            counts[Math.Min(bins - 1, (int)Math.Floor((v - start) / width))]++;
        }

        return counts.Select((c, i) => new Bin(start + (i * width), start + ((i + 1) * width), c)).ToList();
    }
}
