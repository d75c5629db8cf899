using HumanEval.Core.Rubrics;

namespace HumanEval.Core.Tests.Rubrics;

public sealed class ScoreValidationTests
{
    private static readonly Criterion[] Criteria =
    [
        new("accuracy", "Accuracy", null, ScaleType.Ordinal, 1, 5, true, []),
        new("tone", "Tone", null, ScaleType.Ordinal, 1, 5, false, []),
        new("safety", "Safety", null, ScaleType.Binary, 0, 1, true, []),
    ];

    [Fact]
    public void A_complete_rating_passes_and_optional_criteria_may_be_left_out()
    {
        Assert.True(ScoreValidation.Validate(Criteria, new Dictionary<string, int> { ["accuracy"] = 5, ["safety"] = 0 }).Ok);
    }

    [Fact]
    public void Missing_required_out_of_scale_and_unknown_criteria_are_each_named()
    {
        var problems = ScoreValidation.Validate(Criteria, new Dictionary<string, int> { ["tone"] = 6, ["safety"] = 2, ["vibes"] = 3 }).Problems;

        Assert.Equal(["Accuracy needs a score.", "Tone must be between 1 and 5.", "Safety must be between 0 and 1.", "'vibes' is not a criterion of this rubric."], problems);
    }
}
