namespace HumanEval.Core.Agreement;

/// <summary>How disagreements are weighted, by the numeric distance between scores.</summary>
public enum KappaWeights
{
    /// <summary>Any difference is a full disagreement (Cohen 1960).</summary>
    Unweighted,

    /// <summary>|x − y|.</summary>
    Linear,

    /// <summary>(x − y)².</summary>
    Quadratic,
}

public sealed record PairwiseKappa(double? Unweighted, double? Linear, double? Quadratic, int Pairs);

public static class Kappa
{
    /// <summary>
    /// Cohen's kappa between two paired score lists, weighted by numeric distance (not category index):
    /// κ_w = 1 − Σ w·o / Σ w·e. Null when undefined (both lists one and the same value, or no pairs).
    /// </summary>
    public static double? Cohen(ReadOnlySpan<double> x, ReadOnlySpan<double> y, KappaWeights weights)
    {
        if (x.Length != y.Length)
        {
            throw new ArgumentException("paired lists must have equal length");
        }

        var n = x.Length;
        if (n == 0)
        {
            return null;
        }

        var distinct = new HashSet<double>();
        foreach (var v in x)
        {
            distinct.Add(v);
        }

        foreach (var v in y)
        {
            distinct.Add(v);
        }

        var cats = distinct.ToArray();
        Array.Sort(cats);
        var q = cats.Length;
        var counts = new long[q * q];
        for (var i = 0; i < n; i++)
        {
            counts[(Array.BinarySearch(cats, x[i]) * q) + Array.BinarySearch(cats, y[i])]++;
        }

        return FromCounts(cats, counts, weights);
    }

    /// <summary>Weighted kappa from a q×q table of counts (row-major, rows = first rater) over category values <paramref name="cats"/>.</summary>
    public static double? FromCounts(IReadOnlyList<double> cats, long[] counts, KappaWeights weights)
    {
        var q = cats.Count;
        var rows = new double[q];
        var cols = new double[q];
        double n = 0;
        for (var a = 0; a < q; a++)
        {
            for (var b = 0; b < q; b++)
            {
                var c = counts[(a * q) + b];
                rows[a] += c;
                cols[b] += c;
                n += c;
            }
        }

        if (n == 0)
        {
            return null;
        }

        double wo = 0, we = 0;
        for (var a = 0; a < q; a++)
        {
            if (rows[a] == 0)
            {
                continue;
            }

            for (var b = 0; b < q; b++)
            {
                var w = Weight(cats[a], cats[b], weights);
                if (w == 0)
                {
                    continue;
                }

                wo += w * counts[(a * q) + b];
                we += w * rows[a] * cols[b] / n;
            }
        }

        return we <= 0 ? null : 1 - (wo / we);
    }

    private static double Weight(double a, double b, KappaWeights weights)
    {
        var d = Math.Abs(a - b);
        return weights switch
        {
            KappaWeights.Linear => d,
            KappaWeights.Quadratic => d * d,
            _ => d == 0 ? 0 : 1,
        };
    }

    /// <summary>
    /// Mean pairwise Cohen's kappa over every pair of raters who share at least <paramref name="minShared"/> items;
    /// the mean is over the pairs whose kappa is defined, and <see cref="PairwiseKappa.Pairs"/> counts those pairs.
    /// </summary>
    public static PairwiseKappa MeanPairwise(RatingTable table, int minShared = 5)
    {
        ArgumentNullException.ThrowIfNull(table);
        // One q×q table of counts per rater pair (first index = the rater with the lower index).
        var q = table.Values.Count;
        var shared = new Dictionary<(int, int), long[]>();
        for (var item = 0; item < table.ItemCount; item++)
        {
            var raters = table.RatersOf(item);
            var values = table.ValueIndexesOf(item);
            for (var i = 0; i < raters.Length; i++)
            {
                for (var j = 0; j < raters.Length; j++)
                {
                    if (raters[i] >= raters[j])
                    {
                        continue;
                    }

                    var key = (raters[i], raters[j]);
                    if (!shared.TryGetValue(key, out var counts))
                    {
                        counts = new long[q * q];
                        shared[key] = counts;
                    }

                    counts[(values[i] * q) + values[j]]++;
                }
            }
        }

        double sumU = 0, sumL = 0, sumQ = 0;
        var pairs = 0;
        foreach (var (_, counts) in shared.OrderBy(p => p.Key))
        {
            if (counts.Sum() < Math.Max(1, minShared))
            {
                continue;
            }

            var u = FromCounts(table.Values, counts, KappaWeights.Unweighted);
            if (u is null)
            {
                continue;
            }

            // Linear and quadratic are defined exactly when the unweighted one is (a weight is zero only on the diagonal).
            sumU += u.Value;
            sumL += FromCounts(table.Values, counts, KappaWeights.Linear)!.Value;
            sumQ += FromCounts(table.Values, counts, KappaWeights.Quadratic)!.Value;
            pairs++;
        }

        return pairs == 0
            ? new PairwiseKappa(null, null, null, 0)
            : new PairwiseKappa(sumU / pairs, sumL / pairs, sumQ / pairs, pairs);
    }

    /// <summary>
    /// Fleiss' kappa (1971), defined only when every rated item has the same number m ≥ 2 of ratings; categories are
    /// the distinct score values. Null otherwise, or when all ratings fall in one category.
    /// </summary>
    public static double? Fleiss(RatingTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var m = -1;
        var items = 0;
        for (var i = 0; i < table.ItemCount; i++)
        {
            var count = table.CountOf(i);
            if (count == 0)
            {
                continue;
            }

            if (m == -1)
            {
                m = count;
            }
            else if (count != m)
            {
                return null;
            }

            items++;
        }

        if (m < 2)
        {
            return null;
        }

        var totals = new double[table.Values.Count];
        var counts = new int[table.Values.Count];
        double sumP = 0;
        for (var i = 0; i < table.ItemCount; i++)
        {
            var indexes = table.ValueIndexesOf(i);
            if (indexes.Length == 0)
            {
                continue;
            }

            Array.Clear(counts);
            foreach (var index in indexes)
            {
                counts[index]++;
            }

            double squares = 0;
            for (var j = 0; j < counts.Length; j++)
            {
                squares += (double)counts[j] * counts[j];
                totals[j] += counts[j];
            }

            sumP += (squares - m) / ((double)m * (m - 1));
        }

        var pBar = sumP / items;
        double pe = 0;
        foreach (var t in totals)
        {
            var p = t / ((double)items * m);
            pe += p * p;
        }

        return pe >= 1 ? null : (pBar - pe) / (1 - pe);
    }
}
