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

    private sealed class CriterionData
    {
        public List<(int Item, int Rater, double Score)> Ratings { get; } = [];

        public HashSet<long> Seen { get; } = [];

        public Dictionary<int, double> Judge { get; } = [];
    }

    /// <summary>Adds a rating; a null score records the row as present but missing. False when (item, rater, criterion) was already added.</summary>
    public bool TryAdd(string item, string rater, string criterion, double? score)
    {
        var data = Criterion(criterion);
        var itemIndex = Index(items, item, itemIds);
        var raterIndex = Index(raters, rater, null);
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
    public bool TryAddJudge(string item, string criterion, double score)
    {
        if (!double.IsFinite(score))
        {
            throw new ArgumentException("a score must be a finite number", nameof(score));
        }

        hasJudge = true;
        return Criterion(criterion).Judge.TryAdd(Index(items, item, itemIds), score);
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

    private CriterionData Criterion(string name)
    {
        if (!criteria.TryGetValue(name, out var data))
        {
            data = new CriterionData();
            criteria[name] = data;
        }

        return data;
    }

    private static int Index(Dictionary<string, int> map, string key, List<string>? ids)
    {
        if (!map.TryGetValue(key, out var index))
        {
            index = map.Count;
            map[key] = index;
            ids?.Add(key);
        }

        return index;
    }
}
