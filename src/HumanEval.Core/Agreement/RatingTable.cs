namespace HumanEval.Core.Agreement;

/// <summary>
/// The ratings of one criterion: items (units) × raters, with missing ratings allowed. Stored by item
/// (compressed rows), so every statistic is one pass over the ratings.
/// </summary>
public sealed class RatingTable
{
    private readonly int[] start;
    private readonly int[] raters;
    private readonly double[] scores;
    private readonly int[] valueIndexes;

    /// <param name="itemIds">Caller's id of each item (index = item).</param>
    /// <param name="raterCount">Number of distinct raters the rater indexes refer to.</param>
    /// <param name="ratings">(item, rater, score); at most one rating per (item, rater).</param>
    public RatingTable(IReadOnlyList<string> itemIds, int raterCount, IEnumerable<(int Item, int Rater, double Score)> ratings)
    {
        ArgumentNullException.ThrowIfNull(itemIds);
        ItemIds = itemIds;
        RaterCount = raterCount;
        var list = ratings as IList<(int Item, int Rater, double Score)> ?? ratings.ToList();
        start = new int[itemIds.Count + 1];
        foreach (var r in list)
        {
            if ((uint)r.Item >= (uint)itemIds.Count || (uint)r.Rater >= (uint)raterCount)
            {
                throw new ArgumentOutOfRangeException(nameof(ratings), "item or rater index out of range");
            }

            if (!double.IsFinite(r.Score))
            {
                throw new ArgumentException("scores must be finite numbers", nameof(ratings));
            }

            start[r.Item + 1]++;
        }

        for (var i = 0; i < itemIds.Count; i++)
        {
            start[i + 1] += start[i];
        }

        raters = new int[list.Count];
        scores = new double[list.Count];
        var next = (int[])start.Clone();
        foreach (var r in list)
        {
            var at = next[r.Item]++;
            raters[at] = r.Rater;
            scores[at] = r.Score;
        }

        var seen = new HashSet<int>();
        var ratersUsed = new HashSet<int>();
        for (var i = 0; i < itemIds.Count; i++)
        {
            seen.Clear();
            foreach (var rater in RatersOf(i))
            {
                if (!seen.Add(rater))
                {
                    throw new ArgumentException($"item '{itemIds[i]}' has two ratings from one rater", nameof(ratings));
                }

                ratersUsed.Add(rater);
            }

            if (start[i + 1] > start[i])
            {
                RatedItemCount++;
            }
        }

        ActiveRaterCount = ratersUsed.Count;
        var distinct = new HashSet<double>(scores).ToArray();
        Array.Sort(distinct);
        Values = distinct;
        valueIndexes = new int[scores.Length];
        for (var i = 0; i < scores.Length; i++)
        {
            valueIndexes[i] = Array.BinarySearch(distinct, scores[i]);
        }
    }

    /// <summary>Distinct score values, ascending.</summary>
    public IReadOnlyList<double> Values { get; }

    public IReadOnlyList<string> ItemIds { get; }

    public int ItemCount => ItemIds.Count;

    /// <summary>Items with at least one rating.</summary>
    public int RatedItemCount { get; }

    /// <summary>Size of the rater index space.</summary>
    public int RaterCount { get; }

    /// <summary>Raters with at least one rating here.</summary>
    public int ActiveRaterCount { get; }

    public int RatingCount => scores.Length;

    public ReadOnlySpan<int> RatersOf(int item) => raters.AsSpan(start[item], start[item + 1] - start[item]);

    public ReadOnlySpan<double> ScoresOf(int item) => scores.AsSpan(start[item], start[item + 1] - start[item]);

    /// <summary>For each rating of the item, the index of its score in <see cref="Values"/>.</summary>
    public ReadOnlySpan<int> ValueIndexesOf(int item) => valueIndexes.AsSpan(start[item], start[item + 1] - start[item]);

    public int CountOf(int item) => start[item + 1] - start[item];

    /// <summary>Distinct score values, ascending (a copy).</summary>
    public double[] DistinctValues() => [.. Values];
}
