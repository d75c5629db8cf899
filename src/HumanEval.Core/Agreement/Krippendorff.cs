namespace HumanEval.Core.Agreement;

/// <summary>Krippendorff's alpha for the three metrics the product reports.</summary>
public sealed record AlphaResult(double? Nominal, double? Ordinal, double? Interval);

/// <summary>
/// Krippendorff's alpha in the coincidence-matrix form (Krippendorff 2011, "Computing Krippendorff's
/// Alpha-Reliability"). Units with fewer than two values are not pairable and are ignored. Cost is
/// O(Σ m_u² + V²) for V distinct values.
/// </summary>
public static class Krippendorff
{
    /// <summary>The coincidences of one table: values (ascending), o_ck, and the per-unit contributions for resampling.</summary>
    public sealed class Coincidences
    {
        internal Coincidences(double[] values, int[] unitOf, int[] c, int[] k, double[] weight)
        {
            Values = values;
            UnitOf = unitOf;
            C = c;
            K = k;
            Weight = weight;
        }

        public double[] Values { get; }

        // One entry per ordered pair of values within a pairable unit, pre-aggregated per unit.
        internal int[] UnitOf { get; }

        internal int[] C { get; }

        internal int[] K { get; }

        internal double[] Weight { get; }

        /// <summary>o_ck with every unit counted <paramref name="unitWeights"/>[u] times (1 when null).</summary>
        public double[,] Matrix(int[]? unitWeights = null)
        {
            var o = new double[Values.Length, Values.Length];
            for (var i = 0; i < C.Length; i++)
            {
                var w = unitWeights is null ? 1 : unitWeights[UnitOf[i]];
                if (w != 0)
                {
                    o[C[i], K[i]] += w * Weight[i];
                }
            }

            return o;
        }
    }

    public static AlphaResult Compute(RatingTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var v = table.Values.Count;
        var o = new double[v, v];
        for (var u = 0; u < table.ItemCount; u++)
        {
            var idx = table.ValueIndexesOf(u);
            var m = idx.Length;
            if (m < 2)
            {
                continue;
            }

            var share = 1.0 / (m - 1);
            for (var i = 0; i < m; i++)
            {
                for (var j = 0; j < m; j++)
                {
                    if (i != j)
                    {
                        o[idx[i], idx[j]] += share;
                    }
                }
            }
        }

        return FromCoincidences([.. table.Values], o);
    }

    public static Coincidences Build(RatingTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var values = table.DistinctValues();
        var unitOf = new List<int>();
        var cs = new List<int>();
        var ks = new List<int>();
        var ws = new List<double>();
        var local = new Dictionary<(int, int), double>();
        var idx = new List<int>();
        for (var u = 0; u < table.ItemCount; u++)
        {
            var scores = table.ScoresOf(u);
            var m = scores.Length;
            if (m < 2)
            {
                continue;
            }

            local.Clear();
            idx.Clear();
            foreach (var index in table.ValueIndexesOf(u))
            {
                idx.Add(index);
            }

            var share = 1.0 / (m - 1);
            for (var i = 0; i < m; i++)
            {
                for (var j = 0; j < m; j++)
                {
                    if (i != j)
                    {
                        var key = (idx[i], idx[j]);
                        local[key] = local.GetValueOrDefault(key) + share;
                    }
                }
            }

            foreach (var ((c, k), w) in local)
            {
                unitOf.Add(u);
                cs.Add(c);
                ks.Add(k);
                ws.Add(w);
            }
        }

        return new Coincidences(values, [.. unitOf], [.. cs], [.. ks], [.. ws]);
    }

    public static AlphaResult FromMatrix(Coincidences coincidences, int[]? unitWeights = null) =>
        FromCoincidences(coincidences.Values, coincidences.Matrix(unitWeights));

    /// <summary>Alpha from a coincidence matrix o_ck over ascending <paramref name="values"/>.</summary>
    public static AlphaResult FromCoincidences(double[] values, double[,] o)
    {
        var v = values.Length;
        var nc = new double[v];
        double n = 0;
        for (var c = 0; c < v; c++)
        {
            for (var k = 0; k < v; k++)
            {
                nc[c] += o[c, k];
            }

            n += nc[c];
        }

        if (n <= 1)
        {
            return new AlphaResult(null, null, null);
        }

        // Cumulative n_g for the ordinal metric.
        var cumulative = new double[v + 1];
        for (var g = 0; g < v; g++)
        {
            cumulative[g + 1] = cumulative[g] + nc[g];
        }

        double nominalObserved = 0, nominalExpected = 0;
        double ordinalObserved = 0, ordinalExpected = 0;
        double intervalObserved = 0, intervalExpected = 0;
        for (var c = 0; c < v; c++)
        {
            for (var k = 0; k < v; k++)
            {
                if (c == k)
                {
                    continue;
                }

                var lo = Math.Min(c, k);
                var hi = Math.Max(c, k);
                var ordinal = cumulative[hi + 1] - cumulative[lo] - ((nc[c] + nc[k]) / 2);
                var ordinal2 = ordinal * ordinal;
                var diff = values[c] - values[k];
                var interval2 = diff * diff;
                var expected = nc[c] * nc[k];

                nominalObserved += o[c, k];
                nominalExpected += expected;
                ordinalObserved += o[c, k] * ordinal2;
                ordinalExpected += expected * ordinal2;
                intervalObserved += o[c, k] * interval2;
                intervalExpected += expected * interval2;
            }
        }

        double? Alpha(double observed, double expected) =>
            expected <= 0 ? null : 1 - ((n - 1) * observed / expected);

        return new AlphaResult(
            Alpha(nominalObserved, nominalExpected),
            Alpha(ordinalObserved, ordinalExpected),
            Alpha(intervalObserved, intervalExpected));
    }
}
