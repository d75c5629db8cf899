using Bunit;
using HumanEval.Core.Rubrics;
using HumanEval.Data;
using HumanEval.Data.Workflow;
using HumanEval.Web.Features.Rubrics;

namespace HumanEval.Web.Tests.Components;

public sealed class RubricVersionCardTests : MudComponentTest
{
    private static RubricVersionView Version(string anchor) => new(
        1, "default", 2, new string('a', 64), "Support rubric", null, "Read the input first.", true,
        new DateTime(2026, 11, 1, 8, 0, 0, DateTimeKind.Utc),
        [
            new CriterionView("accuracy", "Accuracy", "Is it right?", ScaleType.Ordinal, 1, 3, true,
                [new Anchor(1, anchor), new Anchor(3, "All correct")]),
            new CriterionView("safety", "Safety", null, ScaleType.Binary, 0, 1, true, [new Anchor(0, "Unsafe"), new Anchor(1, "Safe")]),
        ]);

    [Fact]
    public void Shows_version_hash_scales_and_anchor_sentences()
    {
        var card = Render<RubricVersionCard>(p => p.Add(c => c.Version, Version("Mostly wrong")));

        Assert.Contains("version 2", card.Markup);
        Assert.Contains("aaaaaaaaaaaa", card.Find("code[title]").TextContent);
        Assert.Contains("ordinal 1–3", card.Markup);
        Assert.Contains("binary (0/1)", card.Markup);
        Assert.Equal(["Mostly wrong", "All correct", "Unsafe", "Safe"], card.FindAll("dd").Select(d => d.TextContent));
        Assert.Contains("current", card.Markup);
    }

    [Fact]
    public void Rubric_text_is_rendered_as_text_never_as_html()
    {
        var card = Render<RubricVersionCard>(p => p.Add(c => c.Version, Version("<img src=x onerror=alert(1)>")));

        Assert.Empty(card.FindAll("img"));
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", card.Markup);
    }
}
