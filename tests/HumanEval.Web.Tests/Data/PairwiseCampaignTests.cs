using System.Text.Json;
using ClosedXML.Excel;
using HumanEval.Core.Campaigns;
using HumanEval.Core.Decisions;
using HumanEval.Core.Import;
using HumanEval.Core.Pairwise;
using HumanEval.Data;
using HumanEval.Data.Entities;
using HumanEval.Data.Export;
using HumanEval.Data.Workflow;
using JudgeRow = HumanEval.Core.Import.JudgeRow;
using HumanEval.Web.Tests.Hosting;
using Microsoft.EntityFrameworkCore;

namespace HumanEval.Web.Tests.Data;

/// <summary>A pairwise campaign end to end in Data: the screen's order, storing in the versions' frame, edits, the report = the CLI, exports.</summary>
public sealed class PairwiseCampaignTests
{
    /// <summary>A pairwise campaign: example i pits v1 (A) against v2 (B); odd examples have the versions the other way round.</summary>
    private static Task<(int CampaignId, List<string> Evaluators)> SeedPairwiseAsync(WorkflowDb wf, int examples, int evaluators, int k = 3) =>
        wf.SeedAsync(examples, evaluators, k, c =>
        {
            c.Kind = CampaignKind.Pairwise;
            c.MinHoursBeforeCall = 0;
            foreach (var (e, i) in c.Examples.Select((e, i) => (e, i)))
            {
                (e.VersionA, e.VersionB) = i % 2 == 0 ? ("v1", "v2") : ("v2", "v1");
                (e.Output, e.OutputB) = ($"answer of {e.VersionA} to {i}", $"answer of {e.VersionB} to {i}");
            }
        });

    /// <summary>Shown answers for a screen: the response that is v2 gets the preference, both safe.</summary>
    private static Dictionary<string, int> Prefer(ExampleView example, bool v2, int strength = 1)
    {
        var v2OnLeft = example.Output.StartsWith("answer of v2", StringComparison.Ordinal);
        var towardsRight = v2OnLeft != v2 ? strength : -strength; // shown scale: + = Response 2
        var shown = PairwiseForm.Same + towardsRight;
        return new() { ["accuracy"] = shown, ["helpfulness"] = shown, ["tone"] = shown, ["completeness"] = shown, ["safety.1"] = 1, ["safety.2"] = 1 };
    }

    private static DraftInput Input(Dictionary<string, int> scores) => new(scores, new Dictionary<string, string>(), null, false, null, 40);

    [Fact]
    public async Task The_screen_shows_the_hashed_order_and_the_rating_is_stored_in_the_versions_frame_with_that_order()
    {
        await using var wf = new WorkflowDb();
        var (campaignId, evaluators) = await SeedPairwiseAsync(wf, examples: 4, evaluators: 3);
        var (work, factory) = wf.Instance();
        var queries = new WorkQueries(factory);
        var claim = await work.Queue.NextAsync(evaluators[0], campaignId);
        var screen = (await queries.ScreenAsync(claim.AssignmentId!.Value, evaluators[0]))!;
        await using var db = await factory.CreateDbContextAsync();
        var example = await db.Examples.AsNoTracking().SingleAsync(e => e.Id == screen.Example.Id);
        var aOnLeft = DisplayOrder.AOnLeft(evaluators[0], example.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(CampaignKind.Pairwise, screen.Kind);
        Assert.Equal(aOnLeft ? (example.Output, example.OutputB) : (example.OutputB, example.Output), (screen.Example.Output, screen.Example.SecondOutput));
        Assert.Equal(screen.Example, (await queries.ScreenAsync(claim.AssignmentId.Value, evaluators[0]))!.Example); // a reload keeps the order
        Assert.Equal(["accuracy", "helpfulness", "tone", "completeness", "safety.1", "safety.2", "_both"], screen.Criteria.Select(c => c.Key));
        Assert.True(screen.Criteria[0].Required);
        Assert.False(screen.CriteriaFor(new Dictionary<string, int> { ["_both"] = 1 })[0].Required);

        var missing = await work.Submissions.SubmitAsync(claim.AssignmentId.Value, evaluators[0], Input(new() { ["accuracy"] = 1 }));
        Assert.Equal(SubmitOutcome.Invalid, missing.Outcome);
        Assert.Contains("Safety: Response 2 needs a score.", missing.Problems);

        // "Response 1 much better" on accuracy, Response 1 unsafe.
        var shown = new Dictionary<string, int> { ["accuracy"] = 1, ["helpfulness"] = 3, ["tone"] = 4, ["completeness"] = 5, ["safety.1"] = 0, ["safety.2"] = 1, ["_both"] = 0 };
        Assert.Equal(SubmitOutcome.Submitted, (await work.Submissions.SubmitAsync(claim.AssignmentId.Value, evaluators[0], Input(shown) with { Comments = new Dictionary<string, string> { ["safety.1"] = "leaks" } })).Outcome);
        var rating = await db.Ratings.AsNoTracking().Include(r => r.Scores).SingleAsync(r => r.AssignmentId == claim.AssignmentId);
        Assert.Equal(aOnLeft, rating.AOnLeft);
        var stored = rating.Scores.ToDictionary(s => s.CriterionKey, s => s.Value);
        Assert.Equal(aOnLeft ? -2 : 2, stored["accuracy"]); // + favours B
        Assert.Equal(aOnLeft ? 1 : -1, stored["tone"]);
        Assert.Equal(0, stored["helpfulness"]);
        Assert.Equal(aOnLeft ? (0, 1) : (1, 0), (stored["safety.a"], stored["safety.b"]));
        Assert.Equal("leaks", rating.Scores.Single(s => s.Comment is not null).Comment);
        Assert.Equal(aOnLeft ? "safety.a" : "safety.b", rating.Scores.Single(s => s.Comment is not null).CriterionKey);

        // The change page shows it as it was seen; an edit is a new version with the same shown order.
        var edits = new RatingEdits(factory, queries, wf.Clock);
        var editable = (await edits.LoadAsync(claim.AssignmentId.Value, evaluators[0]))!;
        Assert.Equal(shown, editable.Current.Scores);
        var changed = new Dictionary<string, int>(shown) { ["accuracy"] = 2 };
        var saved = await edits.SaveAsync(claim.AssignmentId.Value, evaluators[0], 1, Input(changed), "second look");
        Assert.Equal(EditOutcome.Saved, saved.Outcome);
        var v2 = await db.Ratings.AsNoTracking().Include(r => r.Scores).SingleAsync(r => r.AssignmentId == claim.AssignmentId && r.Version == 2);
        Assert.Equal(aOnLeft, v2.AOnLeft);
        Assert.Equal(aOnLeft ? -1 : 1, v2.Scores.Single(s => s.CriterionKey == "accuracy").Value);
    }

    [Fact]
    public async Task The_report_is_the_clis_on_the_exported_csv_and_the_exports_carry_the_pairs()
    {
        await using var wf = new WorkflowDb();
        var (campaignId, evaluators) = await SeedPairwiseAsync(wf, examples: 30, evaluators: 4);
        var (work, factory) = wf.Instance();
        var queries = new WorkQueries(factory);
        for (var e = 0; e < evaluators.Count; e++)
        {
            var n = 0;
            while (await work.Queue.NextAsync(evaluators[e], campaignId) is { HasWork: true } claim)
            {
                var screen = (await queries.ScreenAsync(claim.AssignmentId!.Value, evaluators[e]))!;
                var v2 = (n++ + e) % 4 != 0; // v2 preferred three times in four
                Assert.Equal(SubmitOutcome.Submitted, (await work.Submissions.SubmitAsync(claim.AssignmentId.Value, evaluators[e], Input(Prefer(screen.Example, v2, 1 + (n % 2))))).Outcome);
                wf.Clock.Advance(TimeSpan.FromMinutes(3));
            }
        }

        // A pairwise judge: its preference per example (A/B as the example's outputs); a judged safety criterion or a 3 is refused.
        var judges = new JudgeImporter(factory, wf.Clock);
        var refused = await judges.ImportAsync(campaignId, [new JudgeRow(2, "ex-0000", "safety", 1, "j", "p", null), new JudgeRow(3, "ex-0000", "tone", 3, "j", "p", null)], null);
        Assert.Equal(["line 2, criterion: 'safety' is asked of each response, not as a preference; a pairwise judge verdict names an ordinal criterion",
            "line 3, score: 3 is not a preference: a whole number from -2 (output A much better) to 2 (output B much better)"], refused.Errors.Select(e => e.ToString()));
        var verdicts = Enumerable.Range(0, 30).Select(i => new JudgeRow(i + 2, $"ex-{i:D4}", "tone", i % 3 == 0 ? 0 : (i % 2 == 0 ? 1 : -1) * (i % 5 == 0 ? -1 : 1), "judge-llm", "p1", null)).ToList();
        Assert.Equal(30, (await judges.ImportAsync(campaignId, verdicts, null)).Added);

        var pairwise = new PairwiseQueries(factory, new ComparisonQueries(factory, wf.Clock));
        var view = (await pairwise.CompareAsync(campaignId))!;
        Assert.Equal("judge-llm / p1", view.Judge);
        var report = view.Report;
        Assert.Equal(("v1", "v2"), (report.Baseline, report.Candidate));
        Assert.Equal(30, report.Overall.Examples);
        Assert.Equal(90, view.RatingCount);
        Assert.True(report.Overall.WinRate > 0.6, $"win rate {report.Overall.WinRate}");
        Assert.Equal(2, view.Failures.Count);
        Assert.All(view.Failures, f => Assert.Equal(0, f.Failing));

        var files = new PairwiseFiles(pairwise);
        var csv = Path.Combine(Path.GetTempPath(), $"pairwise-{Guid.NewGuid():N}.csv");
        try
        {
            await using (var writer = new StreamWriter(csv))
            {
                await files.WriteCsvAsync(campaignId, writer);
            }

            var lines = await File.ReadAllLinesAsync(csv);
            Assert.Equal(PairwiseFiles.CsvHeader, lines[0]);
            Assert.Equal(1 + (90 * 4), lines.Length); // one row per rating and ordinal criterion
            var judgeCsv = csv + ".judge.csv";
            await File.WriteAllLinesAsync(judgeCsv, ["item_id,criterion,judge_preference", .. verdicts.Select(v => $"{v.ExternalId},{v.Criterion},{v.Score}")]);
            var run = await AppProcess.RunAsync("humaneval.dll", ["compare", "--pairwise", "--ratings", csv, "--judge", judgeCsv, "--baseline", "v1", "--candidate", "v2",
                "--min-hours", "0", "--seed", ((int)(1 % int.MaxValue)).ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            Assert.True(run.ExitCode is 0 or 1, run.Stderr);
            using var json = JsonDocument.Parse(run.Stdout);
            var overall = json.RootElement.GetProperty("overall");
            Assert.Equal(report.Overall.WinRate!.Value, overall.GetProperty("win_rate").GetDouble(), 6);
            Assert.Equal(report.Overall.PBetter, overall.GetProperty("p_better").GetDouble(), 6);
            Assert.Equal(report.Overall.Preference!.Delta, overall.GetProperty("preference").GetProperty("delta").GetDouble(), 6);
            Assert.Equal(report.Position.Left, json.RootElement.GetProperty("position_bias").GetProperty("left").GetInt32());
            var tone = json.RootElement.GetProperty("judge").GetProperty("tone");
            Assert.Equal(view.JudgeAgreement!["tone"].WithTies!.Value, tone.GetProperty("with_ties").GetDouble(), 6);
            Assert.Equal(view.JudgeAgreement["tone"].WithoutTies!.Value, tone.GetProperty("without_ties").GetDouble(), 6);
            Assert.Equal(view.JudgeAgreement["tone"].HumanWithTies!.Value, tone.GetProperty("human_with_ties").GetDouble(), 6);
            Assert.Equal(30, view.JudgeAgreement["tone"].Examples);
            File.Delete(judgeCsv);
        }
        finally
        {
            File.Delete(csv);
        }

        using var jsonl = new StringWriter();
        var written = await files.WritePreferencesAsync(campaignId, jsonl);
        var preference = jsonl.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(written, preference.Length);
        Assert.InRange(written, 10, 30);
        using (var first = JsonDocument.Parse(preference[0]))
        {
            Assert.Equal(["prompt", "chosen", "rejected", "criterion_votes", "n_raters", "agreement"], first.RootElement.EnumerateObject().Select(p => p.Name));
            Assert.StartsWith("input ", first.RootElement.GetProperty("prompt").GetString(), StringComparison.Ordinal);
            Assert.Equal(3, first.RootElement.GetProperty("n_raters").GetInt32());
            Assert.True(first.RootElement.GetProperty("agreement").GetDouble() > 0.5);
            Assert.Equal(4, first.RootElement.GetProperty("criterion_votes").EnumerateObject().Count());
        }

        var workbook = new CampaignWorkbook(factory, new AgreementQueries(factory), new OperationsQueries(factory, new AgreementQueries(factory), wf.Clock), new JudgeImporter(factory, wf.Clock),
            new ComparisonQueries(factory, wf.Clock), pairwise, wf.Clock);
        using var stream = new MemoryStream();
        Assert.True(await workbook.WriteAsync(campaignId, stream));
        stream.Position = 0;
        using var book = new XLWorkbook(stream);
        Assert.Equal(["Summary", "Comparisons"], book.Worksheets.Select(w => w.Name));
        var sheet = book.Worksheet("Comparisons");
        Assert.Equal(91, sheet.LastRowUsed()!.RowNumber());
        Assert.Equal("shown_left", sheet.Cell(1, 5).GetString());
        Assert.Equal(report.Decision.Headline, book.Worksheet("Summary").Cell(4, 2).GetString());
    }

    [Fact]
    public async Task Three_versions_get_bradley_terry_ratings_with_the_baseline_at_1000()
    {
        await using var wf = new WorkflowDb();
        string[][] pairs = [["v1", "v2"], ["v2", "v3"], ["v1", "v3"]];
        var (campaignId, evaluators) = await wf.SeedAsync(examples: 18, evaluators: 3, configure: c =>
        {
            c.Kind = CampaignKind.Pairwise;
            foreach (var (e, i) in c.Examples.Select((e, i) => (e, i)))
            {
                (e.VersionA, e.VersionB) = (pairs[i % 3][0], pairs[i % 3][1]);
                (e.Output, e.OutputB) = ($"answer of {e.VersionA}", $"answer of {e.VersionB}");
            }
        });
        var (work, factory) = wf.Instance();
        var queries = new WorkQueries(factory);
        var n = 0;
        foreach (var evaluator in evaluators)
        {
            while (await work.Queue.NextAsync(evaluator, campaignId) is { HasWork: true } claim)
            {
                // The later version wins four times in five: v3 > v2 > v1.
                var screen = (await queries.ScreenAsync(claim.AssignmentId!.Value, evaluator))!;
                var leftIsLater = string.CompareOrdinal(screen.Example.Output, screen.Example.SecondOutput) > 0;
                var laterWins = n++ % 5 != 0;
                var shown = PairwiseForm.Same + ((leftIsLater == laterWins) ? -1 : 1);
                var scores = new Dictionary<string, int> { ["accuracy"] = shown, ["helpfulness"] = shown, ["tone"] = shown, ["completeness"] = shown, ["safety.1"] = 1, ["safety.2"] = 1 };
                Assert.Equal(SubmitOutcome.Submitted, (await work.Submissions.SubmitAsync(claim.AssignmentId.Value, evaluator, Input(scores))).Outcome);
            }
        }

        var view = (await new PairwiseQueries(factory, new ComparisonQueries(factory, wf.Clock)).CompareAsync(campaignId, "v1", "v3"))!;
        Assert.Equal(["v1", "v2", "v3"], view.Versions);
        var ratings = view.Ratings!;
        Assert.Equal(1000, ratings.Ratings["v1"], 9);
        Assert.True(ratings.Ratings["v3"] > ratings.Ratings["v2"] && ratings.Ratings["v2"] > ratings.Ratings["v1"], string.Join(", ", ratings.Ratings));
        Assert.True(ratings.Intervals["v3"]!.Low < ratings.Ratings["v3"] && ratings.Ratings["v3"] < ratings.Intervals["v3"]!.High);
        Assert.Equal(6, view.Report.Overall.Examples); // only the v1–v3 pairs enter the v1 against v3 decision
    }

    [Fact]
    public async Task Two_absolute_campaigns_pair_up_by_pair_id_or_identical_input_through_the_import()
    {
        await using var wf = new WorkflowDb();
        var (first, _) = await wf.SeedAsync(examples: 5, evaluators: 1);
        var (_, factory) = wf.Instance();
        int second, target;
        await using (var db = await factory.CreateDbContextAsync())
        {
            var rubric = await db.Campaigns.Where(c => c.Id == first).Select(c => c.RubricVersionId).SingleAsync();
            Campaign New(string name, CampaignKind kind) => new() { Name = name, Kind = kind, RubricVersionId = rubric, K = 3, CreatedAt = wf.Clock.Now };
            var b = New("This week", CampaignKind.Absolute);
            // input 0 and 1 match by text, "x" matches ex-0004 by pair_id, input 3 appears twice, input 2 has no partner.
            b.Examples.AddRange(new[] { ("b0", "input 0", null), ("b1", "input 1", null), ("b3", "input 3", null), ("b3bis", "input 3", null), ("bx", "other text", "{\"pair_id\":\"P4\"}") }
                .Select((x, i) => new Example { ExternalId = x.Item1, Input = x.Item2, Output = $"new {x.Item1}", Metadata = x.Item3, ImportedAt = wf.Clock.Now, Position = i }));
            var t = New("Side by side", CampaignKind.Pairwise);
            db.Campaigns.AddRange(b, t);
            await db.SaveChangesAsync();
            var last = await db.Examples.SingleAsync(e => e.CampaignId == first && e.ExternalId == "ex-0004");
            last.Metadata = "{\"pair_id\":\"P4\"}";
            await db.SaveChangesAsync();
            (second, target) = (b.Id, t.Id);
        }

        var pairing = new ExamplePairing(factory, new ExampleImporter(factory, wf.Clock));
        Assert.Equal(["Pairs go into a pairwise campaign."], (await pairing.PairAsync(second, first, "v1", second, "v2", null)).Problems);
        Assert.Equal(["The two versions need different names: the report calls one the baseline and the other the candidate."], (await pairing.PairAsync(target, first, "v1", second, "v1", null)).Problems);
        Assert.Equal(["Choose two different absolute campaigns to pair up."], (await pairing.PairAsync(target, first, "v1", first, "v2", null)).Problems);

        var preview = await pairing.PairAsync(target, first, "v1", second, "v2", null, dryRun: true);
        Assert.Equal((4, 1, 0, 1), (preview.Pairs, preview.OnlyInA, preview.OnlyInB, preview.DuplicateKeys));
        Assert.Null(preview.Imported);
        var done = await pairing.PairAsync(target, first, "v1", second, "v2", "lead");
        Assert.Equal(4, done.Imported!.Added);
        await using (var db = await factory.CreateDbContextAsync())
        {
            var pairs = await db.Examples.AsNoTracking().Where(e => e.CampaignId == target).OrderBy(e => e.Position).ToListAsync();
            Assert.Equal(["ex-0000", "ex-0001", "ex-0003", "ex-0004"], pairs.Select(p => p.ExternalId));
            Assert.Equal(("output 3", "new b3", "v1", "v2"), (pairs[2].Output, pairs[2].OutputB, pairs[2].VersionA, pairs[2].VersionB)); // the first of the repeated input
            Assert.Equal("new bx", pairs[3].OutputB);
            Assert.Contains("\"source_b\":\"" + second + "/bx\"", pairs[3].Metadata, StringComparison.Ordinal);
            Assert.Contains(await db.AuditEntries.Select(a => a.Action).ToListAsync(), a => a == AuditActions.ExamplesImported);
        }

        Assert.Equal((0, 4), ((await pairing.PairAsync(target, first, "v1", second, "v2", null)).Imported!.Added, (await pairing.PairAsync(target, first, "v1", second, "v2", null)).Imported!.AlreadyPresent));

        // Rows of the wrong kind never reach a campaign; the kind is fixed once it holds examples.
        var importer = new ExampleImporter(factory, wf.Clock);
        var wrong = await Assert.ThrowsAsync<InvalidOperationException>(() => importer.ImportAsync(target, [new ExampleRow(7, "z", "Q", "A", null, null, null, null, null)], null));
        Assert.Contains("line 7 was read for the other kind", wrong.Message, StringComparison.Ordinal);
        var admin = new CampaignAdmin(factory, wf.Clock);
        var settings = (await admin.DetailAsync(target))!.Settings with { Kind = CampaignKind.Absolute };
        Assert.Equal(["The campaign is pairwise and holds examples: its kind cannot change. Start a new absolute campaign instead."], (await admin.UpdateAsync(target, settings, "lead")).Problems);
    }
}
