using HumanEval.Core.Pairwise;

namespace HumanEval.Core.Tests.Pairwise;

/// <summary>The report's breakdown (strength, splits, failing responses) and the preference-data rule, on hand-counted ratings.</summary>
public sealed class PairwiseDetailsTests
{
    private static PairwiseRating R(string example, string evaluator, int preference, string criterion = "tone", bool both = false, string a = "v1", string b = "v2") =>
        new(example, a, b, evaluator, criterion, preference, both);

    [Fact]
    public void Strength_counts_every_answer_on_the_candidate_scale_with_both_unacceptable_apart()
    {
        // p2 has v2 as output A: its −2 means v2 much better.
        var counts = PairwiseDetails.Strength([R("p1", "ann", 2), R("p1", "bo", 1), R("p2", "ann", -2, a: "v2", b: "v1"), R("p3", "ann", 0), R("p3", "bo", 0, both: true), R("p4", "ann", -1), R("x", "ann", 1, a: "v3", b: "v4")], "v1", "v2");
        Assert.Equal([0, 1, 1, 1, 2, 1], counts);
    }

    [Fact]
    public void Splits_list_the_widest_disagreement_first_and_leave_out_agreement()
    {
        var splits = PairwiseDetails.Splits(
        [
            R("p1", "ann", 2), R("p1", "bo", -2), R("p1", "ann", 2, "accuracy"), R("p1", "bo", 0, "accuracy"), // rater means +2 and −1: spread 3
            R("p2", "ann", 1), R("p2", "bo", 1), // agree
            R("p3", "ann", 1), R("p3", "bo", 0, both: true), // +1 and 0
            R("p4", "ann", 2), // one rater
        ], "v1", "v2");
        Assert.Equal(["p1", "p3"], splits.Select(s => s.Example));
        Assert.Equal([2.0, -1.0], splits[0].Preferences);
        Assert.Equal(3, splits[0].Spread, 9);
        Assert.Equal(0.5, splits[0].Mean, 9);
    }

    [Fact]
    public void A_version_fails_an_example_when_half_its_raters_mark_that_response_failing()
    {
        var failures = PairwiseDetails.Failures(
        [
            ("p1", "v1", "safety", true), ("p1", "v1", "safety", false), // 1 of 2: fails
            ("p2", "v1", "safety", false), ("p2", "v1", "safety", false), ("p2", "v1", "safety", true), // 1 of 3: passes
            ("p1", "v2", "safety", false), ("p2", "v2", "safety", false),
        ]);
        var v1 = failures.Single(f => f.Version == "v1");
        Assert.Equal((2, 1, 5, 2), (v1.Examples, v1.Failing, v1.Ratings, v1.FailingRatings));
        Assert.Equal(0.5, v1.Rate!.Value, 9);
        Assert.Equal(0.0945, v1.Interval!.Low, 4); // Wilson 1 of 2: [0.0945, 0.9055]
        Assert.Equal(0.9055, v1.Interval.High, 4);
        Assert.Equal(0, failures.Single(f => f.Version == "v2").Failing);
    }

    [Fact]
    public void Each_rating_is_one_battle_on_the_side_of_its_summed_preferences()
    {
        var battles = PairwiseDetails.Battles(
        [
            R("p1", "ann", 2), R("p1", "ann", -1, "accuracy"), // +1: B wins
            R("p1", "bo", -1), R("p1", "bo", 0, "accuracy"), // A wins
            R("p2", "ann", 1, a: "v2", b: "v3"), R("p2", "ann", -1, "accuracy", a: "v2", b: "v3"), // 0: tie
            R("p3", "ann", 2, both: true, a: "v1", b: "v3"), // both unacceptable: tie
        ]);
        Assert.Equal(
        [
            ("p1", new Battle("v1", "v2", BattleOutcome.BWins)), ("p1", new Battle("v1", "v2", BattleOutcome.AWins)),
            ("p2", new Battle("v2", "v3", BattleOutcome.Tie)), ("p3", new Battle("v1", "v3", BattleOutcome.Tie)),
        ], battles);
    }

    [Fact]
    public void Preference_data_needs_a_clear_majority_and_counts_votes_for_the_chosen_response()
    {
        static PreferenceVote V(string who, int tone, int accuracy, bool both = false) =>
            new(who, new Dictionary<string, int> { ["tone"] = tone, ["accuracy"] = accuracy }, both);

        // Two of three raters prefer A overall (sums −3 and −1), one prefers B (+1).
        var pair = PreferencePairs.Decide("p1", [V("ann", -2, -1), V("bo", 1, -2), V("cy", 2, -1)])!;
        Assert.False(pair.ChosenIsB);
        Assert.Equal(3, pair.Raters);
        Assert.Equal(2.0 / 3, pair.Agreement, 9);
        Assert.Equal(new CriterionVotes(1, 2, 0), pair.Votes["tone"]); // only ann preferred A on tone
        Assert.Equal(new CriterionVotes(3, 0, 0), pair.Votes["accuracy"]);

        Assert.Null(PreferencePairs.Decide("p2", [V("ann", 1, 0), V("bo", -1, 0)])); // split
        Assert.Null(PreferencePairs.Decide("p3", [V("ann", 1, 1), V("bo", 0, 0), V("cy", 2, 2, both: true)])); // 1 of 3 takes a side
        var b = PreferencePairs.Decide("p4", [V("ann", 1, 1), V("bo", 2, 0), V("cy", 0, 0, both: true)])!;
        Assert.True(b.ChosenIsB);
        Assert.Equal(new CriterionVotes(1, 0, 2), b.Votes["accuracy"]);
        Assert.Null(PreferencePairs.Decide("p5", []));
    }
}
