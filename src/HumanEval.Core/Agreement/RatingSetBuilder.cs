namespace HumanEval.Core.Agreement;

/// <summary>One criterion's ratings ready for the statistics, with the judge's scores aligned to its items.</summary>
public sealed record CriterionRatings(string Criterion, RatingTable Table, IReadOnlyList<double?>? Judge);

/// <summary>
/// Collects ratings keyed by the caller's ids (item, rater, criterion) and judge scores keyed by (item, criterion),
/// refusing duplicates, and builds one <see cref="RatingTable"/> per criterion.
/// </summary>
public sealed class RatingSetBuilder
{
    private readonly Dictionary<string, int> items = new(StringComparer.Ordinal);
    private readonly List<string> itemIds = [];
    private readonly Dictionary<string, int> raters = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CriterionData> criteria = new(StringComparer.Ordinal);
    private bool hasJudge;

    // The last item and rater seen: files are usually grouped by item (then rater), so most rows repeat the previous
    // row's ids and skip the hash lookup. Criteria are few: a linear scan with span equality beats hashing.
    private (string Id, int Index) lastItem = ("", -1);
    private (string Id, int Index) lastRater = ("", -1);
    private readonly List<(string Name, CriterionData Data)> criterionList = [];

    // Span lookups: a reader can add rows straight from its buffer; a string is made only for an id seen the first time.
    private Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> ItemLookup => items.GetAlternateLookup<ReadOnlySpan<char>>();

    private Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> RaterLookup => raters.GetAlternateLookup<ReadOnlySpan<char>>();

    private sealed class CriterionData
    {
        public List<(int Item, int Rater, double Score)> Ratings { get; } = [];

        public HashSet<long> Seen { get; } = [];

        public Dictionary<int, double> Judge { get; } = [];
    }

    /// <summary>Adds a rating; a null score records the row as present but missing. False when (item, rater, criterion) was already added.</summary>
    public bool TryAdd(string item, string rater, string criterion, double? score) =>
        TryAdd(item.AsSpan(), rater.AsSpan(), criterion.AsSpan(), score);

    /// <inheritdoc cref="TryAdd(string, string, string, double?)"/>
    public bool TryAdd(ReadOnlySpan<char> item, ReadOnlySpan<char> rater, ReadOnlySpan<char> criterion, double? score)
    {
        var data = Criterion(criterion);
        var itemIndex = Cached(ref lastItem, ItemLookup, item, itemIds);
        var raterIndex = Cached(ref lastRater, RaterLookup, rater, null);
        if (!data.Seen.Add(((long)itemIndex << 32) | (uint)raterIndex))
        {
            return false;
        }

        if (score is { } s)
        {
            if (!double.IsFinite(s))
            {
                throw new ArgumentException("a score must be a finite number", nameof(score));
            }

            data.Ratings.Add((itemIndex, raterIndex, s));
        }

        return true;
    }

    /// <summary>Adds a judge score. False when (item, criterion) already has one.</summary>
    public bool TryAddJudge(string item, string criterion, double score) => TryAddJudge(item.AsSpan(), criterion.AsSpan(), score);

    /// <inheritdoc cref="TryAddJudge(string, string, double)"/>
    public bool TryAddJudge(ReadOnlySpan<char> item, ReadOnlySpan<char> criterion, double score)
    {
        if (!double.IsFinite(score))
        {
            throw new ArgumentException("a score must be a finite number", nameof(score));
        }

        hasJudge = true;
        return Criterion(criterion).Judge.TryAdd(Cached(ref lastItem, ItemLookup, item, itemIds), score);
    }

    /// <summary>Criteria in ordinal order, each with the items rated in it. Criteria with only judge scores are included with no ratings.</summary>
    public IReadOnlyList<CriterionRatings> Build()
    {
        var result = new List<CriterionRatings>();
        foreach (var (name, data) in criteria.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            var local = new Dictionary<int, int>();
            var localIds = new List<string>();
            var rows = new List<(int Item, int Rater, double Score)>(data.Ratings.Count);
            foreach (var (item, rater, score) in data.Ratings)
            {
                if (!local.TryGetValue(item, out var li))
                {
                    li = localIds.Count;
                    local[item] = li;
                    localIds.Add(itemIds[item]);
                }

                rows.Add((li, rater, score));
            }

            double?[]? judge = null;
            if (hasJudge)
            {
                judge = new double?[localIds.Count];
                foreach (var (item, score) in data.Judge)
                {
                    if (local.TryGetValue(item, out var li))
                    {
                        judge[li] = score;
                    }
                }
            }

            result.Add(new CriterionRatings(name, new RatingTable(localIds, raters.Count, rows), judge));
        }

        return result;
    }

    private CriterionData Criterion(ReadOnlySpan<char> name)
    {
        foreach (var (known, known_data) in System.Runtime.InteropServices.CollectionsMarshal.AsSpan(criterionList))
        {
            if (name.SequenceEqual(known))
            {
                return known_data;
            }
        }

        var lookup = criteria.GetAlternateLookup<ReadOnlySpan<char>>();
        if (!lookup.TryGetValue(name, out var data))
        {
            data = new CriterionData();
            var key = name.ToString();
            criteria[key] = data;
            if (criterionList.Count < 16)
            {
                criterionList.Add((key, data));
            }
        }

        return data;
    }

    private static int Cached(ref (string Id, int Index) last, Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> map, ReadOnlySpan<char> key, List<string>? ids)
    {
        if (last.Index >= 0 && key.SequenceEqual(last.Id))
        {
            return last.Index;
        }

        if (!map.TryGetValue(key, out var id, out var index))
        {
            id = key.ToString();
            index = map.Dictionary.Count;
            map.Dictionary[id] = index;
            ids?.Add(id);
        }

        last = (id, index);
        return index;
    }
}
