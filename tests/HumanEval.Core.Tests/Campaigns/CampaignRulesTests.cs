using HumanEval.Core.Campaigns;

namespace HumanEval.Core.Tests.Campaigns;

public sealed class CampaignRulesTests
{
    [Fact]
    public void Default_settings_with_a_name_are_valid()
    {
        Assert.True(CampaignRules.Validate(new CampaignSettings { Name = "Support bot, week 49" }).Ok);
    }

    [Fact]
    public void Each_setting_outside_its_range_is_named_with_the_range_the_form_also_uses()
    {
        var problems = CampaignRules.Validate(new CampaignSettings
        {
            Name = " ", K = 21, MinExperts = 22, SessionCapMinutes = 9, BreakMinutes = 1441, ReservationTimeoutMinutes = 1,
            TurnaroundTargetHours = 721, Budget = -1, Currency = "US", FairSharePercent = 501,
        }).Problems;

        Assert.Equal(
        [
            "Give the campaign a name.",
            "Ratings per example (k) must be between 1 and 20.",
            "Experts per example must be between 0 and k.",
            "The session cap must be between 10 and 480 minutes.",
            "The break must be between 0 and 1440 minutes.",
            "The reservation timeout must be between 2 and 240 minutes.",
            "The turnaround target must be between 1 and 720 hours.",
            "The budget cannot be negative.",
            "The currency must be a three-letter ISO code such as USD or EUR.",
            "The fair-share slack must be between 0% and 500% (or empty for no cap).",
        ], problems);
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(20, true)]
    [InlineData(0, false)]
    [InlineData(21, false)]
    public void Range_ends_are_inclusive(int k, bool valid)
    {
        Assert.Equal(valid, CampaignRules.K.Contains(k));
        Assert.Equal(valid, CampaignRules.Validate(new CampaignSettings { Name = "x", K = k, MinExperts = 0 }).Ok);
    }

    [Fact]
    public void No_fair_share_cap_is_allowed()
    {
        Assert.True(CampaignRules.Validate(new CampaignSettings { Name = "x", FairSharePercent = null }).Ok);
    }

    [Theory]
    [InlineData(CampaignState.Draft, CampaignState.Open, null)]
    [InlineData(CampaignState.Open, CampaignState.Closed, null)]
    [InlineData(CampaignState.Closed, CampaignState.Open, null)]
    [InlineData(CampaignState.Draft, CampaignState.Closed, "A draft campaign cannot become closed.")]
    [InlineData(CampaignState.Open, CampaignState.Draft, "An open campaign cannot become draft.")]
    [InlineData(CampaignState.Open, CampaignState.Open, "An open campaign cannot become open.")]
    public void The_state_machine_allows_draft_open_closed_and_reopening(CampaignState from, CampaignState to, string? refused)
    {
        Assert.Equal(refused, CampaignRules.CanMove(from, to, hasExamples: true, hasRoster: true).Problems.SingleOrDefault());
    }

    [Fact]
    public void Opening_needs_examples_then_a_roster()
    {
        Assert.Equal("Import examples before opening the campaign.", CampaignRules.CanMove(CampaignState.Draft, CampaignState.Open, false, false).Problems.SingleOrDefault());
        Assert.Equal("Add evaluators to the roster before opening the campaign.", CampaignRules.CanMove(CampaignState.Draft, CampaignState.Open, true, false).Problems.SingleOrDefault());
        Assert.True(CampaignRules.CanMove(CampaignState.Open, CampaignState.Closed, false, false).Ok); // closing needs neither
    }

    [Fact]
    public void Only_an_unrated_draft_can_be_deleted_and_rubric_or_k_lock_once_rated()
    {
        Assert.True(CampaignRules.CanDelete(CampaignState.Draft, hasRatings: false).Ok);
        Assert.Equal("This campaign has ratings, which are kept as history; it cannot be deleted.", CampaignRules.CanDelete(CampaignState.Draft, true).Problems.SingleOrDefault());
        Assert.Equal("Only a draft can be deleted; this campaign is closed. Close it instead.", CampaignRules.CanDelete(CampaignState.Closed, false).Problems.SingleOrDefault());

        Assert.True(CampaignRules.CanChange(rubricOrKChanged: true, hasRatings: false, overNewK: false).Ok);
        Assert.True(CampaignRules.CanChange(rubricOrKChanged: false, hasRatings: true, overNewK: false).Ok);
        Assert.Equal(2, CampaignRules.CanChange(rubricOrKChanged: true, hasRatings: true, overNewK: true).Problems.Count);
    }
}
