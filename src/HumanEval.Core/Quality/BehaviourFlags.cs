namespace HumanEval.Core.Quality;

/// <summary>One of an evaluator's ratings as the behaviour checks read it, in submission order.</summary>
public sealed record RatedItem(string Example, int ActiveSeconds, IReadOnlyList<int> OrdinalScores);

/// <summary>An evaluator's behaviour: ratings faster than the minimum, the longest run of straight-lined ratings, and the flags.</summary>
public sealed record Behaviour(int Ratings, int TooFast, int LongestStraightRun, bool FastFlag, bool StraightLiningFlag);

/// <summary>
/// Behaviour checks that need no answer key. <b>Too fast</b>: active time under the rubric's minimum (default 20 s)
/// — flagged when at least <c>fastShare</c> (default a quarter) of at least 4 ratings are; one quick, obvious
/// example is no signal. <b>Straight-lining</b>: a rating that gives the same score on every ordinal criterion (two or
/// more criteria), for at least <c>run</c> examples in a row (default 5).
/// </summary>
public static class BehaviourFlags
{
    public const int DefaultMinSeconds = 20;

    public const int DefaultRun = 5;

    public const double DefaultFastShare = 0.25;

    public static bool IsStraight(IReadOnlyList<int> ordinalScores) =>
        ordinalScores.Count >= 2 && ordinalScores.All(s => s == ordinalScores[0]);

    public static Behaviour Check(IReadOnlyList<RatedItem> ratings, int minSeconds = DefaultMinSeconds, int run = DefaultRun, double fastShare = DefaultFastShare)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        var fast = ratings.Count(r => r.ActiveSeconds < minSeconds);
        int longest = 0, current = 0;
        foreach (var r in ratings)
        {
            current = IsStraight(r.OrdinalScores) ? current + 1 : 0;
            longest = Math.Max(longest, current);
        }

        return new Behaviour(ratings.Count, fast, longest, ratings.Count >= 4 && fast >= fastShare * ratings.Count, longest >= run);
    }
}
