using HumanEval.Core.Import;
using HumanEval.Data.Workflow;

namespace HumanEval.Web.Tests.Data;

public sealed class JudgeTests
{
    private static ParsedJudgeFile Parse(string jsonl) => JudgeFile.Read(new StringReader(jsonl), ExampleFormat.Jsonl);

    [Fact]
    public void Judge_files_name_bad_lines_and_duplicates()
    {
        var file = Parse("{\"external_id\":\"a\",\"criterion\":\"tone\",\"score\":4}\n{\"external_id\":\"a\",\"criterion\":\"tone\",\"score\":\"x\"}\n{\"external_id\":\"a\",\"criterion\":\"tone\",\"score\":3}\n");
        var csv = JudgeFile.Read(new StringReader("external_id,criterion,score,judge_model\na,tone,4,gpt\nb,,2,gpt\n"), ExampleFormat.Csv);

        Assert.Contains(file.Errors, e => e.Line == 2 && e.Field == "score" && e.Message.Contains("not a number"));
        Assert.Contains(file.Errors, e => e.Line == 3 && e.Message.Contains("duplicate score"));
        Assert.Contains(csv.Errors, e => e.Line == 3 && e.Field == "criterion");
        Assert.Equal("gpt", csv.Rows.Single().JudgeModel);
    }

    [Fact]
    public async Task Judge_scores_import_all_or_nothing_and_feed_the_report()
    {
        await using var wf = new WorkflowDb();
        var (campaignId, evaluators) = await wf.SeedAsync(examples: 4, evaluators: 3);
        var (work, factory) = wf.Instance();
        foreach (var evaluator in evaluators)
        {
            while (await work.Queue.NextAsync(evaluator, campaignId) is { HasWork: true } claim)
            {
                await work.Submissions.SubmitAsync(claim.AssignmentId!.Value, evaluator, WorkflowDb.FullScores(4));
            }
        }

        var importer = new JudgeImporter(factory, wf.Clock);
        var bad = Parse("{\"external_id\":\"ex-0000\",\"criterion\":\"accuracy\",\"score\":4}\n{\"external_id\":\"nope\",\"criterion\":\"accuracy\",\"score\":4}\n{\"external_id\":\"ex-0001\",\"criterion\":\"vibes\",\"score\":4}\n{\"external_id\":\"ex-0002\",\"criterion\":\"accuracy\",\"score\":9}\n");
        var refused = await importer.ImportAsync(campaignId, bad.Rows, "lead");
        Assert.Equal(0, refused.Added);
        Assert.Contains(refused.Errors, e => e.Line == 2 && e.Message.Contains("no example 'nope'"));
        Assert.Contains(refused.Errors, e => e.Line == 3 && e.Field == "criterion");
        Assert.Contains(refused.Errors, e => e.Line == 4 && e.Message.Contains("outside Accuracy's scale 1..5"));
        Assert.Empty(await importer.JudgesAsync(campaignId));

        var good = Parse(string.Concat(Enumerable.Range(0, 4).Select(i => $"{{\"external_id\":\"ex-{i:D4}\",\"criterion\":\"accuracy\",\"score\":{(i == 3 ? 2 : 4)},\"judge_model\":\"judge-x\",\"judge_prompt_version\":\"p1\"}}\n")));
        Assert.Equal(4, (await importer.ImportAsync(campaignId, good.Rows, "lead")).Added);
        Assert.Equal(4, (await importer.ImportAsync(campaignId, good.Rows, "lead")).AlreadyPresent);

        var report = await new AgreementQueries(factory).ComputeAsync(campaignId, judge: ("judge-x", "p1"));
        var accuracy = report.Criteria.Single(c => c.Key == "accuracy");
        Assert.Equal(4, accuracy.Agreement.Judge!.N);
        Assert.Equal(0.75, accuracy.Agreement.Judge.Exact);
        Assert.Equal("ex-0003", report.Disagreements[0].ExternalId);
        Assert.Contains(accuracy.Confusion, c => c is { Judge: 4, HumanMedian: 4, Count: 3 });
        Assert.Null(report.Criteria.Single(c => c.Key == "tone").Agreement.Judge is { N: > 0 } ? "judged" : null);
    }

    [Fact]
    public async Task A_judge_file_reports_its_own_errors_and_the_campaigns_in_one_round()
    {
        await using var wf = new WorkflowDb();
        var (campaignId, _) = await wf.SeedAsync(examples: 2, evaluators: 3);
        var (_, factory) = wf.Instance();
        var importer = new JudgeImporter(factory, wf.Clock);
        // Line 2 does not parse, line 3 names an unknown example, line 4 a score off the scale, line 5 a bad score again.
        var csv = JudgeFile.Read(new StringReader("external_id,criterion,score\nex-0000,accuracy,x\nnope,accuracy,4\nex-0001,accuracy,9\nex-0001,tone,\n"), ExampleFormat.Csv);

        var result = await importer.ImportAsync(campaignId, csv, "lead");

        Assert.Equal(0, result.Added);
        Assert.Equal([(2, "score"), (3, "external_id"), (4, "score"), (5, "score")], result.Errors.Select(e => (e.Line, e.Field)));
        Assert.Empty(await importer.JudgesAsync(campaignId));
    }
}
