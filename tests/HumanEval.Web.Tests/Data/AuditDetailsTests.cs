using ClosedXML.Excel;
using HumanEval.Core.Campaigns;
using HumanEval.Data.Export;
using HumanEval.Data.Workflow;
using Microsoft.EntityFrameworkCore;

namespace HumanEval.Web.Tests.Data;

/// <summary>The audit log and the lead's views say what happened in words: names, example ids, before → after.</summary>
public sealed class AuditDetailsTests
{
    [Fact]
    public async Task A_settings_change_lists_each_changed_value_before_and_after_and_a_no_op_save_records_nothing()
    {
        await using var wf = new WorkflowDb();
        var (campaignId, _) = await wf.SeedAsync(examples: 2, evaluators: 1);
        var (_, factory) = wf.Instance();
        var admin = new CampaignAdmin(factory, wf.Clock);
        await using var db = await factory.CreateDbContextAsync();
        var settings = CampaignAdmin.SettingsOf(await db.Campaigns.AsNoTracking().SingleAsync());

        await admin.UpdateAsync(campaignId, settings, "lead");
        Assert.False(await db.AuditEntries.AnyAsync(a => a.Action == "campaign.updated"));

        await admin.UpdateAsync(campaignId, settings with { Name = "Renamed", Budget = 1500m, SessionCapMinutes = 90, FairSharePercent = 10, DueAt = new DateTime(2026, 12, 4, 17, 0, 0, DateTimeKind.Utc) }, "lead");
        var entry = await db.AuditEntries.AsNoTracking().SingleAsync(a => a.Action == "campaign.updated");
        Assert.Equal("name: \"Test campaign\" → \"Renamed\"; due: none → 2026-12-04; session cap min: 120 → 90; budget: none → 1500; fair-share slack %: no cap → 10",
            entry.Details);
    }

    [Fact]
    public void The_settings_diff_names_the_rubric_version_and_the_words_the_form_uses()
    {
        var before = new CampaignSettings { RubricVersionId = 1, JudgeMetric = null, Cadence = HumanEval.Core.Campaigns.Cadence.OneOff };
        var after = before with { RubricVersionId = 2, JudgeMetric = HumanEval.Core.Agreement.JudgeMetric.WithinOne, Cadence = HumanEval.Core.Campaigns.Cadence.Weekly };
        Assert.Equal("rubric: default v1 → default v2; cadence: one-off → weekly; judge metric: by scale → within one",
            CampaignAdmin.SettingsChanges(before, after, id => $"default v{id}"));
        Assert.Equal("", CampaignAdmin.SettingsChanges(before, before with { }, id => "x"));
    }

    [Fact]
    public async Task Roster_ratings_and_skips_are_audited_with_emails_example_ids_and_reasons_and_skips_show_in_the_views_and_the_workbook()
    {
        await using var wf = new WorkflowDb();
        var (campaignId, evaluators) = await wf.SeedAsync(examples: 3, evaluators: 2);
        var (work, factory) = wf.Instance();
        var admin = new CampaignAdmin(factory, wf.Clock);
        var rosters = new RosterAdmin(factory, wf.Clock, new Reservations(factory, wf.Clock));
        await rosters.RemoveFromRosterAsync(campaignId, evaluators[1], "lead");
        await rosters.AddToRosterAsync(campaignId, [evaluators[1]], "lead");

        var first = await work.Queue.NextAsync(evaluators[0], campaignId);
        Assert.True(await work.Submissions.SubmitAsync(first.AssignmentId!.Value, evaluators[0], WorkflowDb.FullScores() with { Flagged = true, FlagReason = "reference is wrong" }) is { Outcome: SubmitOutcome.Submitted });
        var second = await work.Queue.NextAsync(evaluators[0], campaignId);
        Assert.True(await work.Submissions.SkipAsync(second.AssignmentId!.Value, evaluators[0], "  I lack the expertise for this one "));

        await using var db = await factory.CreateDbContextAsync();
        string Details(string action) => db.AuditEntries.AsNoTracking().Single(a => a.Action == action).Details!;
        Assert.Equal("e1@t.local", Details("roster.removed"));
        Assert.Equal("e1@t.local", Details("roster.added"));
        var firstId = await db.Assignments.Where(a => a.Id == first.AssignmentId).Select(a => a.Example.ExternalId).SingleAsync();
        var skippedId = await db.Assignments.Where(a => a.Id == second.AssignmentId).Select(a => a.Example.ExternalId).SingleAsync();
        Assert.Equal($"example {firstId} in \"Test campaign\"; flagged: reference is wrong", Details("rating.submitted"));
        Assert.Equal($"example {skippedId} in \"Test campaign\": I lack the expertise for this one", Details("assignment.skipped"));

        // The lead's example page, the grid (count and filter) and the Examples sheet show the skip and its reason.
        var examples = new ExampleQueries(factory);
        var detail = await examples.DetailAsync(campaignId, skippedId);
        Assert.Equal([new ExampleSkip("e0@t.local", wf.Clock.Now, "I lack the expertise for this one")], detail!.Skips);
        Assert.Equal(("Unsafe", "Safe", "4"), (detail.Show("safety", 0), detail.Show("safety", 1), detail.Show("accuracy", 4)));
        var (rows, total) = await examples.PageAsync(campaignId, new ExamplePageRequest(0, 25, Filter: ExampleFilter.Skipped));
        Assert.Equal(1, total);
        Assert.Equal((skippedId, 1), (rows[0].ExternalId, rows[0].Skips));

        var agreement = new AgreementQueries(factory);
        var workbook = new CampaignWorkbook(factory, agreement, new OperationsQueries(factory, agreement, wf.Clock), new JudgeImporter(factory, wf.Clock), new ComparisonQueries(factory, wf.Clock), new PairwiseQueries(factory, new ComparisonQueries(factory, wf.Clock)), wf.Clock);
        using var output = new MemoryStream();
        Assert.True(await workbook.WriteAsync(campaignId, output));
        output.Position = 0;
        using var book = new XLWorkbook(output);
        var sheet = book.Worksheet("Examples");
        var header = sheet.Row(1).CellsUsed().Select(c => c.GetString()).ToList();
        Assert.Equal(["flags", "skips", "skip_reasons"], header[^3..]);
        var row = sheet.RowsUsed().Single(r => r.Cell(1).GetString() == skippedId);
        Assert.Equal(1, row.Cell(header.Count - 1).GetValue<int>());
        Assert.Equal("I lack the expertise for this one", row.Cell(header.Count).GetString());
    }
}
