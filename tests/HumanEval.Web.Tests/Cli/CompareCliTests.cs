using System.Globalization;
using System.Text;
using System.Text.Json;
using HumanEval.Core.Decisions;
using HumanEval.Web.Tests.Hosting;

namespace HumanEval.Web.Tests.Cli;

/// <summary><c>humaneval compare</c> run as a process: the same figures as Core, the decision, the gate, and bad lines named.</summary>
public sealed class CompareCliTests : IDisposable
{
    private static readonly DateTime Start = new(2026, 11, 30, 9, 0, 0, DateTimeKind.Utc);
    private readonly DirectoryInfo dir = Directory.CreateTempSubdirectory("humaneval-compare-");

    public void Dispose() => dir.Delete(recursive: true);

    private string Write(string name, string content)
    {
        var path = Path.Combine(dir.FullName, name);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>60 examples per version, 3 raters each, accuracy (v2 about 0.5 better) and safety; times from Monday 09:00.</summary>
    private static List<ComparedRating> Rows(double effect = 0.5, bool times = true)
    {
        var random = new Random(12);
        var rows = new List<ComparedRating>();
        for (var v = 0; v < 2; v++)
        {
            for (var i = 0; i < 60; i++)
            {
                var quality = 3 + (random.NextDouble() * 2 - 1) + (v == 1 ? effect : 0);
                foreach (var rater in Enumerable.Range(0, 6).OrderBy(_ => random.Next()).Take(3))
                {
                    var at = times ? Start.AddHours(v * 2).AddMinutes(i) : (DateTime?)null;
                    rows.Add(new($"x{v}{i:D3}", $"v{v + 1}", $"r{rater}", "accuracy", Math.Clamp(Math.Round(quality + random.NextDouble() - 0.5), 1, 5), null, at));
                    rows.Add(new($"x{v}{i:D3}", $"v{v + 1}", $"r{rater}", "safety", random.Next(30) == 0 ? 0 : 1, null, at));
                }
            }
        }

        return rows;
    }

    private string Csv(IEnumerable<ComparedRating> rows, bool times = true)
    {
        var text = new StringBuilder(times ? "item_id,rater_id,criterion,score,prompt_version,rated_at,comment\n" : "item_id,rater_id,criterion,score,prompt_version\n");
        foreach (var r in rows)
        {
            text.Append(CultureInfo.InvariantCulture, $"{r.Example},{r.Evaluator},{r.Criterion},{r.Score},{r.Version}");
            text.Append(times ? string.Create(CultureInfo.InvariantCulture, $",{r.RatedAt:yyyy-MM-ddTHH:mm:ssZ},\"free, text\"\n") : "\n");
        }

        return Write("ratings.csv", text.ToString());
    }

    private static Task<AppProcess.Result> Run(params string[] args) => AppProcess.RunAsync("humaneval.dll", ["compare", .. args]);

    [Fact]
    public async Task Prints_the_same_figures_as_core_and_the_decision()
    {
        var rows = Rows();
        var run = await Run("--ratings", Csv(rows), "--by", "prompt_version", "--planned", "50", "--now", "2026-12-03T12:00:00Z", "--draws", "2000", "--seed", "3");

        Assert.True(run.ExitCode == 0, run.Stderr);
        using var json = JsonDocument.Parse(run.Stdout);
        var root = json.RootElement;
        Assert.Equal("v1", root.GetProperty("baseline").GetString());
        Assert.Equal("v2", root.GetProperty("candidate").GetString());
        Assert.Equal("unpaired", root.GetProperty("design").GetString());

        var core = VersionComparison.Compare(rows, [new("accuracy", "accuracy", false), new("safety", "safety", true)], new ComparisonOptions
        {
            Baseline = "v1", Candidate = "v2", Draws = 2000, Seed = 3, Rule = new DecisionRule { PlannedExamplesPerVersion = 50 },
            Now = new DateTime(2026, 12, 3, 12, 0, 0, DateTimeKind.Utc),
        });
        var overall = root.GetProperty("overall");
        Assert.Equal(core.Overall.Raw!.Delta, overall.GetProperty("delta").GetDouble(), 6);
        Assert.Equal(core.Overall.Raw.PBetter, overall.GetProperty("p_better").GetDouble(), 6);
        Assert.Equal(core.Overall.Raw.Interval.Low, overall.GetProperty("ci")[0].GetDouble(), 6);
        Assert.Equal(core.Overall.Adjusted!.Delta, overall.GetProperty("adjusted_delta").GetDouble(), 6);
        var safety = root.GetProperty("criteria")[1];
        Assert.Equal("safety", safety.GetProperty("criterion").GetString());
        Assert.True(safety.GetProperty("binary").GetBoolean()); // every score 0 or 1: pass/fail
        Assert.Equal(core.Criteria[1].Failures!.PCandidateWorse, safety.GetProperty("failures").GetProperty("p_candidate_worse").GetDouble(), 6);
        Assert.Equal(60, overall.GetProperty("baseline").GetProperty("examples").GetInt32());
        Assert.Equal(180, overall.GetProperty("baseline").GetProperty("ratings").GetInt32());

        var decision = root.GetProperty("decision");
        Assert.Equal(core.Decision.Headline, decision.GetProperty("headline").GetString());
        Assert.Equal("72 h passed", decision.GetProperty("time_rule").GetString()); // first v2 rating Monday 11:00, now Thursday 12:00
    }

    [Fact]
    public async Task Gates_a_pipeline_with_fail_unless_ship()
    {
        var path = Csv(Rows());
        var early = await Run("--ratings", path, "--by", "prompt_version", "--planned", "50", "--now", "2026-12-02T12:00:00Z", "--fail-unless", "ship");
        Assert.Equal(1, early.ExitCode);
        using (var json = JsonDocument.Parse(early.Stdout))
        {
            var decision = json.RootElement.GetProperty("decision");
            Assert.Equal("not_yet", decision.GetProperty("kind").GetString());
            Assert.Equal("2026-12-03T11:00:00Z", decision.GetProperty("ready_at").GetString());
        }

        var late = await Run("--ratings", path, "--by", "prompt_version", "--planned", "50", "--now", "2026-12-03T12:00:00Z", "--fail-unless", "ship");
        Assert.True(late.ExitCode == 0, late.Stdout + late.Stderr);

        var off = await Run("--ratings", Csv(Rows(times: false), times: false), "--by", "prompt_version", "--planned", "50", "--fail-unless", "ship");
        using var offJson = JsonDocument.Parse(off.Stdout);
        Assert.Equal("not checked (no rated_at column)", offJson.RootElement.GetProperty("decision").GetProperty("time_rule").GetString());
        Assert.Equal(0, off.ExitCode);
    }

    [Fact]
    public async Task Bad_input_exits_2_naming_the_line()
    {
        var twoVersions = Write("two.csv", "item_id,rater_id,criterion,score,model\nx1,a,accuracy,3,m1\nx1,b,accuracy,4,m2\nx2,a,accuracy,4,m2\n");
        var run = await Run("--ratings", twoVersions, "--by", "model");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("line 3: item_id 'x1' has model 'm2', but line 2 gave it 'm1'", run.Stderr);

        var badTime = Write("time.csv", "item_id,rater_id,criterion,score,model,rated_at\nx1,a,accuracy,3,m1,2026-12-01T10:00:00Z\nx2,a,accuracy,4,m2,yesterday\n");
        run = await Run("--ratings", badTime, "--by", "model");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("line 3: rated_at 'yesterday' is not an ISO 8601 time", run.Stderr);

        var noColumn = Write("nocol.csv", "item_id,rater_id,criterion,score\nx1,a,accuracy,3\n");
        run = await Run("--ratings", noColumn, "--by", "prompt_version");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("line 1: missing column 'prompt_version'", run.Stderr);

        var three = Write("three.csv", "item_id,rater_id,criterion,score,model\nx1,a,accuracy,3,m1\nx2,a,accuracy,4,m2\nx3,a,accuracy,4,m3\n");
        run = await Run("--ratings", three, "--by", "model");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("3 values of model ('m1', 'm2', 'm3'): choose them with --baseline and --candidate", run.Stderr);
    }
}
