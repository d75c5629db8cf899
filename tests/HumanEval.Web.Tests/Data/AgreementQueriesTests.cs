using System.Text.Json;
using HumanEval.Core.Agreement;
using HumanEval.Data.Workflow;
using HumanEval.Web.Tests.Hosting;

namespace HumanEval.Web.Tests.Data;

public sealed class AgreementQueriesTests
{
    [Fact]
    public async Task The_report_the_csv_export_and_the_cli_give_the_same_numbers()
    {
        await using var wf = new WorkflowDb();
        var (campaignId, evaluators) = await wf.SeedAsync(examples: 12, evaluators: 3);
        var (work, factory) = wf.Instance();
        for (var e = 0; e < evaluators.Count; e++)
        {
            while (await work.Queue.NextAsync(evaluators[e], campaignId) is { HasWork: true } claim)
            {
                var exampleIndex = (int)(claim.AssignmentId!.Value % 5);
                var value = Math.Clamp(1 + exampleIndex + (e == 2 ? 1 : 0), 1, 5);
                var scores = WorkflowDb.FullScores(value) with { Scores = new Dictionary<string, int>(WorkflowDb.FullScores(value).Scores) { ["safety"] = e == 1 && exampleIndex == 0 ? 0 : 1 } };
                Assert.Equal(SubmitOutcome.Submitted, (await work.Submissions.SubmitAsync(claim.AssignmentId.Value, evaluators[e], scores)).Outcome);
                wf.Clock.Advance(TimeSpan.FromMinutes(2));
            }
        }

        var queries = new AgreementQueries(factory);
        var report = await queries.ComputeAsync(campaignId);
        var csvPath = Path.Combine(Path.GetTempPath(), $"ratings-{Guid.NewGuid():N}.csv");
        try
        {
            await using (var writer = new StreamWriter(csvPath))
            {
                await queries.WriteCsvAsync(campaignId, writer);
            }

            var run = await AppProcess.RunAsync("humaneval.dll", ["agreement", "--ratings", csvPath]);
            Assert.True(run.ExitCode == 0, run.Stderr);
            using var json = JsonDocument.Parse(run.Stdout);
            var accuracy = report.Criteria.Single(c => c.Key == "accuracy");
            var cli = json.RootElement.GetProperty("criteria").GetProperty("accuracy");
            Assert.Equal(cli.GetProperty("krippendorff_alpha").GetProperty("ordinal").GetDouble(), accuracy.Alpha!.Value, 12);
            Assert.Equal(cli.GetProperty("fleiss_kappa").GetDouble(), accuracy.Agreement.FleissKappa!.Value, 12);
            Assert.Equal(36, report.Ratings);
            Assert.Equal(36, cli.GetProperty("ratings").GetInt32());
            var safety = report.Criteria.Single(c => c.Key == "safety");
            Assert.Equal(safety.Agreement.KrippendorffAlpha.Nominal, safety.Alpha);
            Assert.NotNull(accuracy.AlphaInterval);
            Assert.Equal(Reading.OfAlpha(accuracy.Alpha), accuracy.Reliability);
        }
        finally
        {
            File.Delete(csvPath);
        }

        // Evaluator e2 scores one point above the others: a positive leniency offset.
        Assert.Equal(3, report.Evaluators.Count);
        var lenient = report.Evaluators.Single(e => e.Email == "e2@t.local");
        Assert.True(lenient.MeanOffset > 0.2, $"offset {lenient.MeanOffset}");
        Assert.Equal(lenient, report.Evaluators.MaxBy(e => e.MeanOffset));
    }

    [Fact]
    public void Alpha_readings_follow_krippendorffs_thresholds()
    {
        Assert.Equal(Reliability.Good, Reading.OfAlpha(0.8));
        Assert.Equal(Reliability.Tentative, Reading.OfAlpha(0.7));
        Assert.Equal(Reliability.Unreliable, Reading.OfAlpha(0.5));
        Assert.Equal(Reliability.NotEnoughData, Reading.OfAlpha(null));
    }
}
