using HumanEval.Core.Decisions;

namespace HumanEval.Core.Tests.Decisions;

public sealed class OverallWeightsTests
{
    [Fact]
    public void Weights_parse_from_the_leads_text_and_bad_parts_are_named()
    {
        Assert.Empty(OverallWeights.Parse(null).Value);
        Assert.Empty(OverallWeights.Parse("  ").Value);
        var parsed = OverallWeights.Parse("accuracy=2, tone = 0.5,completeness=0");
        Assert.True(parsed.Ok);
        Assert.Equal(2, parsed.Value["accuracy"]);
        Assert.Equal(0.5, parsed.Value["tone"]);
        Assert.Equal(0, parsed.Value["completeness"]);

        var bad = OverallWeights.Parse("accuracy=two, =3, tone=-1, tone=1, tone=2");
        Assert.Equal(
        [
            "Weight 'accuracy=two' is not criterion=weight with a weight from 0 to 100 (for example accuracy=2).",
            "Weight '=3' is not criterion=weight with a weight from 0 to 100 (for example accuracy=2).",
            "Weight 'tone=-1' is not criterion=weight with a weight from 0 to 100 (for example accuracy=2).",
            "The weight of 'tone' is given twice.",
        ], bad.Problems);
    }

    [Fact]
    public void Weights_change_the_overall_score_the_decision_reads()
    {
        // Candidate better on accuracy by 1, worse on tone by 1: equal weights cancel, accuracy=3 makes it better.
        var rows = new List<ComparedRating>();
        for (var i = 0; i < 20; i++)
        {
            foreach (var (v, acc, tone) in new[] { ("v1", 3.0, 4.0), ("v2", 4.0, 3.0) })
            {
                rows.Add(new($"{v}-{i}", v, "r", "accuracy", acc + (i % 3 * 0.1)));
                rows.Add(new($"{v}-{i}", v, "r", "tone", tone + (i % 2 * 0.1)));
            }
        }

        ComparedCriterion[] equal = [new("accuracy", "Accuracy", false), new("tone", "Tone", false)];
        ComparedCriterion[] weighted = [new("accuracy", "Accuracy", false, Weight: 3), new("tone", "Tone", false)];
        var options = new ComparisonOptions { Baseline = "v1", Candidate = "v2", Draws = 200 };
        Assert.Equal(0, VersionComparison.Compare(rows, equal, options).Overall.Raw!.Delta, 9);
        Assert.Equal(0.5, VersionComparison.Compare(rows, weighted, options).Overall.Raw!.Delta, 9); // (3·1 − 1) / 4
    }
}
