using Bunit;
using HumanEval.Core.Rubrics;
using HumanEval.Data;
using HumanEval.Data.Workflow;
using HumanEval.Web.Features.Work;

namespace HumanEval.Web.Tests.Components;

public sealed class RatingComponentsTests : MudComponentTest
{
    private static readonly CriterionView Accuracy = new("accuracy", "Accuracy", "Is it right?", ScaleType.Ordinal, 1, 5, true,
        [new Anchor(1, "Mostly wrong"), new Anchor(5, "Fully correct")]);

    [Fact]
    public void A_criterion_is_a_radio_group_named_after_it_with_one_labelled_option_per_level()
    {
        var cut = Render<CriterionInput>(p => p.Add(c => c.Criterion, Accuracy).Add(c => c.Value, (int?)null));

        var group = cut.Find("[role=radiogroup]");
        Assert.Equal("Accuracy", group.GetAttribute("aria-label"));
        Assert.Equal("true", group.GetAttribute("aria-required"));
        var radios = cut.FindAll("input[type=radio]");
        Assert.Equal(["1", "2", "3", "4", "5"], radios.Select(r => r.GetAttribute("value")));
        Assert.Equal("Accuracy 1: Mostly wrong", radios[0].GetAttribute("aria-label"));
        Assert.Equal("Accuracy 3", radios[2].GetAttribute("aria-label"));
        Assert.All(radios, r => Assert.Equal("accuracy", r.GetAttribute("name")));
        Assert.Equal("Accuracy", cut.Find("legend .criterion-label").TextContent);
        Assert.Contains("Not scored yet", cut.Find(".anchor").TextContent);
    }

    [Fact]
    public void Choosing_a_level_reports_it_and_shows_its_anchor_sentence()
    {
        int? chosen = null;
        var cut = Render<CriterionInput>(p => p.Add(c => c.Criterion, Accuracy).Add(c => c.Value, (int?)null)
            .Add(c => c.ValueChanged, v => chosen = v));

        cut.FindAll("input[type=radio]")[4].Change("5");
        cut.Render(p => p.Add(c => c.Value, 5));

        Assert.Equal(5, chosen);
        Assert.Equal("Fully correct", cut.Find(".anchor").TextContent);
        Assert.True(cut.FindAll("input[type=radio]")[4].HasAttribute("checked"));
    }

    [Fact]
    public void Submit_problems_are_announced_as_an_alert()
    {
        var cut = Render<RateActions>(p => p.Add(c => c.Problems, ["Accuracy needs a score.", "Safety needs a score."]));

        var alert = cut.Find("[role=alert]");
        Assert.Contains("Accuracy needs a score.", alert.TextContent);
        Assert.Contains("Safety needs a score.", alert.TextContent);
        Assert.NotNull(cut.Find("[data-action=submit]"));
    }

    [Fact]
    public void Model_output_is_never_rendered_as_html()
    {
        string[] payloads =
        [
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "<svg onload=alert(1)>",
            "[click](javascript:alert(1))",
            "<a href=\"javascript:alert(1)\">x</a>",
            "<iframe src=\"https://evil.example\"></iframe>",
            "\"><script>alert(1)</script>",
        ];
        var example = new ExampleView(1, "x1", string.Join("\n\n", payloads), string.Join("\n\n", payloads), string.Join(" ", payloads), null);

        var cut = Render<ExamplePanel>(p => p.Add(c => c.Example, example));

        Assert.Empty(cut.FindAll("script, img, svg, iframe"));
        Assert.DoesNotContain("javascript:", string.Join(" ", cut.FindAll("a").Select(a => a.GetAttribute("href") ?? "")));
        Assert.Contains("<script>alert(1)</script>", cut.Find("[data-testid=model-output]").TextContent);
    }

    [Theory]
    [InlineData(ClaimOutcome.NothingLeft, "All done")]
    [InlineData(ClaimOutcome.CapReached, "Session limit reached")]
    [InlineData(ClaimOutcome.OnBreak, "Time for a break")]
    [InlineData(ClaimOutcome.NotOnRoster, "Not on this campaign")]
    public void Each_no_work_state_says_what_happened(ClaimOutcome outcome, string title)
    {
        var cut = Render<RateStatus>(p => p.Add(c => c.Outcome, outcome).Add(c => c.NotBefore, new DateTime(2026, 11, 27, 11, 30, 0, DateTimeKind.Utc)));

        Assert.Equal(title, cut.Find("h1").TextContent);
        if (outcome is ClaimOutcome.CapReached or ClaimOutcome.OnBreak)
        {
            Assert.Contains("11:30 UTC", cut.Markup);
        }
    }
}
