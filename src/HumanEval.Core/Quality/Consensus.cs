using HumanEval.Core.Rubrics;

namespace HumanEval.Core.Quality;

/// <summary>Where an example's consensus on a criterion comes from.</summary>
public enum Provenance
{
    /// <summary>Every rater agrees: equal on a binary criterion, within one point of each other on an ordinal one.</summary>
    Unanimous,

    /// <summary>More than half of the raters gave the same score.</summary>
    Majority,

    /// <summary>A reviewer decided the final score (their decision is its own record; the ratings are unchanged).</summary>
    Adjudicated,

    /// <summary>No agreement and no decision yet.</summary>
    Unresolved,
}

/// <summary>An example's consensus on one criterion: the value (null when unresolved), its provenance, the ratings and their spread (highest − lowest).</summary>
public sealed record CriterionConsensus(string Criterion, int? Value, Provenance Provenance, int Ratings, int Spread);

/// <summary>
/// The consensus of an example's ratings on a criterion, with its provenance — the value the examples grid, the
/// example page, the Examples sheet and the golden-set builder read. In order: a reviewer's decision
/// (<see cref="Provenance.Adjudicated"/>); all raters within one point (ordinal) or equal (binary): unanimous, the
/// value the median, rounded half down on an even count (the more conservative score); a strict majority on one
/// score: majority, that score; else unresolved. One rating alone is unanimous with itself, so a single-rater example
/// has a consensus of one — its <see cref="CriterionConsensus.Ratings"/> says so.
/// </summary>
public static class Consensus
{
    public static CriterionConsensus Of(string criterion, ScaleType scale, IReadOnlyList<int> scores, int? adjudicated = null)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var spread = scores.Count == 0 ? 0 : scores.Max() - scores.Min();
        if (adjudicated is { } decided)
        {
            return new CriterionConsensus(criterion, decided, Provenance.Adjudicated, scores.Count, spread);
        }

        if (scores.Count == 0)
        {
            return new CriterionConsensus(criterion, null, Provenance.Unresolved, 0, 0);
        }

        if (spread <= (scale == ScaleType.Binary ? 0 : 1))
        {
            return new CriterionConsensus(criterion, LowerMedian(scores), Provenance.Unanimous, scores.Count, spread);
        }

        var top = scores.GroupBy(s => s).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).First();
        return top.Count() * 2 > scores.Count
            ? new CriterionConsensus(criterion, top.Key, Provenance.Majority, scores.Count, spread)
            : new CriterionConsensus(criterion, null, Provenance.Unresolved, scores.Count, spread);
    }

    /// <summary>The median; on an even count the lower of the two middle scores.</summary>
    public static int LowerMedian(IReadOnlyList<int> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var sorted = scores.Order().ToList();
        return sorted[(sorted.Count - 1) / 2];
    }
}
