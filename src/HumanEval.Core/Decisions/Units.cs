namespace HumanEval.Core.Decisions;

/// <summary>Per-unit values of one version: [measure][unit], NaN where the unit has no value.</summary>
internal sealed record UnitValues(double[][] Raw, double[][] Adjusted)
{
    public int Count => Raw.Length == 0 ? 0 : Raw[0].Length;
}

/// <summary>
/// The units the bootstrap weighs. Unpaired: each example of a version. Paired: each pair key rated under both versions,
/// its value per version the mean over that version's examples with the key; <see cref="Differences"/> are candidate
/// minus baseline per pair (NaN where either side lacks the measure).
/// </summary>
internal sealed class Units
{
    public required Design Design { get; init; }

    /// <summary>Pair keys rated under both versions (also reported when too few for the paired design).</summary>
    public required int Pairs { get; init; }

    /// <summary>Examples outside the matched pairs, left out of a paired comparison.</summary>
    public required int LeftOut { get; init; }

    public required UnitValues Baseline { get; init; }

    public required UnitValues Candidate { get; init; }

    public double[][] Differences { get; init; } = [];

    public double[][] AdjustedDifferences { get; init; } = [];

    public required int[] BaselineExamples { get; init; }

    public required int[] CandidateExamples { get; init; }

    public static Units Of(ExampleScores data)
    {
        var n = data.Examples.Length;
        var baseline = Enumerable.Range(0, n).Where(e => data.Version[e] == 0).ToArray();
        var candidate = Enumerable.Range(0, n).Where(e => data.Version[e] == 1).ToArray();
        var byKey = Enumerable.Range(0, n).Where(e => data.PairKey[e] is not null)
            .GroupBy(e => data.PairKey[e]!, StringComparer.Ordinal)
            .Where(g => g.Any(e => data.Version[e] == 0) && g.Any(e => data.Version[e] == 1))
            .OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        var paired = byKey.Count >= 2 && 2 * byKey.Count >= baseline.Length && 2 * byKey.Count >= candidate.Length;
        if (!paired)
        {
            return new Units
            {
                Design = Design.Unpaired, Pairs = byKey.Count, LeftOut = 0,
                Baseline = Select(data, baseline), Candidate = Select(data, candidate),
                BaselineExamples = baseline, CandidateExamples = candidate,
            };
        }

        var b = byKey.Select(g => g.Where(e => data.Version[e] == 0).ToArray()).ToList();
        var c = byKey.Select(g => g.Where(e => data.Version[e] == 1).ToArray()).ToList();
        var bv = Mean(data, b);
        var cv = Mean(data, c);
        var used = b.Sum(x => x.Length) + c.Sum(x => x.Length);
        return new Units
        {
            Design = Design.Paired, Pairs = byKey.Count, LeftOut = n - used, Baseline = bv, Candidate = cv,
            Differences = Subtract(cv.Raw, bv.Raw), AdjustedDifferences = Subtract(cv.Adjusted, bv.Adjusted),
            BaselineExamples = b.SelectMany(x => x).ToArray(), CandidateExamples = c.SelectMany(x => x).ToArray(),
        };
    }

    private static UnitValues Select(ExampleScores data, int[] examples) => new(
        data.Raw.Select(m => examples.Select(e => m[e]).ToArray()).ToArray(),
        data.Adjusted.Select(m => examples.Select(e => m[e]).ToArray()).ToArray());

    private static UnitValues Mean(ExampleScores data, List<int[]> groups) => new(
        data.Raw.Select(m => groups.Select(g => MeanOf(m, g)).ToArray()).ToArray(),
        data.Adjusted.Select(m => groups.Select(g => MeanOf(m, g)).ToArray()).ToArray());

    private static double MeanOf(double[] values, int[] examples)
    {
        var present = examples.Select(e => values[e]).Where(v => !double.IsNaN(v)).ToList();
        return present.Count == 0 ? double.NaN : present.Average();
    }

    private static double[][] Subtract(double[][] a, double[][] b) =>
        a.Select((row, m) => row.Select((v, p) => double.IsNaN(v) || double.IsNaN(b[m][p]) ? double.NaN : v - b[m][p]).ToArray()).ToArray();
}
