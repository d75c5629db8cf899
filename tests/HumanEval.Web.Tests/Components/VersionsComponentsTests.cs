using Bunit;
using HumanEval.Core.Campaigns;
using HumanEval.Core.Decisions;
using HumanEval.Data.Workflow;
using HumanEval.Web.Features.Campaigns;
using HumanEval.Web.Tests.Data;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace HumanEval.Web.Tests.Components;

public sealed class VersionsComponentsTests : MudComponentTest
{
    private static ComparisonReport Report(double effect, bool paired = false, DecisionRule? rule = null, string candidate = "v2")
    {
        var random = new Random(4);
        var rows = new List<ComparedRating>();
        for (var v = 0; v < 2; v++)
        {
            for (var i = 0; i < 30; i++)
            {
                var quality = 3 + (random.NextDouble() - 0.5) + (v == 1 ? effect : 0);
                foreach (var r in new[] { "x", "y", "z" })
                {
                    rows.Add(new($"e{v}{i:D2}", v == 0 ? "v1" : candidate, r, "accuracy", Math.Round(quality + random.NextDouble() - 0.5), paired ? $"p{i}" : null));
                    rows.Add(new($"e{v}{i:D2}", v == 0 ? "v1" : candidate, r, "safety", 1, paired ? $"p{i}" : null));
                }
            }
        }

        return VersionComparison.Compare(rows, [new("accuracy", "Accuracy", false), new("safety", "Safety", true)],
            new ComparisonOptions { Baseline = "v1", Candidate = candidate, Draws = 500, Rule = rule ?? new DecisionRule { MinHours = 0, PlannedExamplesPerVersion = 20 } });
    }

    [Fact]
    public void The_card_says_the_decision_first_and_what_is_missing()
    {
        var ship = Render<VersionDecision>(p => p.Add(c => c.Report, Report(1.0, paired: true)).Add(c => c.Rule, new DecisionRule { MinHours = 0 }));
        Assert.Equal("Ship", ship.Find("[data-testid=decision-card]").GetAttribute("data-decision"));
        Assert.StartsWith("Ship v2: P(better) 1.00, +", ship.Find("[data-testid=decision-headline]").TextContent);
        Assert.Contains("paired on 30 inputs rated under both versions", ship.Markup);
        Assert.Empty(ship.FindAll("[data-testid=decision-missing] li"));
        Assert.Contains("mud-alert-outlined-success", ship.Markup);

        var wait = Render<VersionDecision>(p => p.Add(c => c.Report, Report(0.1, rule: new DecisionRule { MinHours = 0, PlannedExamplesPerVersion = 100 })).Add(c => c.Rule, DecisionRule.Default));
        Assert.Equal("NotYet", wait.Find("[data-testid=decision-card]").GetAttribute("data-decision"));
        Assert.Equal("70 more examples per version (planned 100)", wait.FindAll("[data-testid=decision-missing] li")[0].TextContent);
        Assert.Contains("unpaired (no input was rated under both versions)", wait.Markup);
    }

    [Fact]
    public void The_table_and_plot_show_every_criterion_and_version_names_stay_text()
    {
        var report = Report(0.6, candidate: "<img src=x onerror=alert(1)>");
        var table = Render<VersionTable>(p => p.Add(c => c.Report, report));
        Assert.Empty(table.FindAll("img"));
        Assert.Equal(["Overall", "Accuracy", "Safety"], table.FindAll("tbody th").Select(t => t.TextContent));
        Assert.Contains("failing 0.0% [0.0%, 11.4%]", table.Markup); // Wilson upper bound for 0 of 30
        var plot = Render<ForestPlot>(p => p.Add(c => c.Report, report));
        Assert.Equal(2, plot.FindAll("circle").Count); // overall and accuracy; safety is a rate, not a Δ
        Assert.StartsWith("Forest plot of the difference per criterion with 95% intervals: Overall +0.", plot.Find("svg").GetAttribute("aria-label"));
    }

    [Fact]
    public async Task The_tab_compares_by_the_campaigns_versions_and_explains_an_empty_campaign()
    {
        await using var wf = new WorkflowDb();
        var (campaignId, evaluators) = await wf.SeedAsync(examples: 12, evaluators: 3, configure: c => c.PlannedExamplesPerVersion = 4);
        var (work, factory) = wf.Instance();
        for (var e = 0; e < evaluators.Count; e++)
        {
            while (await work.Queue.NextAsync(evaluators[e], campaignId) is { HasWork: true } claim)
            {
                await work.Submissions.SubmitAsync(claim.AssignmentId!.Value, evaluators[e], WorkflowDb.FullScores(claim.AssignmentId.Value % 2 == 0 ? 4 : 3));
            }
        }

        Services.AddSingleton(new ComparisonQueries(factory, wf.Clock));
        Services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        Services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        var settings = new CampaignSettings { PlannedExamplesPerVersion = 4 };
        var panel = Render<VersionsPanel>(p => p.Add(c => c.CampaignId, campaignId).Add(c => c.Settings, settings));
        panel.WaitForAssertion(() => Assert.Contains("Not yet: 72 h pass on", panel.Find("[data-testid=decision-headline]").TextContent), TimeSpan.FromSeconds(20));
        Assert.Contains("Model", panel.Find("[data-testid=versions-dimension]").ParentElement!.ParentElement!.TextContent);
        Assert.NotEmpty(panel.FindAll("[data-testid=versions-table]"));

        var (empty, _) = await wf.SeedAsync(examples: 0, evaluators: 0);
        var none = Render<VersionsPanel>(p => p.Add(c => c.CampaignId, empty).Add(c => c.Settings, settings));
        none.WaitForAssertion(() => Assert.Contains("No versions to compare", none.Markup), TimeSpan.FromSeconds(10));
    }
}
