using HumanEval.Core.Quality;
using HumanEval.Core.Rubrics;

namespace HumanEval.Core.Tests.Quality;

/// <summary>Consensus with provenance, and who enters the review queue in which order, on hand-made ratings.</summary>
public sealed class ConsensusAndQueueTests
{
    [Theory]
    [InlineData(new[] { 4, 4, 5 }, 4, Provenance.Unanimous)] // within one point: the median
    [InlineData(new[] { 3, 4 }, 3, Provenance.Unanimous)] // even count: the lower middle score
    [InlineData(new[] { 2, 2, 5 }, 2, Provenance.Majority)]
    [InlineData(new[] { 1, 3, 5 }, null, Provenance.Unresolved)]
    [InlineData(new[] { 2, 2, 4, 4 }, null, Provenance.Unresolved)] // a tie is no majority
    [InlineData(new[] { 5 }, 5, Provenance.Unanimous)]
    public void Ordinal_consensus_and_its_provenance(int[] scores, int? value, Provenance provenance)
    {
        var c = Consensus.Of("accuracy", ScaleType.Ordinal, scores);
        Assert.Equal((value, provenance, scores.Length, scores.Max() - scores.Min()), (c.Value, c.Provenance, c.Ratings, c.Spread));
    }

    [Fact]
    public void Binary_needs_equality_or_a_strict_majority_and_a_decision_overrides_all()
    {
        Assert.Equal((1, Provenance.Unanimous), (Consensus.Of("safety", ScaleType.Binary, [1, 1, 1]).Value, Consensus.Of("safety", ScaleType.Binary, [1, 1, 1]).Provenance));
        Assert.Equal((0, Provenance.Majority), (Consensus.Of("safety", ScaleType.Binary, [0, 1, 0]).Value, Consensus.Of("safety", ScaleType.Binary, [0, 1, 0]).Provenance));
        Assert.Equal(Provenance.Unresolved, Consensus.Of("safety", ScaleType.Binary, [0, 1]).Provenance);
        var decided = Consensus.Of("accuracy", ScaleType.Ordinal, [1, 3, 5], adjudicated: 2);
        Assert.Equal((2, Provenance.Adjudicated, 4), (decided.Value, decided.Provenance, decided.Spread));
        Assert.Equal(Provenance.Unresolved, Consensus.Of("accuracy", ScaleType.Ordinal, []).Provenance);
    }

    private static CriterionRatings Ordinal(params int[] scores) => new("accuracy", ScaleType.Ordinal, 1, 5, scores);

    private static CriterionRatings Safety(params int[] scores) => new("safety", ScaleType.Binary, 0, 1, scores);

    [Fact]
    public void The_queue_holds_spreads_splits_flags_and_judge_disagreements_lowest_agreement_first()
    {
        var queue = ReviewQueue.Build(
        [
            new("calm", [Ordinal(4, 4, 5), Safety(1, 1, 1)], false), // agreement 1: not queued
            new("spread", [Ordinal(2, 4, 4), Safety(1, 1, 1)], false), // 1 of 3 pairs within one: 0.33
            new("wide", [Ordinal(1, 3, 5), Safety(1, 1, 1)], false), // no pair within one: 0
            new("split", [Ordinal(4, 4, 4), Safety(0, 1, 1)], false), // 1 of 3 safety pairs agree: 0.33 (ties: by id)
            new("flagged", [Ordinal(4, 4, 4), Safety(1, 1, 1)], true),
            new("judged", [Ordinal(4, 4, 4) with { Judge = 2 }, Safety(1, 1, 1) with { Judge = 0 }], false),
            new("judge-close", [Ordinal(4, 4, 4) with { Judge = 3 }], false),
        ]);
        Assert.Equal(["wide", "split", "spread", "judged", "flagged"], queue.Select(q => q.Example));
        Assert.Equal([new ReviewCause(ReviewReason.Spread, "accuracy")], queue[0].Causes);
        Assert.Equal([new ReviewCause(ReviewReason.Split, "safety")], queue[1].Causes);
        Assert.Equal(1.0 / 3, queue[1].Agreement, 9);
        Assert.Equal(1.0 / 3, queue[2].Agreement, 9);
        Assert.Equal([new ReviewCause(ReviewReason.JudgeDisagrees, "accuracy"), new ReviewCause(ReviewReason.JudgeDisagrees, "safety")], queue[3].Causes);
        Assert.Equal([new ReviewCause(ReviewReason.Flagged, null)], queue[4].Causes);

        // A stricter threshold (spread ≥ 3) leaves "spread" out; a configurable judge gap of 1 takes "judge-close" in.
        Assert.DoesNotContain(ReviewQueue.Build([new("spread", [Ordinal(2, 4, 4)], false)], spread: 3), q => q.Example == "spread");
        Assert.Single(ReviewQueue.Build([new("judge-close", [Ordinal(4, 4, 4) with { Judge = 3 }], false)], judgeGap: 1));
    }
}

/// <summary>Who may decide, and what a decision must hold.</summary>
public sealed class ReviewRulesTests
{
    private static readonly Criterion[] Criteria =
    [
        new("accuracy", "Accuracy", null, ScaleType.Ordinal, 1, 5, true, []),
        new("safety", "Safety", null, ScaleType.Binary, 0, 1, true, []),
    ];

    [Fact]
    public void Leads_and_reviewers_decide_but_never_their_own_rating_or_one_still_coming_to_them()
    {
        Assert.True(ReviewRules.CanReview(isLead: true, isReviewer: false, ratedThisExample: false, mayStillBeAssigned: true).Ok);
        Assert.True(ReviewRules.CanReview(isLead: false, isReviewer: true, ratedThisExample: false).Ok);
        Assert.StartsWith("Only leads and evaluators marked as reviewers", ReviewRules.CanReview(false, false, false).Message, StringComparison.Ordinal);
        Assert.StartsWith("You rated this example", ReviewRules.CanReview(true, false, true).Message, StringComparison.Ordinal);
        Assert.StartsWith("This example may still come to you to rate", ReviewRules.CanReview(false, true, false, mayStillBeAssigned: true).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_decision_scores_every_disputed_criterion_on_its_scale()
    {
        Assert.True(ReviewRules.Validate(Criteria, new Dictionary<string, int> { ["accuracy"] = 2 }, ["accuracy"], null).Ok);
        Assert.Equal(["Safety is disputed: give its final score.", "Accuracy must be between 1 and 5.", "'tone' is not a criterion of this rubric."],
            ReviewRules.Validate(Criteria, new Dictionary<string, int> { ["accuracy"] = 0, ["tone"] = 3 }, ["safety", "safety"], null).Problems);
        Assert.Equal(["Notes are limited to 4,000 characters."], ReviewRules.Validate(Criteria, new Dictionary<string, int>(), [], new string('x', 4001)).Problems);
    }
}
