using HumanEval.Core.Rubrics;

namespace HumanEval.Core.Quality;

/// <summary>Why an example waits for a reviewer.</summary>
public enum ReviewReason
{
    /// <summary>Its ratings on an ordinal criterion span at least the threshold (default 2 points).</summary>
    Spread,

    /// <summary>Raters split on a binary criterion (e.g. safe / unsafe).</summary>
    Split,

    /// <summary>A rater flagged it.</summary>
    Flagged,

    /// <summary>The LLM judge and the human median differ by the threshold or more (on a binary criterion: at all).</summary>
    JudgeDisagrees,
}

/// <summary>One reason, with the criterion it concerns (none for a flag).</summary>
public sealed record ReviewCause(ReviewReason Reason, string? Criterion);

/// <summary>One criterion of an example as the queue reads it: its scale, the raters' scores, the judge's score if any.</summary>
public sealed record CriterionRatings(string Criterion, ScaleType Scale, int Min, int Max, IReadOnlyList<int> Scores, double? Judge = null);

/// <summary>An example's ratings: per criterion, and whether any rater flagged it.</summary>
public sealed record ExampleRatings(string Example, IReadOnlyList<CriterionRatings> Criteria, bool Flagged);

/// <summary>
/// An example in the review queue: its causes and its agreement — the lowest, over its criteria, share of rater pairs
/// that agree (equal on binary, within one point on ordinal); 1 when no criterion has two ratings.
/// </summary>
public sealed record ReviewItem(string Example, IReadOnlyList<ReviewCause> Causes, double Agreement);

/// <summary>
/// Which examples need a reviewer and in what order: an ordinal spread of at least <c>spread</c> points, a split on a
/// binary criterion, a flag, or (where judge scores exist) the judge ≥ <c>judgeGap</c> points from the human median or
/// on the other side of a binary one. Lowest agreement first, then more causes, then the example id. Examples already
/// decided on every disputed criterion are the caller's to leave out.
/// </summary>
public static class ReviewQueue
{
    public const int DefaultSpread = 2;

    public const int DefaultJudgeGap = 2;

    public static IReadOnlyList<ReviewItem> Build(IEnumerable<ExampleRatings> examples, int spread = DefaultSpread, int judgeGap = DefaultJudgeGap)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentOutOfRangeException.ThrowIfLessThan(spread, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(judgeGap, 1);
        var items = new List<ReviewItem>();
        foreach (var e in examples)
        {
            var causes = Causes(e, spread, judgeGap);
            if (causes.Count > 0)
            {
                items.Add(new ReviewItem(e.Example, causes, Agreement(e)));
            }
        }

        return items.OrderBy(i => i.Agreement).ThenByDescending(i => i.Causes.Count).ThenBy(i => i.Example, StringComparer.Ordinal).ToList();
    }

    public static IReadOnlyList<ReviewCause> Causes(ExampleRatings example, int spread = DefaultSpread, int judgeGap = DefaultJudgeGap)
    {
        ArgumentNullException.ThrowIfNull(example);
        var causes = new List<ReviewCause>();
        if (example.Flagged)
        {
            causes.Add(new ReviewCause(ReviewReason.Flagged, null));
        }

        foreach (var c in example.Criteria.Where(c => c.Scores.Count > 0))
        {
            var range = c.Scores.Max() - c.Scores.Min();
            if (c.Scale == ScaleType.Binary ? range > 0 : range >= spread)
            {
                causes.Add(new ReviewCause(c.Scale == ScaleType.Binary ? ReviewReason.Split : ReviewReason.Spread, c.Criterion));
            }

            if (c.Judge is { } judge)
            {
                var median = Median(c.Scores);
                // Binary: the judge on the other side of the human median (an even split is already a Split).
                if (c.Scale == ScaleType.Binary ? Math.Abs(judge - median) > 0.5 : Math.Abs(judge - median) >= judgeGap)
                {
                    causes.Add(new ReviewCause(ReviewReason.JudgeDisagrees, c.Criterion));
                }
            }
        }

        return causes;
    }

    /// <summary>The lowest share of agreeing rater pairs over the example's criteria with two or more ratings (1 when none).</summary>
    public static double Agreement(ExampleRatings example)
    {
        ArgumentNullException.ThrowIfNull(example);
        var shares = example.Criteria.Where(c => c.Scores.Count >= 2).Select(c =>
        {
            int pairs = 0, agree = 0;
            for (var i = 0; i < c.Scores.Count; i++)
            {
                for (var j = i + 1; j < c.Scores.Count; j++)
                {
                    pairs++;
                    agree += Math.Abs(c.Scores[i] - c.Scores[j]) <= (c.Scale == ScaleType.Binary ? 0 : 1) ? 1 : 0;
                }
            }

            return (double)agree / pairs;
        }).ToList();
        return shares.Count == 0 ? 1 : shares.Min();
    }

    private static double Median(IReadOnlyList<int> scores)
    {
        var sorted = scores.Order().ToList();
        var n = sorted.Count;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[(n / 2) - 1] + sorted[n / 2]) / 2.0;
    }
}
