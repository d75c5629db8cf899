using System.Text;
using System.Text.Json;
using HumanEval.Core.Decisions;
using HumanEval.Core.Pairwise;
using HumanEval.Web.Tests.Hosting;

namespace HumanEval.Web.Tests.Cli;

/// <summary><c>humaneval compare --pairwise</c>: the same figures as Core, position bias, the gate, bad lines named.</summary>
public sealed class ComparePairwiseCliTests : IDisposable
{
    private readonly DirectoryInfo dir = Directory.CreateTempSubdirectory("humaneval-pairwise-");

    public void Dispose() => dir.Delete(recursive: true);

    private string Write(string name, string content)
    {
        var path = Path.Combine(dir.FullName, name);
        File.WriteAllText(path, content);
        return path;
    }

    private static Task<AppProcess.Result> Run(params string[] args) => AppProcess.RunAsync("humaneval.dll", ["compare", "--pairwise", .. args]);

    [Fact]
    public async Task Prints_the_same_figures_as_core_with_the_decision_and_position_bias()
    {
        var random = new Random(16);
        var rows = new List<PairwiseRating>();
        var csv = new StringBuilder("item_id,rater_id,criterion,preference,version_a,version_b,both_unacceptable,a_on_left\n");
        for (var i = 0; i < 80; i++)
        {
            var candidateIsA = i % 2 == 0;
            foreach (var rater in new[] { "ann", "bo", "cy" })
            {
                var toCandidate = random.NextDouble() < 0.7 ? 1 : random.NextDouble() < 0.5 ? 0 : -1;
                var preference = candidateIsA ? -toCandidate : toCandidate;
                var both = toCandidate == 0 && random.Next(4) == 0;
                var left = DisplayOrder.AOnLeft(rater, $"p{i}");
                var (a, b) = candidateIsA ? ("v2", "v1") : ("v1", "v2");
                rows.Add(new PairwiseRating($"p{i}", a, b, rater, "helpfulness", preference, both, left));
                csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"p{i},{rater},helpfulness,{preference},{a},{b},{(both ? "true" : "false")},{(left ? "true" : "false")}\n");
            }
        }

        var run = await Run("--ratings", Write("pairs.csv", csv.ToString()), "--planned", "60", "--min-hours", "0", "--seed", "5", "--draws", "1000");
        Assert.True(run.ExitCode == 0, run.Stderr);
        var core = PairwiseComparison.Compare(rows, [("helpfulness", "helpfulness")], new ComparisonOptions
        {
            Baseline = "v1", Candidate = "v2", Seed = 5, Draws = 1000, Rule = new DecisionRule { MinHours = 0, PlannedExamplesPerVersion = 60 },
        });
        using var json = JsonDocument.Parse(run.Stdout);
        var root = json.RootElement;
        Assert.Equal("pairwise", root.GetProperty("design").GetString());
        var overall = root.GetProperty("overall");
        Assert.Equal(core.Overall.WinRate!.Value, overall.GetProperty("win_rate").GetDouble(), 6);
        Assert.Equal(core.Overall.PBetter, overall.GetProperty("p_better").GetDouble(), 6);
        Assert.Equal(core.Overall.Pooled.PBetter, overall.GetProperty("pooled").GetProperty("p_better").GetDouble(), 6);
        Assert.Equal(core.Overall.Preference!.Delta, overall.GetProperty("preference").GetProperty("delta").GetDouble(), 6);
        Assert.Equal(core.Overall.BothUnacceptable, overall.GetProperty("both_unacceptable").GetInt32());
        Assert.Equal(core.Criteria[0].Alpha!.Value, root.GetProperty("criteria")[0].GetProperty("krippendorff_alpha_ordinal").GetDouble(), 6);
        Assert.Equal("ship", root.GetProperty("decision").GetProperty("kind").GetString());
        Assert.Equal(core.Decision.Headline, root.GetProperty("decision").GetProperty("headline").GetString());
        Assert.Equal(3, root.GetProperty("position_bias").GetProperty("by_evaluator").EnumerateObject().Count());
        Assert.Equal(core.Position.Left, root.GetProperty("position_bias").GetProperty("left").GetInt32());
    }

    [Fact]
    public async Task Bad_lines_are_named_and_the_gate_fails_unless_ship()
    {
        const string header = "item_id,rater_id,criterion,preference,version_a,version_b\n";
        var run = await Run("--ratings", Write("bad.csv", header + "p1,ann,tone,1,v1,v2\np2,ann,tone,3,v1,v2\n"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("line 3: preference '3' is not a whole number from -2 (A much better) to 2 (B much better)", run.Stderr);

        run = await Run("--ratings", Write("swap.csv", header + "p1,ann,tone,1,v1,v2\np1,bo,tone,1,v2,v1\n"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("line 3: item_id 'p1' compares 'v2' with 'v1', but line 2 gave 'v1' with 'v2'", run.Stderr);

        var few = Write("few.csv", header + "p1,ann,tone,1,v1,v2\np2,ann,tone,-1,v1,v2\np3,ann,tone,1,v1,v2\np3,bo,tone,2,v1,v2\n");
        var judge = Write("judge.csv", "item_id,criterion,judge_preference\np1,tone,2\np2,tone,1\np3,tone,0\n");
        run = await Run("--ratings", few, "--fail-unless", "ship", "--judge", judge);
        Assert.Equal(1, run.ExitCode);
        using var json = JsonDocument.Parse(run.Stdout);
        Assert.Equal("not_yet", json.RootElement.GetProperty("decision").GetProperty("kind").GetString());
        // Judge: p1 agrees, p2 disagrees, p3 says tie where the humans say B → 1 of 3 with ties, 1 of 2 without.
        var tone = json.RootElement.GetProperty("judge").GetProperty("tone");
        Assert.Equal(1.0 / 3, tone.GetProperty("with_ties").GetDouble(), 6);
        Assert.Equal(0.5, tone.GetProperty("without_ties").GetDouble(), 6);
        Assert.Equal(1.0, tone.GetProperty("human_without_ties").GetDouble(), 6); // the one rater pair (p3) agrees

        run = await Run("--ratings", few, "--judge", Write("badjudge.csv", "item_id,criterion,judge_preference\np1,tone,5\n"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("line 2: judge_preference '5' is not a whole number", run.Stderr);
    }
}
