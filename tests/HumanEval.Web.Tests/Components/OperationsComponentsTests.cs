using Bunit;
using HumanEval.Core.Operations;
using HumanEval.Data.Workflow;
using HumanEval.Web.Features.Campaigns;

namespace HumanEval.Web.Tests.Components;

public sealed class OperationsComponentsTests : MudComponentTest
{
    private static readonly DateTime Now = new(2026, 11, 27, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void An_exhausted_budget_says_claims_stopped_and_how_to_continue()
    {
        var summary = CostRules.Summarize(1000m, 50, [18m, 22m, 35m], remainingSlots: 10, liveReservations: 1, budget: 1000m);

        var cut = Render<CostPanel>(p => p.Add(c => c.Cost, new CampaignCost("EUR", summary, ["USD"])));

        Assert.Contains("The budget is reached: no new examples are handed out", cut.Find("[role=alert]").TextContent);
        Assert.Contains("EUR 1,000.00 on 50 ratings (EUR 20.00 per rating)", cut.Find("[data-testid=cost-spent]").TextContent);
        Assert.Contains("claims stopped", cut.Find("[data-testid=budget-state]").TextContent);
        Assert.Contains("paid in USD, not EUR", cut.Markup);
        Assert.Contains("0 below · 2 within · 1 above", cut.Markup);
    }

    [Fact]
    public void A_budget_past_80_percent_warns_without_stopping()
    {
        var summary = CostRules.Summarize(850m, 40, [21m], remainingSlots: 2, liveReservations: 0, budget: 1000m);

        var cut = Render<CostPanel>(p => p.Add(c => c.Cost, new CampaignCost("USD", summary, [])));

        Assert.Contains("85% of the budget is spent", cut.Markup);
        Assert.Empty(cut.FindAll("[role=alert]"));
    }

    [Fact]
    public void Turnaround_lists_breached_and_at_risk_examples_with_escaped_ids_and_the_forecast()
    {
        var t = TurnaroundRules.Summarize([(Now.AddHours(-80), null), (Now.AddHours(-60), null), (Now.AddHours(-50), Now.AddHours(-10))], 72, 6, Now.AddHours(-30), 12, Now);
        var watch = new List<WatchedExample>
        {
            new(1, "<b>ex-1</b>", Now.AddHours(-80), 1, TurnaroundStatus.Breached, 80),
            new(2, "ex-2", Now.AddHours(-60), 2, TurnaroundStatus.AtRisk, 60),
        };

        var cut = Render<TurnaroundPanel>(p => p.Add(c => c.CampaignId, 7).Add(c => c.K, 3).Add(c => c.Turnaround, new CampaignTurnaround(t, watch)));

        Assert.Contains("1 on time · 0 late · 0 on track · 1 at risk (past 75%) · 1 breached", cut.Find("[data-testid=turnaround-status]").TextContent);
        Assert.Contains("6 ratings left: complete by Sat 28 Nov 00:00 UTC", cut.Markup);
        Assert.Contains("&lt;b&gt;ex-1&lt;/b&gt;", cut.Markup);
        Assert.Empty(cut.FindAll("b"));
        Assert.Contains("campaigns/7/examples/%3Cb%3Eex-1%3C/b%3E", cut.Markup); // each part escaped, the id's "/" kept as a path separator (Formats.ExampleHref)
    }
}
