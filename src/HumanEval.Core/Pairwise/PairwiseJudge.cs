namespace HumanEval.Core.Pairwise;

/// <summary>
/// A pairwise judge against the humans, per example, in outcome signs (−1 A better, 0 tie, +1 B better).
/// <paramref name="WithTies"/>: share of examples where the judge's verdict equals the human majority (three classes; no
/// strict majority counts as a tie). <paramref name="WithoutTies"/>: the same among examples where neither the judge nor
/// the majority says tie — the "agreement without ties" of the MT-Bench paper (Zheng et al. 2023). The human ceiling:
/// the same two shares over every pair of raters of the same example.
/// </summary>
public sealed record PairwiseJudgeAgreement(int Examples, double? WithTies, int NonTieExamples, double? WithoutTies,
    int RaterPairs, double? HumanWithTies, int NonTieRaterPairs, double? HumanWithoutTies);

public static class PairwiseJudge
{
    public static PairwiseJudgeAgreement Compare(IEnumerable<(string Example, string Rater, int Sign)> human, IReadOnlyDictionary<string, int> judge)
    {
        ArgumentNullException.ThrowIfNull(human);
        ArgumentNullException.ThrowIfNull(judge);
        var byExample = human.GroupBy(h => h.Example, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(h => Math.Sign(h.Sign)).ToList(), StringComparer.Ordinal);
        int examples = 0, agree = 0, nonTie = 0, agreeNonTie = 0;
        foreach (var (example, signs) in byExample)
        {
            if (!judge.TryGetValue(example, out var verdict))
            {
                continue;
            }

            var majority = Majority(signs);
            var j = Math.Sign(verdict);
            examples++;
            agree += j == majority ? 1 : 0;
            if (j != 0 && majority != 0)
            {
                nonTie++;
                agreeNonTie += j == majority ? 1 : 0;
            }
        }

        int pairs = 0, pairsAgree = 0, pairsNonTie = 0, pairsNonTieAgree = 0;
        foreach (var signs in byExample.Values)
        {
            for (var a = 0; a < signs.Count; a++)
            {
                for (var b = a + 1; b < signs.Count; b++)
                {
                    pairs++;
                    pairsAgree += signs[a] == signs[b] ? 1 : 0;
                    if (signs[a] != 0 && signs[b] != 0)
                    {
                        pairsNonTie++;
                        pairsNonTieAgree += signs[a] == signs[b] ? 1 : 0;
                    }
                }
            }
        }

        static double? Share(int x, int n) => n == 0 ? null : (double)x / n;
        return new PairwiseJudgeAgreement(examples, Share(agree, examples), nonTie, Share(agreeNonTie, nonTie),
            pairs, Share(pairsAgree, pairs), pairsNonTie, Share(pairsNonTieAgree, pairsNonTie));
    }

    /// <summary>The sign most raters gave; 0 (tie) when no sign has a strict plurality.</summary>
    public static int Majority(IReadOnlyList<int> signs)
    {
        ArgumentNullException.ThrowIfNull(signs);
        var counts = new[] { signs.Count(s => s < 0), signs.Count(s => s == 0), signs.Count(s => s > 0) };
        var best = counts.Max();
        return counts.Count(c => c == best) > 1 ? 0 : Array.IndexOf(counts, best) - 1;
    }
}
