using System.Globalization;
using System.Text.Json;
using HumanEval.Core.Decisions;
using HumanEval.Data.Workflow;
using HumanEval.Web.Tests.Hosting;
using Microsoft.EntityFrameworkCore;

namespace HumanEval.Web.Tests.Data;

public sealed class ComparisonQueriesTests
{
    /// <summary>Rates every example: model "b" about a point better than "a"; the clock moves 2 minutes per rating.</summary>
    private static async Task RateAllAsync(WorkflowDb wf, int campaignId, List<string> evaluators)
    {
        var (work, factory) = wf.Instance();
        await using var db = await factory.CreateDbContextAsync();
        for (var e = 0; e < evaluators.Count; e++)
        {
            while (await work.Queue.NextAsync(evaluators[e], campaignId) is { HasWork: true } claim)
            {
                var example = await db.Assignments.AsNoTracking().Where(a => a.Id == claim.AssignmentId).Select(a => new { a.Example.Model, a.Example.Position }).SingleAsync();
                var value = (example.Model == "b" ? 4 : 3) + ((example.Position + e) % 2);
                Assert.Equal(SubmitOutcome.Submitted, (await work.Submissions.SubmitAsync(claim.AssignmentId!.Value, evaluators[e], WorkflowDb.FullScores(value))).Outcome);
                wf.Clock.Advance(TimeSpan.FromMinutes(2));
            }
        }
    }

    [Fact]
    public async Task The_page_and_the_cli_on_the_ratings_csv_give_the_same_figures_and_decision()
    {
        await using var wf = new WorkflowDb();
        var (campaignId, evaluators) = await wf.SeedAsync(examples: 24, evaluators: 4, configure: c => c.PlannedExamplesPerVersion = 10);
        await RateAllAsync(wf, campaignId, evaluators);
        var (_, factory) = wf.Instance();
        var queries = new ComparisonQueries(factory, wf.Clock);

        var dimensions = await queries.DimensionsAsync(campaignId);
        var model = Assert.Single(dimensions); // prompt_version has one value: nothing to compare
        Assert.Equal(ComparisonQueries.Model, model.Key);
        Assert.Equal(["a", "b"], model.Values.Select(v => v.Value).Order());

        var early = await queries.CompareAsync(campaignId, ComparisonQueries.Model, "a", "b");
        Assert.Equal(DecisionKind.NotYet, early!.Decision.Kind);
        Assert.Contains(early.Decision.Missing, m => m.StartsWith("72 h pass on ", StringComparison.Ordinal));
        wf.Clock.Advance(TimeSpan.FromHours(72));
        var report = (await queries.CompareAsync(campaignId, ComparisonQueries.Model, "a", "b"))!;
        Assert.Equal(DecisionKind.Ship, report.Decision.Kind);
        Assert.Equal(Design.Unpaired, report.Design); // every input differs
        Assert.Equal(12, report.Overall.Baseline.Examples);
        Assert.Equal(36, report.Overall.Baseline.Ratings);
        Assert.True(report.Criteria.Single(c => c.Key == "safety").Binary);

        var csv = Path.Combine(Path.GetTempPath(), $"compare-{Guid.NewGuid():N}.csv");
        try
        {
            await using (var writer = new StreamWriter(csv))
            {
                await new AgreementQueries(factory).WriteCsvAsync(campaignId, writer);
            }

            Assert.StartsWith("item_id,rater_id,criterion,score,model,prompt_version,pair_id,rated_at\n", (await File.ReadAllTextAsync(csv)).ReplaceLineEndings("\n"), StringComparison.Ordinal);
            var run = await AppProcess.RunAsync("humaneval.dll", ["compare", "--ratings", csv, "--by", "model", "--baseline", "a",
                "--rubric", Path.Combine(AppContext.BaseDirectory, "rubrics", "default.json"), "--seed", "1", "--planned", "10",
                "--now", wf.Clock.Now.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)]);
            Assert.True(run.ExitCode == 0, run.Stderr);
            using var json = JsonDocument.Parse(run.Stdout);
            var overall = json.RootElement.GetProperty("overall");
            Assert.Equal(report.Overall.Raw!.Delta, overall.GetProperty("delta").GetDouble(), 6);
            Assert.Equal(report.Overall.Raw.PBetter, overall.GetProperty("p_better").GetDouble(), 6);
            Assert.Equal(report.Overall.Raw.ExpectedLoss, overall.GetProperty("expected_loss").GetDouble(), 6);
            Assert.Equal(report.Overall.Raw.Interval.High, overall.GetProperty("ci")[1].GetDouble(), 6);
            Assert.Equal(report.Overall.Adjusted!.Delta, overall.GetProperty("adjusted_delta").GetDouble(), 6);
            Assert.Equal(report.Decision.Headline, json.RootElement.GetProperty("decision").GetProperty("headline").GetString());
        }
        finally
        {
            File.Delete(csv);
        }
    }

    [Fact]
    public async Task The_same_input_under_both_versions_pairs_up_and_metadata_offers_dimensions()
    {
        await using var wf = new WorkflowDb();
        var (campaignId, evaluators) = await wf.SeedAsync(examples: 20, evaluators: 3, configure: c =>
        {
            foreach (var e in c.Examples)
            {
                e.Input = $"question {e.Position / 2}"; // examples 2i ("a") and 2i+1 ("b") answer the same question
                e.Metadata = $$"""{"arm": "{{(e.Position % 2 == 0 ? "control" : "treatment")}}", "locale": "en"}""";
            }
        });
        await RateAllAsync(wf, campaignId, evaluators);
        var queries = new ComparisonQueries(wf.Instance().Factory, wf.Clock);

        var report = (await queries.CompareAsync(campaignId, ComparisonQueries.Model, "a", "b"))!;
        Assert.Equal(Design.Paired, report.Design);
        Assert.Equal(10, report.Pairs);
        Assert.Equal(0, report.LeftOut);

        var dimensions = await queries.DimensionsAsync(campaignId);
        Assert.Equal([ComparisonQueries.Model, "metadata.arm"], dimensions.Select(d => d.Key)); // locale has one value
        var byArm = (await queries.CompareAsync(campaignId, "metadata.arm", "control", "treatment"))!;
        Assert.Equal(report.Overall.Raw!.Delta, byArm.Overall.Raw!.Delta, 12); // the same split under another name
        Assert.Null(await queries.CompareAsync(campaignId + 99, ComparisonQueries.Model, "a", "b"));
    }

    [Fact]
    public async Task A_campaign_is_compared_with_the_previous_one_of_its_series()
    {
        await using var wf = new WorkflowDb();
        var (last, evaluators) = await wf.SeedAsync(examples: 12, evaluators: 3, configure: c => { c.Series = "weekly"; c.Name = "Week 48"; });
        var (work, factory) = wf.Instance();
        var queries = new ComparisonQueries(factory, wf.Clock);
        Assert.Null(await queries.CompareWithPreviousAsync(last)); // nothing before it

        wf.Clock.Advance(TimeSpan.FromDays(7));
        var (current, _) = await wf.SeedAsync(examples: 12, evaluators: 0, configure: c =>
        {
            c.Series = "weekly";
            c.Name = "Week 49";
            c.Roster = evaluators.Select(id => new HumanEval.Data.Entities.RosterMember { EvaluatorId = id, AddedAt = wf.Clock.Now }).ToList();
        });
        Assert.Null(await queries.CompareWithPreviousAsync(current)); // the previous one has no ratings yet

        foreach (var (campaign, value) in new[] { (last, 3), (current, 4) })
        {
            foreach (var e in evaluators)
            {
                while (await work.Queue.NextAsync(e, campaign) is { HasWork: true } claim)
                {
                    await work.Submissions.SubmitAsync(claim.AssignmentId!.Value, e, WorkflowDb.FullScores(value + (int)(claim.AssignmentId.Value % 2)));
                }
            }
        }

        var (previous, report) = (await queries.CompareWithPreviousAsync(current))!.Value;
        Assert.Equal("Week 48", previous);
        Assert.Equal("Week 48 (previous)", report.Baseline);
        Assert.Equal("Week 49", report.Candidate);
        Assert.Equal(Design.Unpaired, report.Design);
        Assert.Equal(12, report.Overall.Candidate.Examples);
        Assert.InRange(report.Overall.Raw!.Delta, 0.5, 1.5);
        Assert.True(report.Overall.Raw.PBetter > 0.99);
    }
}
