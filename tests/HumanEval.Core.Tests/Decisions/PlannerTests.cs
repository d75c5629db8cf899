using HumanEval.Core.Decisions;

namespace HumanEval.Core.Tests.Decisions;

public sealed class PlannerTests
{
    [Fact]
    public void Examples_per_version_follow_the_normal_approximation()
    {
        // 2 (1.959964 + 0.841621)² · 1² / 0.2² = 392.4 → 393 per version.
        Assert.Equal(393, Planner.ExamplesPerVersion(1.0, 0.2));
        // Paired on the SD of differences: half as many.
        Assert.Equal(197, Planner.ExamplesPerVersion(1.0, 0.2, paired: true));
        // A 0.5-point effect with SD 0.8: 2 · 7.849 · 0.64 / 0.25 = 40.2 → 41.
        Assert.Equal(41, Planner.ExamplesPerVersion(0.8, 0.5));
        // 90% power: z = 1.959964 + 1.281552 → 2 · 10.507 / 0.04 = 525.4 → 526.
        Assert.Equal(526, Planner.ExamplesPerVersion(1.0, 0.2, power: 0.9));
    }

    [Fact]
    public void Proportions_400_examples_give_about_five_points_at_one_half()
    {
        Assert.Equal(0.049, Planner.ProportionMargin(400), 3);
        Assert.Equal(385, Planner.ExamplesForMargin(0.05));
        Assert.Equal(0.0294, Planner.ProportionMargin(400, 0.1), 4);
    }

    [Fact]
    public void The_plan_prices_the_missing_examples()
    {
        var rule = new DecisionRule { MinimumEffect = 0.5 };
        var plan = Planner.For(rule, observedSd: 0.8, paired: false, have: 30, ratingsPerExample: 3, costPerRating: 20m, ratingsPerHour: 8);
        Assert.Equal(41, plan.PerVersion);
        Assert.Equal(11, plan.MorePerVersion);
        Assert.Equal(11 * 2 * 3 * 20m, plan.Cost);
        Assert.Equal(11 * 2 * 3 / 8.0, plan.Hours!.Value, 9);

        var planned = Planner.For(new DecisionRule { PlannedExamplesPerVersion = 10 }, 0.8, false, 12, 3, null, null);
        Assert.Equal(0, planned.MorePerVersion);
        Assert.Null(planned.Cost);
        var assumed = Planner.For(DecisionRule.Default, null, false, 0, 3, null, null);
        Assert.False(assumed.SdObserved);
        Assert.Equal(393, assumed.PerVersion);
    }
}
