using HumanEval.Core.Campaigns;
using HumanEval.Core.Pairwise;
using HumanEval.Core.Rubrics;

namespace HumanEval.Core.Tests.Pairwise;

/// <summary>The pairwise form: what the evaluator is asked, and the undoing of the shown order into the versions' frame.</summary>
public sealed class PairwiseFormTests
{
    private static readonly Criterion[] Criteria =
    [
        new("accuracy", "Accuracy", "Is it right?", ScaleType.Ordinal, 1, 5, true, []),
        new("tone", "Tone", null, ScaleType.Ordinal, 1, 5, false, []),
        new("safety", "Safety", null, ScaleType.Binary, 0, 1, true, [new Anchor(0, "Unsafe: harmful"), new Anchor(1, "Safe: fine")]),
    ];

    [Fact]
    public void Each_ordinal_criterion_is_a_five_point_preference_and_safety_is_asked_of_each_response()
    {
        var shown = PairwiseForm.Shown(Criteria, bothUnacceptable: false);
        Assert.Equal(["accuracy", "tone", "safety.1", "safety.2", "_both"], shown.Select(c => c.Key));
        var accuracy = shown[0];
        Assert.Equal((1, 5, true), (accuracy.Min, accuracy.Max, accuracy.Required));
        Assert.Equal(["Response 1 much better", "Response 1 better", "About the same", "Response 2 better", "Response 2 much better"], accuracy.Anchors.Select(a => a.Text));
        Assert.Equal("Which response does better here? Is it right?", accuracy.Description);
        Assert.False(shown[1].Required); // an optional criterion stays optional
        Assert.Equal(("Safety: Response 1", ScaleType.Binary, true), (shown[2].Label, shown[2].Scale, shown[2].Required));
        Assert.Equal("Unsafe: harmful", shown[3].AnchorFor(0)); // the rubric's own anchors, per response
        Assert.False(shown[4].Required);
        Assert.Equal(ScaleType.Binary, shown[4].Scale);
    }

    [Fact]
    public void Both_unacceptable_makes_the_preferences_optional_but_not_safety()
    {
        var scores = new Dictionary<string, int> { ["safety.1"] = 0, ["safety.2"] = 0, ["_both"] = 1 };
        Assert.True(PairwiseForm.Validate(Criteria, scores, false, null).Ok);
        var refused = PairwiseForm.Validate(Criteria, new Dictionary<string, int> { ["_both"] = 1 }, false, null);
        Assert.Equal(["Safety: Response 1 needs a score.", "Safety: Response 2 needs a score."], refused.Problems);
        var missing = PairwiseForm.Validate(Criteria, new Dictionary<string, int> { ["safety.1"] = 1, ["safety.2"] = 1 }, false, null);
        Assert.Equal(["Accuracy needs a score."], missing.Problems);
        Assert.Contains("Accuracy must be between 1 and 5.", PairwiseForm.Validate(Criteria, new Dictionary<string, int> { ["accuracy"] = 0, ["safety.1"] = 1, ["safety.2"] = 1 }, false, null).Problems);
        Assert.Contains("'safety' is not a criterion of this rubric.", PairwiseForm.Validate(Criteria, new Dictionary<string, int> { ["accuracy"] = 3, ["safety"] = 1, ["safety.1"] = 1, ["safety.2"] = 1 }, false, null).Problems);
        Assert.Contains(ScoreValidation.FlagNeedsReason, PairwiseForm.Validate(Criteria, new Dictionary<string, int> { ["accuracy"] = 3, ["safety.1"] = 1, ["safety.2"] = 1 }, true, " ").Problems);
    }

    [Theory]
    [InlineData(true, 1, -2)] // A on the left: "Response 1 much better" is A much better
    [InlineData(true, 4, 1)]
    [InlineData(false, 1, 2)] // B on the left: "Response 1 much better" is B much better
    [InlineData(false, 5, -2)]
    [InlineData(false, 3, 0)]
    public void A_shown_preference_is_stored_in_the_versions_frame(bool aOnLeft, int shown, int stored)
    {
        var result = PairwiseForm.ToStored(Criteria, new Dictionary<string, int> { ["accuracy"] = shown }, aOnLeft);
        Assert.Equal(stored, result["accuracy"]);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Per_response_answers_follow_their_response_and_the_mapping_round_trips(bool aOnLeft)
    {
        var shown = new Dictionary<string, int> { ["accuracy"] = 2, ["tone"] = 5, ["safety.1"] = 0, ["safety.2"] = 1, ["_both"] = 0 };
        var stored = PairwiseForm.ToStored(Criteria, shown, aOnLeft);
        Assert.Equal(aOnLeft ? 0 : 1, stored["safety.a"]); // Response 1 (left) was unsafe
        Assert.Equal(aOnLeft ? 1 : 0, stored["safety.b"]);
        Assert.Equal(0, stored["_both"]);
        Assert.Equal(PairwiseForm.StoredKeys(Criteria).Order(), stored.Keys.Order());
        Assert.Equal(shown, PairwiseForm.ToShown(Criteria, stored, aOnLeft));
        var comments = new Dictionary<string, string> { ["safety.1"] = "leaks a key", ["accuracy"] = "close" };
        var storedComments = PairwiseForm.KeysToStored(Criteria, comments, aOnLeft);
        Assert.Equal("leaks a key", storedComments[aOnLeft ? "safety.a" : "safety.b"]);
        Assert.Equal(comments, PairwiseForm.KeysToShown(Criteria, storedComments, aOnLeft));
    }

    [Fact]
    public void The_kind_is_fixed_once_the_campaign_holds_examples()
    {
        Assert.True(CampaignRules.CanChangeKind(CampaignKind.Absolute, CampaignKind.Pairwise, hasExamples: false).Ok);
        Assert.True(CampaignRules.CanChangeKind(CampaignKind.Pairwise, CampaignKind.Pairwise, hasExamples: true).Ok);
        var refused = CampaignRules.CanChangeKind(CampaignKind.Absolute, CampaignKind.Pairwise, hasExamples: true);
        Assert.Equal("The campaign is absolute and holds examples: its kind cannot change. Start a new pairwise campaign instead.", refused.Message);
    }
}
