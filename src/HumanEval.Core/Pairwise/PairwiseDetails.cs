using HumanEval.Core.Agreement;
using HumanEval.Core.Decisions;

namespace HumanEval.Core.Pairwise;

/// <summary>How one version's responses fared on a per-response binary criterion (safety): examples where at least half the raters marked it failing.</summary>
public sealed record ResponseFailures(string Version, string Criterion, int Examples, int Failing, int Ratings, int FailingRatings, double? Rate, Interval? Interval);

/// <summary>One example where the raters disagreed most: each rater's overall preference (candidate scale, −2 … +2), the spread and the mean.</summary>
public sealed record SplitExample(string Example, IReadOnlyList<double> Preferences, double Spread, double Mean);

/// <summary>
/// The parts of a pairwise report beside the decision: the strength distribution, the examples where raters split
/// most, and per-response failure rates of binary criteria. Pure; every count is over current ratings as given.
/// </summary>
public static class PairwiseDetails
{
    /// <summary>
    /// How strongly raters preferred, on the candidate scale: counts of −2 … +2 (index 0 = baseline much better,
    /// 4 = candidate much better) over every rating of the criteria given, "both unacceptable" counted apart (index 5).
    /// </summary>
    public static IReadOnlyList<int> Strength(IEnumerable<PairwiseRating> ratings, string baseline, string candidate)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        var counts = new int[6];
        foreach (var r in ratings)
        {
            if (!Pits(r, baseline, candidate, out var candidateIsB))
            {
                continue;
            }

            counts[r.BothUnacceptable ? 5 : DisplayOrder.ToCandidateScale(r.Preference, candidateIsB) + 2]++;
        }

        return counts;
    }

    /// <summary>
    /// Examples whose raters disagreed most: each rater's overall preference is the mean of their criterion preferences
    /// (candidate scale, "both unacceptable" as 0); spread = highest − lowest rater, two or more raters; widest first,
    /// then the example id. Examples where everyone agrees (spread 0) are left out.
    /// </summary>
    public static IReadOnlyList<SplitExample> Splits(IEnumerable<PairwiseRating> ratings, string baseline, string candidate, int take = 10)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        return ratings.Where(r => Pits(r, baseline, candidate, out _))
            .GroupBy(r => r.Example, StringComparer.Ordinal)
            .Select(g =>
            {
                var raters = g.GroupBy(r => r.Evaluator, StringComparer.Ordinal).OrderBy(r => r.Key, StringComparer.Ordinal)
                    .Select(r => r.Average(x => x.BothUnacceptable ? 0 : DisplayOrder.ToCandidateScale(x.Preference, x.VersionB == candidate))).ToList();
                return new SplitExample(g.Key, raters, raters.Count < 2 ? 0 : raters.Max() - raters.Min(), raters.Average());
            })
            .Where(s => s.Preferences.Count >= 2 && s.Spread > 0)
            .OrderByDescending(s => s.Spread).ThenBy(s => s.Example, StringComparer.Ordinal)
            .Take(take).ToList();
    }

    /// <summary>
    /// Per version and criterion: an example fails when at least half of its ratings mark that version's response as
    /// failing (value 0, as the absolute comparison reads binary criteria); the rate of failing examples with its
    /// Wilson 95% interval.
    /// </summary>
    public static IReadOnlyList<ResponseFailures> Failures(IEnumerable<(string Example, string Version, string Criterion, bool Failing)> answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        return answers.GroupBy(a => (a.Version, a.Criterion))
            .OrderBy(g => g.Key.Criterion, StringComparer.Ordinal).ThenBy(g => g.Key.Version, StringComparer.Ordinal)
            .Select(g =>
            {
                var byExample = g.GroupBy(a => a.Example, StringComparer.Ordinal).Select(e => 2 * e.Count(a => a.Failing) >= e.Count()).ToList();
                var failing = byExample.Count(f => f);
                return new ResponseFailures(g.Key.Version, g.Key.Criterion, byExample.Count, failing, g.Count(), g.Count(a => a.Failing),
                    byExample.Count == 0 ? null : (double)failing / byExample.Count, Distributions.Wilson(failing, byExample.Count));
            }).ToList();
    }

    /// <summary>
    /// One battle per rating (example and evaluator) for Bradley–Terry over three or more versions: the side of the
    /// sum of the rater's criterion preferences (B-scale), a tie at 0 or when "both unacceptable".
    /// </summary>
    public static IReadOnlyList<(string Example, Battle Battle)> Battles(IEnumerable<PairwiseRating> ratings)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        return ratings.GroupBy(r => (r.Example, r.Evaluator)).OrderBy(g => g.Key.Example, StringComparer.Ordinal).ThenBy(g => g.Key.Evaluator, StringComparer.Ordinal)
            .Select(g =>
            {
                var first = g.First();
                var side = g.Any(r => r.BothUnacceptable) ? 0 : Math.Sign(g.Sum(r => r.Preference));
                return (g.Key.Example, new Battle(first.VersionA, first.VersionB, side > 0 ? BattleOutcome.BWins : side < 0 ? BattleOutcome.AWins : BattleOutcome.Tie));
            }).ToList();
    }

    private static bool Pits(PairwiseRating r, string baseline, string candidate, out bool candidateIsB)
    {
        candidateIsB = r.VersionB == candidate && r.VersionA == baseline;
        return candidateIsB || (r.VersionA == candidate && r.VersionB == baseline);
    }
}
