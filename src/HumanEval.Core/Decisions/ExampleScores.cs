using HumanEval.Core.Agreement;

namespace HumanEval.Core.Decisions;

/// <summary>
/// The ratings of a comparison reduced to one score per (measure, example): the mean of the example's ratings, raw and
/// leniency-adjusted; measure C (after the criteria) is the overall score. Examples are ordered by id (ordinal), so
/// the figures do not depend on the order of the input rows.
/// </summary>
internal sealed class ExampleScores
{
    public required IReadOnlyList<ComparedCriterion> Criteria { get; init; }

    public required string[] Examples { get; init; }

    /// <summary>0 baseline, 1 candidate.</summary>
    public required int[] Version { get; init; }

    public required string?[] PairKey { get; init; }

    /// <summary>[measure][example]; NaN where the example has no rating on the measure.</summary>
    public required double[][] Raw { get; init; }

    public required double[][] Adjusted { get; init; }

    /// <summary>[criterion][example]: ratings on it.</summary>
    public required int[][] Counts { get; init; }

    /// <summary>[criterion][example]: ratings equal to the criterion's failure value.</summary>
    public required int[][] Failed { get; init; }

    /// <summary>Distinct evaluators per example.</summary>
    public required int[] Raters { get; init; }

    public DateTime? CandidateFirstRating { get; init; }

    public int Measures => Criteria.Count + 1;

    public int RatingCount(int measure, IEnumerable<int> examples) =>
        measure == Criteria.Count ? examples.Sum(e => Raters[e]) : examples.Sum(e => Counts[measure][e]);

    public double RatingsPerExample() => Examples.Length == 0 ? 0 : Raters.Average();

    /// <summary>Examples failing the binary criterion (at least half of their ratings are the failure value) among those rated on it.</summary>
    public (int Failures, int Examples) FailureCount(int criterion, IEnumerable<int> examples)
    {
        int x = 0, n = 0;
        foreach (var e in examples)
        {
            if (Counts[criterion][e] == 0)
            {
                continue;
            }

            n++;
            x += 2 * Failed[criterion][e] >= Counts[criterion][e] ? 1 : 0;
        }

        return (x, n);
    }

    public static ExampleScores Build(IEnumerable<ComparedRating> ratings, IReadOnlyList<ComparedCriterion> criteria, string baseline, string candidate)
    {
        var criterionIndex = criteria.Select((c, i) => (c.Key, i)).ToDictionary(x => x.Key, x => x.i, StringComparer.Ordinal);
        if (criterionIndex.Count != criteria.Count)
        {
            throw new ArgumentException("criterion keys must be distinct", nameof(criteria));
        }

        // One pass: ids to indexes in first-seen order, versions and pair keys checked, ratings kept as small structs.
        var exampleIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var evaluatorIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var seenVersion = new List<int>();
        var seenPair = new List<string?>();
        var kept = new List<Entry>();
        DateTime? first = null;
        foreach (var r in ratings)
        {
            var v = r.Version == baseline ? 0 : r.Version == candidate ? 1 : -1;
            if (v < 0 || !criterionIndex.TryGetValue(r.Criterion, out var k))
            {
                continue;
            }

            if (!double.IsFinite(r.Score))
            {
                throw new ArgumentException($"example '{r.Example}': scores must be finite numbers", nameof(ratings));
            }

            if (exampleIndex.TryGetValue(r.Example, out var e))
            {
                if (seenVersion[e] != v)
                {
                    throw new ArgumentException($"example '{r.Example}' is rated under two versions ('{baseline}' and '{candidate}'); an example belongs to one version", nameof(ratings));
                }

                if (seenPair[e] != r.PairKey)
                {
                    throw new ArgumentException($"example '{r.Example}' has two pair keys ('{seenPair[e]}' and '{r.PairKey}')", nameof(ratings));
                }
            }
            else
            {
                e = exampleIndex[r.Example] = seenVersion.Count;
                seenVersion.Add(v);
                seenPair.Add(r.PairKey);
            }

            if (!evaluatorIndex.TryGetValue(r.Evaluator, out var ev))
            {
                ev = evaluatorIndex[r.Evaluator] = evaluatorIndex.Count;
            }

            if (v == 1 && r.RatedAt is { } at && (first is null || at < first))
            {
                first = at;
            }

            kept.Add(new Entry(e, ev, k, r.Score));
        }

        // Canonical order: examples and evaluators by id (ordinal), ratings by (example, evaluator, criterion), so every
        // sum, and so every figure, is the same whatever the order of the input rows.
        var examples = exampleIndex.Keys.Order(StringComparer.Ordinal).ToArray();
        var evaluators = evaluatorIndex.Keys.Order(StringComparer.Ordinal).ToArray();
        var exampleRank = new int[examples.Length];
        for (var i = 0; i < examples.Length; i++)
        {
            exampleRank[exampleIndex[examples[i]]] = i;
        }

        var evaluatorRank = new int[evaluators.Length];
        for (var i = 0; i < evaluators.Length; i++)
        {
            evaluatorRank[evaluatorIndex[evaluators[i]]] = i;
        }

        var c = criteria.Count;
        var n = examples.Length;
        var entries = new Entry[kept.Count];
        var keys = new long[kept.Count];
        for (var i = 0; i < entries.Length; i++)
        {
            var x = kept[i];
            entries[i] = x with { Example = exampleRank[x.Example], Evaluator = evaluatorRank[x.Evaluator] };
            keys[i] = (((long)entries[i].Example * evaluators.Length) + entries[i].Evaluator) * c + x.Criterion;
        }

        Array.Sort(keys, entries);

        // Leniency per criterion: each evaluator's mean offset from the other raters of the same examples (both versions).
        var perCriterion = Enumerable.Range(0, c).Select(_ => new List<(int Item, int Rater, double Score)>()).ToArray();
        foreach (var x in entries)
        {
            perCriterion[x.Criterion].Add((x.Example, x.Evaluator, x.Score));
        }

        var offsets = new double[c][];
        for (var k = 0; k < c; k++)
        {
            offsets[k] = new double[evaluators.Length];
            foreach (var stats in EvaluatorAgreement.Compute(new RatingTable(examples, evaluators.Length, perCriterion[k])))
            {
                offsets[k][stats.Rater] = stats.MeanOffset ?? 0;
            }
        }

        var sums = new double[c][];
        var adjustedSums = new double[c][];
        var counts = new int[c][];
        var failed = new int[c][];
        for (var k = 0; k < c; k++)
        {
            sums[k] = new double[n];
            adjustedSums[k] = new double[n];
            counts[k] = new int[n];
            failed[k] = new int[n];
        }

        var raters = new int[n];
        var last = (Example: -1, Evaluator: -1);
        foreach (var x in entries)
        {
            sums[x.Criterion][x.Example] += x.Score;
            adjustedSums[x.Criterion][x.Example] += x.Score - offsets[x.Criterion][x.Evaluator];
            counts[x.Criterion][x.Example]++;
            failed[x.Criterion][x.Example] += criteria[x.Criterion].Binary && x.Score == criteria[x.Criterion].FailValue ? 1 : 0;
            if ((x.Example, x.Evaluator) != last)
            {
                raters[x.Example]++;
                last = (x.Example, x.Evaluator);
            }
        }

        var raw = new double[c + 1][];
        var adjusted = new double[c + 1][];
        for (var k = 0; k < c; k++)
        {
            raw[k] = new double[n];
            adjusted[k] = new double[n];
            for (var e = 0; e < n; e++)
            {
                raw[k][e] = counts[k][e] == 0 ? double.NaN : sums[k][e] / counts[k][e];
                adjusted[k][e] = counts[k][e] == 0 ? double.NaN : adjustedSums[k][e] / counts[k][e];
            }
        }

        raw[c] = Overall(raw, criteria, n);
        adjusted[c] = Overall(adjusted, criteria, n);
        return new ExampleScores
        {
            Criteria = criteria, Examples = examples, Version = examples.Select(e => seenVersion[exampleIndex[e]]).ToArray(),
            PairKey = examples.Select(e => seenPair[exampleIndex[e]]).ToArray(), Raw = raw, Adjusted = adjusted, Counts = counts, Failed = failed,
            Raters = raters, CandidateFirstRating = first,
        };
    }

    private readonly record struct Entry(int Example, int Evaluator, int Criterion, double Score);

    /// <summary>The weighted mean of an example's ordinal criteria (over those it has); NaN without any.</summary>
    private static double[] Overall(double[][] perCriterion, IReadOnlyList<ComparedCriterion> criteria, int n)
    {
        var overall = new double[n];
        for (var e = 0; e < n; e++)
        {
            double sum = 0, weight = 0;
            for (var k = 0; k < criteria.Count; k++)
            {
                if (!criteria[k].Binary && criteria[k].Weight > 0 && !double.IsNaN(perCriterion[k][e]))
                {
                    sum += criteria[k].Weight * perCriterion[k][e];
                    weight += criteria[k].Weight;
                }
            }

            overall[e] = weight > 0 ? sum / weight : double.NaN;
        }

        return overall;
    }
}
