using ClosedXML.Excel;
using HumanEval.Core.Import;
using HumanEval.Data;
using HumanEval.Data.Export;
using HumanEval.Data.Workflow;
using Microsoft.EntityFrameworkCore;

namespace HumanEval.Web.Tests.Data;

public sealed class ExportTests
{
    private const string Injection = "=HYPERLINK(\"http://evil.example\",\"click\")";

    [Fact]
    public async Task The_workbook_has_every_sheet_with_headers_values_from_the_database_and_no_formulas()
    {
        await using var wf = new WorkflowDb();
        var (campaignId, evaluators) = await wf.SeedAsync(examples: 6, evaluators: 3, configure: c =>
        {
            c.Examples[0].ExternalId = "@SUM(1+1)";
            c.Budget = 100m;
        });
        var (work, factory) = wf.Instance();
        await using (var db = await factory.CreateDbContextAsync())
        {
            await db.EvaluatorProfiles.ExecuteUpdateAsync(s => s.SetProperty(p => p.HourlyRate, 60m));
        }

        var value = 2;
        foreach (var evaluator in evaluators)
        {
            while (await work.Queue.NextAsync(evaluator, campaignId) is { HasWork: true } claim)
            {
                var scores = WorkflowDb.FullScores(1 + (value++ % 5)) with
                {
                    ActiveSeconds = 120,
                    OverallComment = Injection,
                    Comments = new Dictionary<string, string> { ["tone"] = "-2 points: curt" },
                };
                Assert.Equal(SubmitOutcome.Submitted, (await work.Submissions.SubmitAsync(claim.AssignmentId!.Value, evaluator, scores)).Outcome);
            }
        }

        var judges = new JudgeImporter(factory, wf.Clock);
        var judgeFile = JudgeFile.Read(new StringReader(string.Concat(Enumerable.Range(1, 5).Select(i =>
            $"{{\"external_id\":\"ex-{i:D4}\",\"criterion\":\"accuracy\",\"score\":3,\"judge_model\":\"judge-x\",\"judge_prompt_version\":\"p1\",\"rationale\":\"+cmd\"}}\n"))), ExampleFormat.Jsonl);
        Assert.Empty((await judges.ImportAsync(campaignId, judgeFile.Rows, "lead")).Errors);

        var agreement = new AgreementQueries(factory);
        var workbook = new CampaignWorkbook(factory, agreement, new OperationsQueries(factory, agreement, wf.Clock), judges, new ComparisonQueries(factory, wf.Clock), new PairwiseQueries(factory, new ComparisonQueries(factory, wf.Clock)), wf.Clock);
        using var output = new MemoryStream();
        Assert.True(await workbook.WriteAsync(campaignId, output));
        Assert.False(await workbook.WriteAsync(campaignId + 99, Stream.Null));

        output.Position = 0;
        using var book = new XLWorkbook(output);
        Assert.Equal(CampaignWorkbook.SheetNames, book.Worksheets.Select(w => w.Name));

        await using var check = await factory.CreateDbContextAsync();
        var ratings = await check.Ratings.Include(r => r.Scores).OrderBy(r => r.Id).ToListAsync();
        var spent = ratings.Sum(r => r.Cost);
        Assert.Equal(18, ratings.Count);
        Assert.Equal(36m, spent);

        // Ratings: one row per rating, one column per criterion, values as in the database, and a streamed sheet that is still a proper table.
        var sheet = book.Worksheet("Ratings");
        var headers = sheet.Row(1).CellsUsed().Select(c => c.GetString()).ToList();
        Assert.Equal(["rating_id", "external_id", "evaluator", "version", "submitted_at", "active_seconds", "minutes_into_session", "cost",
            "accuracy", "helpfulness", "tone", "completeness", "safety", "comments", "flagged", "flag_reason"], headers);
        Assert.Equal(ratings.Count + 1, sheet.LastRowUsed()!.RowNumber());
        for (var i = 0; i < ratings.Count; i++)
        {
            var row = sheet.Row(i + 2);
            Assert.Equal(ratings[i].Id, row.Cell(1).GetValue<long>());
            Assert.Equal((double)ratings[i].Cost, row.Cell(8).GetDouble(), 6);
            Assert.Equal(ratings[i].Scores.Single(s => s.CriterionKey == "accuracy").Value, row.Cell(9).GetValue<int>());
        }

        Assert.Equal(1, sheet.SheetView.SplitRow);
        Assert.True(sheet.AutoFilter.IsEnabled);
        Assert.Equal($"A1:P{ratings.Count + 1}", sheet.AutoFilter.Range.RangeAddress.ToString());
        Assert.Contains("#,##0.00", sheet.Cell(2, 8).Style.NumberFormat.Format, StringComparison.Ordinal);

        // Formula injection: text that starts with = + - @ stays text, in ClosedXML sheets and streamed ones.
        var comment = sheet.Cell(2, 14);
        Assert.False(comment.HasFormula);
        Assert.Equal(XLDataType.Text, comment.DataType);
        Assert.Equal($"tone: -2 points: curt | overall: {Injection}", comment.GetString());
        var examples = book.Worksheet("Examples");
        var injected = examples.Column(1).CellsUsed().Single(c => c.GetString() == "@SUM(1+1)");
        Assert.False(injected.HasFormula);
        Assert.True(injected.Style.IncludeQuotePrefix);
        Assert.DoesNotContain(book.Worksheets.SelectMany(w => w.CellsUsed()), c => c.HasFormula);

        // Examples: consensus per criterion and cost per example agree with the database.
        Assert.Equal(7, examples.LastRowUsed()!.RowNumber());
        var costColumn = examples.Row(1).CellsUsed().Single(c => c.GetString() == "cost").Address.ColumnNumber;
        Assert.Equal((double)spent, examples.Column(costColumn).CellsUsed().Skip(1).Sum(c => c.GetDouble()), 6);
        var provenance = examples.Row(1).CellsUsed().Single(c => c.GetString() == "consensus_provenance").Address.ColumnNumber;
        Assert.All(Enumerable.Range(2, 6), r => Assert.False(string.IsNullOrEmpty(examples.Cell(r, provenance).GetString()))); // Core's consensus, as on the grid

        // Summary and Criteria: headline figures.
        var summary = book.Worksheet("Summary");
        var spentCell = summary.Column(1).CellsUsed().Single(c => c.GetString() == "Spent").CellRight();
        Assert.Equal(36.0, spentCell.GetDouble());
        Assert.Equal(0.36, summary.Column(1).CellsUsed().Single(c => c.GetString() == "Budget spent").CellRight().GetDouble(), 6);
        var criteria = book.Worksheet("Criteria");
        Assert.Equal("accuracy", criteria.Cell(2, 1).GetString());
        Assert.Equal(18, criteria.Cell(2, 6).GetValue<int>());
        var mean = ratings.Average(r => r.Scores.Single(s => s.CriterionKey == "accuracy").Value);
        Assert.Equal(mean, criteria.Cell(2, 7).GetDouble(), 9);

        // Evaluators: cost and hours per person; Judge: one row per judge score.
        var people = book.Worksheet("Evaluators");
        Assert.Equal(4, people.LastRowUsed()!.RowNumber());
        Assert.Equal(12.0, people.Cell(2, 6).GetDouble(), 6);
        var judge = book.Worksheet("Judge");
        Assert.Equal(6, judge.LastRowUsed()!.RowNumber());
        Assert.Equal("+cmd", judge.Cell(2, 8).GetString());
        Assert.Equal(XLDataType.Text, judge.Cell(2, 8).DataType);

        // Versions: the comparison the tab opens with (model a against b here), the same figures as the page.
        var versions = book.Worksheet("Versions");
        var compared = (await new ComparisonQueries(factory, wf.Clock).CompareAsync(campaignId, ComparisonQueries.Model, "a", "b"))!;
        Assert.Equal("Model: b (candidate) against a (baseline)", versions.Cell(2, 2).GetString());
        Assert.Equal(compared.Decision.Headline, versions.Cell(3, 2).GetString());
        Assert.Equal("delta", versions.Cell(9, 12).GetString());
        Assert.Equal("overall", versions.Cell(10, 1).GetString());
        Assert.Equal(compared.Overall.Raw!.Delta, versions.Cell(10, 12).GetDouble(), 9);
        Assert.Equal("safety", versions.Cell(15, 1).GetString());
        Assert.Equal(compared.Criteria.Single(c => c.Key == "safety").Failures!.CandidateRate!.Value, versions.Cell(15, 21).GetDouble(), 9);
    }

    [Fact]
    public void Cell_text_loses_characters_xml_cannot_carry_and_is_cut_at_excels_limit()
    {
        Assert.Equal("ab😀c", CellText.Clean("a\u0000b😀\u001Fc"));
        Assert.Equal(CellText.MaxLength, CellText.Clean(new string('x', 40_000)).Length);
        Assert.True(CellText.LooksLikeFormula("-1"));
        Assert.False(CellText.LooksLikeFormula("1-"));
    }
}
