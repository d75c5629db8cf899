using System.Security.Cryptography;
using System.Text;
using HumanEval.Core.Agreement;
using HumanEval.Core.Decisions;

namespace HumanEval.Core.Pairwise;

/// <summary>
/// Which output a pairwise rating screen shows on the left. A stable hash of (evaluator, example), so a reload shows
/// the same order and no one can steer it; over an evaluator's work it falls on each side about half the time. The
/// shown order is stored with the rating, so every statistic can undo it (<see cref="ToCandidateScale"/>).
/// </summary>
public static class DisplayOrder
{
    /// <summary>True when the first output (A) is shown on the left as "Response 1".</summary>
    public static bool AOnLeft(string evaluatorId, string exampleId)
    {
        ArgumentNullException.ThrowIfNull(evaluatorId);
        ArgumentNullException.ThrowIfNull(exampleId);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{evaluatorId}\n{exampleId}"), hash);
        return (hash[0] & 1) == 0;
    }

    /// <summary>
    /// A preference as the screen asked it (−2 "Response 1 much better" … +2 "Response 2 much better") turned into the
    /// versions' terms: −2 … +2 where positive favours output B. Undoing the shown order is this one line.
    /// </summary>
    public static int ToBScale(int shownPreference, bool aOnLeft)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(shownPreference, -2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(shownPreference, 2);
        return aOnLeft ? shownPreference : -shownPreference;
    }

    /// <summary>A B-scale preference read for a chosen candidate: positive favours the candidate.</summary>
    public static int ToCandidateScale(int bPreference, bool candidateIsB) => candidateIsB ? bPreference : -bPreference;

    /// <summary>
    /// Position bias: the share of non-tie choices that went to the left response, with a Wilson 95% interval;
    /// flagged when the interval excludes one half.
    /// </summary>
    public static PositionBias Bias(int leftChoices, int rightChoices)
    {
        var n = leftChoices + rightChoices;
        var ci = Distributions.Wilson(leftChoices, n);
        return new PositionBias(leftChoices, rightChoices, n == 0 ? null : (double)leftChoices / n, ci, ci is { } i && (i.Low > 0.5 || i.High < 0.5));
    }
}

public sealed record PositionBias(int Left, int Right, double? LeftShare, Interval? Interval, bool Flagged);
