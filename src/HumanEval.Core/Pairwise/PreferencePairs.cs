namespace HumanEval.Core.Pairwise;

/// <summary>One rater's answers on one pair, in the versions' frame: per criterion −2 … +2 (positive favours B).</summary>
public sealed record PreferenceVote(string Evaluator, IReadOnlyDictionary<string, int> Preferences, bool BothUnacceptable);

/// <summary>A criterion's votes relative to the chosen response: raters preferring it, the rejected one, neither.</summary>
public sealed record CriterionVotes(int Chosen, int Rejected, int Tie);

/// <summary>An example with a clear majority: which output was chosen, by how many of its raters, and the votes per criterion.</summary>
public sealed record PreferencePair(string Example, bool ChosenIsB, int Raters, double Agreement, IReadOnlyDictionary<string, CriterionVotes> Votes);

/// <summary>
/// Preference data for tuning (the DPO format: prompt, chosen, rejected). A rater's overall side on a pair is the sign
/// of the sum of their criterion preferences (0 or "both unacceptable": no side). An example has a <em>clear
/// majority</em> when more than half of its raters take the same side; <see cref="PreferencePair.Agreement"/> is that
/// side's share of the raters. Examples without one (split, level, or both unacceptable to most) are left out:
/// a tuning set should not learn from pairs the people could not call.
/// </summary>
public static class PreferencePairs
{
    public static PreferencePair? Decide(string example, IReadOnlyList<PreferenceVote> votes)
    {
        ArgumentNullException.ThrowIfNull(votes);
        if (votes.Count == 0)
        {
            return null;
        }

        var sides = votes.Select(v => v.BothUnacceptable ? 0 : Math.Sign(v.Preferences.Values.Sum())).ToList();
        var forB = sides.Count(s => s > 0);
        var forA = sides.Count(s => s < 0);
        var winner = forB * 2 > votes.Count ? 1 : forA * 2 > votes.Count ? -1 : 0;
        if (winner == 0)
        {
            return null;
        }

        var criteria = votes.SelectMany(v => v.Preferences.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        var tally = criteria.ToDictionary(c => c, c =>
        {
            var values = votes.Select(v => v.BothUnacceptable ? 0 : Math.Sign(v.Preferences.GetValueOrDefault(c)) * winner).ToList();
            return new CriterionVotes(values.Count(x => x > 0), values.Count(x => x < 0), values.Count(x => x == 0));
        }, StringComparer.Ordinal);
        return new PreferencePair(example, winner > 0, votes.Count, (double)Math.Max(forA, forB) / votes.Count, tally);
    }
}
