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

        var values = new SortedSet<double>();
        foreach (var v in x)
        {
            values.Add(v);
        }

        foreach (var v in y)
        {
            values.Add(v);
        }

        var cats = values.ToArray();
        var q = cats.Length;
        var observed = new double[q, q];
        var rows = new double[q];
        var cols = new double[q];
        for (var i = 0; i < n; i++)
        {
            var a = Array.BinarySearch(cats, x[i]);
            var b = Array.BinarySearch(cats, y[i]);
            observed[a, b]++;
            rows[a]++;
            cols[b]++;
        }

        double wo = 0, we = 0;
        for (var a = 0; a < q; a++)
        {
            for (var b = 0; b < q; b++)
            {
                var w = Weight(cats[a], cats[b], weights);
                if (w == 0)
                {
                    continue;
                }

                wo += w * observed[a, b];
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
        var shared = new Dictionary<(int, int), (List<double> X, List<double> Y)>();
        for (var item = 0; item < table.ItemCount; item++)
        {
            var raters = table.RatersOf(item);
            var scores = table.ScoresOf(item);
            for (var i = 0; i < raters.Length; i++)
            {
                for (var j = 0; j < raters.Length; j++)
                {
                    if (raters[i] >= raters[j])
                    {
                        continue;
                    }

                    var key = (raters[i], raters[j]);
                    if (!shared.TryGetValue(key, out var lists))
                    {
                        lists = ([], []);
                        shared[key] = lists;
                    }

                    lists.X.Add(scores[i]);
                    lists.Y.Add(scores[j]);
                }
            }
        }

        double sumU = 0, sumL = 0, sumQ = 0;
        var pairs = 0;
        foreach (var ((_, _), (x, y)) in shared.OrderBy(p => p.Key))
        {
            if (x.Count < Math.Max(1, minShared))
            {
                continue;
            }

            var xs = x.ToArray();
            var ys = y.ToArray();
            var u = Cohen(xs, ys, KappaWeights.Unweighted);
            if (u is null)
            {
                continue;
            }

            // Linear and quadratic are defined exactly when the unweighted one is (a weight is zero only on the diagonal).
            sumU += u.Value;
            sumL += Cohen(xs, ys, KappaWeights.Linear)!.Value;
            sumQ += Cohen(xs, ys, KappaWeights.Quadratic)!.Value;
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

        var values = table.DistinctValues();
        var totals = new double[values.Length];
        var counts = new int[values.Length];
        double sumP = 0;
        for (var i = 0; i < table.ItemCount; i++)
        {
            var scores = table.ScoresOf(i);
            if (scores.Length == 0)
            {
                continue;
            }

            Array.Clear(counts);
            foreach (var s in scores)
            {
                counts[Array.BinarySearch(values, s)]++;
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
