using HumanEval.Core.Pairwise;

namespace HumanEval.Core.Tests.Pairwise;

public sealed class PairwiseJudgeAndIntervalsTests
{
    [Fact]
    public void Judge_agreement_with_and_without_ties_beside_the_human_ceiling()
    {
        // e1: humans +,+,0 → majority +; judge + (agree, non-tie).
        // e2: humans −,+ → no majority = tie; judge − (disagree with ties; left out without ties).
        // e3: humans −,−,− → −; judge + (disagree, non-tie).
        // e4: humans 0,0,+ → tie; judge 0 (agree with ties; left out without ties).
        (string, string, int)[] human =
        [
            ("e1", "a", 1), ("e1", "b", 2), ("e1", "c", 0), ("e2", "a", -1), ("e2", "b", 1),
            ("e3", "a", -1), ("e3", "b", -2), ("e3", "c", -1), ("e4", "a", 0), ("e4", "b", 0), ("e4", "c", 1),
        ];
        var judge = new Dictionary<string, int> { ["e1"] = 1, ["e2"] = -1, ["e3"] = 1, ["e4"] = 0, ["e9"] = 1 };
        var r = PairwiseJudge.Compare(human, judge);
        Assert.Equal(4, r.Examples);
        Assert.Equal(0.5, r.WithTies);          // e1, e4
        Assert.Equal(2, r.NonTieExamples);      // e1, e3
        Assert.Equal(0.5, r.WithoutTies);       // e1
        // Rater pairs: e1 (+,+) (+,0) (+,0); e2 (−,+); e3 three (−,−); e4 (0,0) (0,+) (0,+) → 10 pairs, 5 equal.
        Assert.Equal(10, r.RaterPairs);
        Assert.Equal(0.5, r.HumanWithTies);
        // Non-tie pairs: e1 (+,+); e2 (−,+); e3 ×3 → 5 pairs, 4 equal.
        Assert.Equal(5, r.NonTieRaterPairs);
        Assert.Equal(0.8, r.HumanWithoutTies!.Value, 12);
        Assert.Equal(0, PairwiseJudge.Majority([1, -1, 0]));
        Assert.Equal(1, PairwiseJudge.Majority([1, 1, -1, 0]));
    }

    [Fact]
    public void Bradley_terry_intervals_resample_examples_and_hold_the_point_rating()
    {
        var random = new Random(11);
        var battles = new List<(string, Battle)>();
        string[] v = ["v1", "v2", "v3"];
        for (var i = 0; i < 300; i++)
        {
            var (a, b) = (v[i % 3], v[(i + 1) % 3]);
            var strongerB = Array.IndexOf(v, b) > Array.IndexOf(v, a);
            var u = random.NextDouble();
            var outcome = u < 0.15 ? BattleOutcome.Tie : (u < 0.15 + 0.5) == strongerB ? BattleOutcome.BWins : BattleOutcome.AWins;
            battles.Add(($"x{i}", new Battle(a, b, outcome)));
        }

        var result = BradleyTerry.Intervals(battles, anchor: "v1", draws: 300, seed: 4)!;
        Assert.Equal(1000, result.Ratings["v1"], 9);
        Assert.Equal(0, result.Failed);
        foreach (var name in v.Skip(1))
        {
            var ci = result.Intervals[name]!;
            Assert.InRange(result.Ratings[name], ci.Low, ci.High);
            Assert.True(ci.High - ci.Low > 10, $"{name}: [{ci.Low}, {ci.High}]");
        }

        Assert.Equal(result.Ratings, BradleyTerry.Intervals(battles, anchor: "v1", draws: 300, seed: 4)!.Ratings); // seeded
    }
}
