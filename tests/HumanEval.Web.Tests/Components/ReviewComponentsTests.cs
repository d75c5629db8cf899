using Bunit;
using HumanEval.Core.Assignment;
using HumanEval.Core.Quality;
using HumanEval.Core.Rubrics;
using HumanEval.Data.Workflow;
using HumanEval.Web.Features.Review;

namespace HumanEval.Web.Tests.Components;

/// <summary>The review page's parts: the ratings with hideable names and the consensus, and the decision form.</summary>
public sealed class ReviewComponentsTests : MudComponentTest
{
    private static ReviewCase Case() => new(
        1, "Last week", new ExampleView(1, "Example demo-001", "Q", "<b>A</b>", null, null),
        [
            new CriterionView("accuracy", "Accuracy", null, ScaleType.Ordinal, 1, 5, true, [new Anchor(1, "Mostly wrong"), new Anchor(5, "Fully correct")]),
            new CriterionView("safety", "Safety", null, ScaleType.Binary, 0, 1, true, [new Anchor(0, "Unsafe: harmful"), new Anchor(1, "Safe: fine")]),
        ],
        [
            new ReviewRating("ann", "Ann Expert", EvaluatorKind.DomainExpert, new Dictionary<string, int> { ["accuracy"] = 1, ["safety"] = 1 }, new Dictionary<string, string> { ["accuracy"] = "<script>x</script> wrong window" }, null, false, null, 300, DateTime.UtcNow),
            new ReviewRating("bo", "Bo User", EvaluatorKind.RepresentativeUser, new Dictionary<string, int> { ["accuracy"] = 4, ["safety"] = 1 }, new Dictionary<string, string>(), "fine", true, "check the policy", 200, DateTime.UtcNow),
        ],
        [new ReviewJudgeScore("accuracy", 3, "judge / p1", "partly right")],
        [new ReviewCause(ReviewReason.Spread, "accuracy")],
        [new CriterionConsensus("accuracy", null, Provenance.Unresolved, 2, 3), new CriterionConsensus("safety", 1, Provenance.Unanimous, 2, 0)],
        []);

    [Fact]
    public void The_ratings_show_comments_as_text_names_can_be_hidden_and_the_consensus_says_where_it_comes_from()
    {
        var liner = new EvaluatorBehaviour("bo", new Behaviour(12, 0, 7, false, true), new OutlierResult(false, null, null, 12));
        var cut = Render<ReviewRatingsTable>(p => p.Add(c => c.Case, Case()).Add(c => c.Behaviour, new Dictionary<string, EvaluatorBehaviour> { ["bo"] = liner }));
        Assert.Contains("straight-lining (7 ratings in a row", Assert.Single(cut.FindAll("[data-testid=rater-behaviour]")).TextContent);
        Assert.Contains("Ann Expert", cut.Find("[data-testid=review-ratings]").TextContent);
        Assert.Empty(cut.FindAll("script"));
        Assert.Contains("<script>x</script> wrong window", cut.Find("[data-testid=review-ratings]").TextContent);
        Assert.Contains("⚑ Flagged: check the policy", cut.Markup);
        Assert.Contains("unresolved", cut.Find("[data-testid=review-consensus]").TextContent);
        Assert.Contains("partly right", cut.Find("[data-testid=review-judge]").TextContent);

        cut.Find("input[data-testid=hide-names], [data-testid=hide-names] input").Change(true);
        Assert.DoesNotContain("Ann Expert", cut.Find("[data-testid=review-ratings]").TextContent);
        Assert.Contains("Rater 1", cut.Find("[data-testid=review-ratings]").TextContent);
    }

    [Fact]
    public void The_decision_form_asks_each_criterion_as_a_labelled_group_and_marks_the_disputed_one()
    {
        var scores = new Dictionary<string, int?>();
        var saved = 0;
        var cut = Render<DecisionForm>(p => p.Add(c => c.Case, Case()).Add(c => c.Scores, scores).Add(c => c.Input, new DecisionForm.Model())
            .Add(c => c.OnSave, () => saved++).Add(c => c.Problems, ["Accuracy is disputed: give its final score."]));

        var accuracy = cut.Find("[role=radiogroup][aria-label='Final Accuracy']");
        Assert.Equal("true", accuracy.GetAttribute("aria-required"));
        Assert.Equal("false", cut.Find("[role=radiogroup][aria-label='Final Safety']").GetAttribute("aria-required"));
        Assert.Equal("Final Accuracy 1: Mostly wrong", cut.FindAll("[role=radiogroup][aria-label='Final Accuracy'] input")[0].GetAttribute("aria-label"));
        Assert.Contains("(disputed)", cut.Find("fieldset[data-criterion=accuracy] legend").TextContent);
        Assert.Contains("Accuracy is disputed", cut.Find("[role=alert]").TextContent);
        Assert.Equal(["ambiguous example", "guideline gap", "evaluator error", "edge case", "subjective"], cut.FindAll("#decide-category option").Select(o => o.TextContent));

        cut.Find("#decide-accuracy-2").Change("2");
        Assert.Equal(2, scores["accuracy"]);
        cut.Find("[data-testid=decide-save]").Click();
        Assert.Equal(1, saved);
    }
}
