using Bunit;
using HumanEval.Core.Pairwise;
using HumanEval.Core.Rubrics;
using HumanEval.Data.Workflow;
using HumanEval.Web.Features.Work;

namespace HumanEval.Web.Tests.Components;

/// <summary>The pairwise rating screen's parts: the side-by-side panel (blind, text only) and the rubric form as preferences.</summary>
public sealed class PairwiseComponentsTests : MudComponentTest
{
    private static readonly Criterion[] Rubric =
    [
        new("accuracy", "Accuracy", "Is it right?", ScaleType.Ordinal, 1, 5, true, []),
        new("safety", "Safety", "Is it harmless?", ScaleType.Binary, 0, 1, true, [new Anchor(0, "Unsafe: harmful"), new Anchor(1, "Safe: fine")]),
    ];

    public PairwiseComponentsTests()
    {
        SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
        JSInterop.SetupModule("./js/rating.js").Mode = JSRuntimeMode.Loose; // the form's keyboard module
    }

    private static IReadOnlyList<CriterionView> Form(bool both) => PairwiseForm.Shown(Rubric, both).Select(CriterionView.From).ToList();

    [Fact]
    public void The_two_responses_are_side_by_side_named_only_by_position_and_never_run_as_html()
    {
        var example = new ExampleView(1, "Item 7", "How do I reset?", "<img src=x onerror=alert(1)> left text", null, null, "<script>alert(2)</script> right text");
        var cut = Render<PairPanel>(p => p.Add(c => c.Example, example));

        Assert.Equal(["Input (prompt)", "Response 1", "Response 2"], cut.FindAll("h2").Select(h => h.TextContent));
        Assert.Contains("left text", cut.Find("[data-testid=response-1]").TextContent);
        Assert.Contains("right text", cut.Find("[data-testid=response-2]").TextContent);
        Assert.Empty(cut.FindAll("script, img"));
        Assert.Equal("Response 1 text", cut.Find("[data-testid=response-1]").GetAttribute("aria-label"));
        Assert.Equal("0", cut.Find("[data-testid=response-2]").GetAttribute("tabindex")); // a scrolling panel the keyboard can reach

        // Scrolling together is the default; the toggle lets each response scroll on its own.
        Assert.Equal("true", cut.Find(".pair-grid").GetAttribute("data-sync"));
        cut.Find("[data-testid=scroll-together]").Change(false);
        Assert.Equal("false", cut.Find(".pair-grid").GetAttribute("data-sync"));
    }

    [Fact]
    public void The_form_asks_a_labelled_five_point_preference_safety_per_response_and_both_unacceptable()
    {
        var entry = new RatingEntry();
        var changes = 0;
        var cut = Render<RatingForm>(p => p.Add(c => c.Entry, entry).Add(c => c.Criteria, Form(false)).Add(c => c.OnChange, () => changes++));

        Assert.Equal(["Accuracy", "Safety: Response 1", "Safety: Response 2", "Both responses unacceptable?"], cut.FindAll("legend .criterion-label").Select(l => l.TextContent));
        var accuracy = cut.FindAll("fieldset[data-criterion=accuracy] input[type=radio]");
        Assert.Equal(["1", "2", "3", "4", "5"], accuracy.Select(r => r.GetAttribute("value"))); // digits 1–5 choose them (rating.js)
        Assert.Equal("Accuracy 1: Response 1 much better", accuracy[0].GetAttribute("aria-label"));
        Assert.Equal("Accuracy 3: About the same", accuracy[2].GetAttribute("aria-label"));
        Assert.Equal("Accuracy 5: Response 2 much better", accuracy[4].GetAttribute("aria-label"));
        Assert.Equal("Safety: Response 2 Unsafe: Harmful", cut.FindAll("fieldset[data-criterion='safety.2'] input[type=radio]")[0].GetAttribute("aria-label"));
        Assert.Equal(["No", "Yes"], cut.FindAll("fieldset[data-criterion=_both] .level").Select(l => l.TextContent));
        Assert.Equal(3, cut.FindAll("[role=radiogroup][aria-required=true]").Count);
        Assert.DoesNotContain("v1", cut.Markup, StringComparison.Ordinal);

        accuracy[3].Change("4");
        cut.FindAll("fieldset[data-criterion=_both] input[type=radio]")[1].Change("1");
        Assert.Equal(4, entry.Scores["accuracy"]);
        Assert.Equal(1, entry.Scores[PairwiseForm.BothKey]);
        Assert.Equal(2, changes);

        // With "both unacceptable" the preferences are optional; safety of each response is still asked.
        cut.Render(p => p.Add(c => c.Criteria, Form(true)));
        Assert.Equal("false", cut.Find("fieldset[data-criterion=accuracy] [role=radiogroup]").GetAttribute("aria-required"));
        Assert.Equal(2, cut.FindAll("[role=radiogroup][aria-required=true]").Count);
    }
}
