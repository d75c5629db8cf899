using HumanEval.Core.Operations;

namespace HumanEval.Core.Tests.Operations;

public sealed class CostRulesTests
{
    private static readonly RateCard Hourly30 = new(30m, null, "USD");

    [Fact]
    public void Hourly_rate_pays_active_time_only()
    {
        Assert.Equal(5m, CostRules.RatingCost(Hourly30, 600));
        Assert.Equal(0.2583m, CostRules.RatingCost(Hourly30, 31));
        Assert.Equal(0m, CostRules.RatingCost(Hourly30, 0));
    }

    [Fact]
    public void Flat_rate_ignores_time()
    {
        var flat = new RateCard(null, 7.5m, "EUR");

        Assert.Equal(7.5m, CostRules.RatingCost(flat, 10));
        Assert.Equal(7.5m, CostRules.RatingCost(flat, 3600));
    }

    [Fact]
    public void No_rate_costs_nothing()
    {
        Assert.Equal(0m, CostRules.RatingCost(RateCard.None, 900));
    }

    [Theory]
    [InlineData(30, 7, "USD", 1)]
    [InlineData(30, null, "USD", 0)]
    [InlineData(30, null, "usd", 1)]
    [InlineData(-1, null, "USD", 1)]
    [InlineData(null, null, "EURO", 1)]
    public void Rate_cards_are_validated(int? hourly, int? flat, string currency, int problems)
    {
        var card = new RateCard(hourly, flat, currency);

        Assert.Equal(problems, card.Validate().Problems.Count);
    }

    [Fact]
    public void Budget_warns_at_80_percent_and_stops_at_100()
    {
        Assert.Equal(BudgetState.NoBudget, CostRules.CheckBudget(null, 900m, 0, 20m).State);
        Assert.Equal(BudgetState.WithinBudget, CostRules.CheckBudget(1000m, 799.99m, 0, 20m).State);
        Assert.Equal(BudgetState.Warning, CostRules.CheckBudget(1000m, 800m, 0, 20m).State);
        Assert.Equal(BudgetState.Exhausted, CostRules.CheckBudget(1000m, 1000m, 0, 20m).State);
        Assert.False(CostRules.CheckBudget(1000m, 1000m, 0, 20m).AllowsClaims);
    }

    [Fact]
    public void Live_reservations_count_against_the_budget_at_the_mean_rating_cost()
    {
        // 950 spent, 3 reservations at a mean of 20 each would take it to 1010.
        var check = CostRules.CheckBudget(1000m, 950m, 3, 20m);

        Assert.Equal(BudgetState.Exhausted, check.State);
        Assert.Equal(1010m, check.Committed);
        Assert.Equal(BudgetState.Warning, CostRules.CheckBudget(1000m, 950m, 2, 20m).State);
    }

    [Fact]
    public void Summary_projects_from_the_mean_rating_cost_and_reads_the_band()
    {
        // 6 ratings cost 60 in all; 4 ratings still to come at the mean of 10.
        var summary = CostRules.Summarize(60m, 6, [12m, 20m, 28m, 31m], remainingSlots: 4, liveReservations: 0, budget: 200m);

        Assert.Equal(10m, summary.MeanPerRating);
        Assert.Equal(100m, summary.Projected);
        Assert.Equal(22.75, summary.MeanPerExample);
        Assert.Equal(24.0, summary.MedianPerExample);
        Assert.Equal(30.1, summary.P90PerExample!.Value, 6);
        Assert.Equal((1, 2, 1), (summary.BelowBand, summary.InBand, summary.AboveBand));
        Assert.Equal(4, summary.Distribution.Sum(b => b.Count));
        Assert.Equal(BudgetState.WithinBudget, summary.Budget.State);
    }

    [Fact]
    public void Summary_of_an_unrated_campaign_has_no_means()
    {
        var summary = CostRules.Summarize(0m, 0, [], remainingSlots: 30, liveReservations: 2, budget: null);

        Assert.Null(summary.MeanPerRating);
        Assert.Null(summary.MedianPerExample);
        Assert.Equal(0m, summary.Projected);
        Assert.Empty(summary.Distribution);
    }

    [Fact]
    public void Quantiles_interpolate_between_closest_ranks()
    {
        Assert.Equal(2.5, Quantiles.Of([4, 1, 3, 2], 0.5));
        Assert.Equal(3.7, Quantiles.Of([1, 2, 3, 4], 0.9)!.Value, 9);
        Assert.Equal(7, Quantiles.Of([7], 0.9));
        Assert.Null(Quantiles.Of([], 0.5));
    }

    [Fact]
    public void Histogram_bins_start_at_a_multiple_of_the_width()
    {
        var bins = Histogram.Of([12, 14.9, 15, 29.99, 30], 5);

        Assert.Equal([10.0, 15, 20, 25, 30], bins.Select(b => b.From));
        Assert.Equal([2, 1, 0, 1, 1], bins.Select(b => b.Count));
    }
}
