using HumanEval.Core.Agreement;

namespace HumanEval.Core.Tests.Agreement;

internal static class Tables
{
    /// <summary>Rows are raters, columns are items; null is a missing rating (as printed in the papers).</summary>
    public static RatingTable FromRaterRows(params double?[][] raters)
    {
        var items = raters.Max(r => r.Length);
        var ratings = new List<(int, int, double)>();
        for (var r = 0; r < raters.Length; r++)
        {
            for (var i = 0; i < raters[r].Length; i++)
            {
                if (raters[r][i] is { } s)
                {
                    ratings.Add((i, r, s));
                }
            }
        }

        return new RatingTable(Enumerable.Range(1, items).Select(i => $"u{i}").ToList(), raters.Length, ratings);
    }

    /// <summary>Rows are items, columns are raters.</summary>
    public static RatingTable FromItemRows(params double?[][] items) =>
        FromRaterRows(Enumerable.Range(0, items.Max(r => r.Length))
            .Select(r => items.Select(row => r < row.Length ? row[r] : null).ToArray()).ToArray());

    /// <summary>A Fleiss table: per item, how many raters chose each category (categories 1..q).</summary>
    public static RatingTable FromCategoryCounts(int[][] counts)
    {
        var ratings = new List<(int, int, double)>();
        var maxRaters = 0;
        for (var i = 0; i < counts.Length; i++)
        {
            var rater = 0;
            for (var c = 0; c < counts[i].Length; c++)
            {
                for (var t = 0; t < counts[i][c]; t++)
                {
                    ratings.Add((i, rater++, c + 1));
                }
            }

            maxRaters = Math.Max(maxRaters, rater);
        }

        return new RatingTable(Enumerable.Range(1, counts.Length).Select(i => $"s{i}").ToList(), maxRaters, ratings);
    }
}
