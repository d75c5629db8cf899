namespace HumanEval.Core.Agreement;

public static class Ranks
{
    /// <summary>The median; for an even count, the mean of the two middle values.</summary>
    public static double Median(ReadOnlySpan<double> values)
    {
        if (values.IsEmpty)
        {
            throw new ArgumentException("no values", nameof(values));
        }

        var sorted = values.ToArray();
        Array.Sort(sorted);
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /// <summary>1-based ranks with ties given their average rank.</summary>
    public static double[] Average(IReadOnlyList<double> values)
    {
        var order = Enumerable.Range(0, values.Count).OrderBy(i => values[i]).ToArray();
        var ranks = new double[values.Count];
        var i = 0;
        while (i < order.Length)
        {
            var j = i;
            while (j + 1 < order.Length && values[order[j + 1]] == values[order[i]])
            {
                j++;
            }

            var rank = ((i + 1) + (j + 1)) / 2.0;
            for (var t = i; t <= j; t++)
            {
                ranks[order[t]] = rank;
            }

            i = j + 1;
        }

        return ranks;
    }

    /// <summary>Pearson correlation; null when fewer than two points or either side has no variance.</summary>
    public static double? Pearson(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        var n = x.Count;
        if (n < 2 || y.Count != n)
        {
            return null;
        }

        double mx = 0, my = 0;
        for (var i = 0; i < n; i++)
        {
            mx += x[i];
            my += y[i];
        }

        mx /= n;
        my /= n;
        double sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < n; i++)
        {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }

        // Constant sides have no correlation; the check reads the values (sums of squares of equal decimals are not
        // exactly 0 after the mean's rounding).
        return Variation.IsConstant(x) || Variation.IsConstant(y) || sxx == 0 || syy == 0 ? null : sxy / Math.Sqrt(sxx * syy);
    }

    /// <summary>Spearman's rho: Pearson correlation of average ranks.</summary>
    public static double? Spearman(IReadOnlyList<double> x, IReadOnlyList<double> y) => Pearson(Average(x), Average(y));
}
