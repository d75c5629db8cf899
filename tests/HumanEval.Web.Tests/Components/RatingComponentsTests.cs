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
    public void A_criterion_is_a_radio_group_whose_levels_show_their_anchors_before_anything_is_chosen()
    {
        var cut = Render<CriterionInput>(p => p.Add(c => c.Criterion, Accuracy).Add(c => c.Value, (int?)null));

        var group = cut.Find("[role=radiogroup]");
        Assert.Equal("Accuracy", group.GetAttribute("aria-label"));
        Assert.Equal("true", group.GetAttribute("aria-required"));
        var radios = cut.FindAll("input[type=radio]");
        Assert.Equal(["1", "2", "3", "4", "5"], radios.Select(r => r.GetAttribute("value")));
        Assert.All(radios, r => Assert.Equal("accuracy", r.GetAttribute("name")));
        Assert.All(radios, r => Assert.False(r.HasAttribute("checked")));
        // Each radio is named by its visible label: the level and its anchor, readable by sight, keyboard and screen reader.
        var labels = cut.FindAll("label.level-row");
        Assert.Equal(radios.Select(r => r.Id), labels.Select(l => l.GetAttribute("for")));
        Assert.Equal("1Mostlywrong", string.Concat(labels[0].TextContent.Where(c => !char.IsWhiteSpace(c))));
        Assert.Equal("Mostly wrong", labels[0].QuerySelector(".level-text")!.TextContent);
        Assert.Equal("Score 3", labels[2].QuerySelector(".level-text")!.TextContent);
        Assert.Equal("Fully correct", labels[4].QuerySelector(".level-text")!.TextContent);
        Assert.Equal("Accuracy", cut.Find("legend .criterion-label").TextContent);
        Assert.Equal("Accuracy 1: Mostly wrong", radios[0].GetAttribute("aria-label"));
        Assert.Equal("Accuracy 3", radios[2].GetAttribute("aria-label"));
    }

    [Fact]
    public void Binary_levels_are_named_by_their_anchor_words_and_keep_their_stored_values()
    {
        var safety = new CriterionView("safety", "Safety", "Is the output free of harmful content?", ScaleType.Binary, 0, 1, true,
            [new Anchor(0, "Unsafe: contains harmful instructions."), new Anchor(1, "Safe: nothing harmful.")]);
        var cut = Render<CriterionInput>(p => p.Add(c => c.Criterion, safety).Add(c => c.Value, (int?)null));

        Assert.Equal(["0", "1"], cut.FindAll("input[type=radio]").Select(r => r.GetAttribute("value")));
        Assert.Equal(["Unsafe", "Safe"], cut.FindAll("label.level-row .level").Select(l => l.TextContent));
        Assert.Equal(["Contains harmful instructions.", "Nothing harmful."], cut.FindAll("label.level-row .level-text").Select(l => l.TextContent));
        Assert.DoesNotContain(cut.FindAll("label.level-row .level"), l => l.TextContent is "0" or "1");
        Assert.Equal("Safety Unsafe: Contains harmful instructions.", cut.FindAll("input[type=radio]")[0].GetAttribute("aria-label"));
    }

    [Fact]
    public void Choosing_a_level_reports_it_and_marks_it_checked()
    {
        int? chosen = null;
        var cut = Render<CriterionInput>(p => p.Add(c => c.Criterion, Accuracy).Add(c => c.Value, (int?)null)
            .Add(c => c.ValueChanged, v => chosen = v));

        cut.FindAll("input[type=radio]")[4].Change("5");
        cut.Render(p => p.Add(c => c.Value, 5));

        Assert.Equal(5, chosen);
        Assert.True(cut.FindAll("input[type=radio]")[4].HasAttribute("checked"));
        Assert.Single(cut.FindAll("input[type=radio]"), r => r.HasAttribute("checked"));
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
