using HumanEval.Core.Campaigns;
using HumanEval.Data.Entities;
using HumanEval.Data.Workflow;
using Microsoft.EntityFrameworkCore;

namespace HumanEval.Web.Tests.Data;

public sealed class CampaignAdminTests
{
    [Fact]
    public async Task Rubric_and_k_lock_once_ratings_exist_and_the_message_says_why()
    {
        await using var wf = new WorkflowDb();
        var (campaignId, evaluators) = await wf.SeedAsync(examples: 2, evaluators: 1);
        var (work, factory) = wf.Instance();
        var admin = new CampaignAdmin(factory, wf.Clock);
        await using var db = await factory.CreateDbContextAsync();
        var settings = CampaignAdmin.SettingsOf(await db.Campaigns.AsNoTracking().SingleAsync());

        await admin.UpdateAsync(campaignId, settings with { K = 2 }, "lead");
        var claim = await work.Queue.NextAsync(evaluators[0], campaignId);
        await work.Submissions.SubmitAsync(claim.AssignmentId!.Value, evaluators[0], WorkflowDb.FullScores());

        var refused = await admin.UpdateAsync(campaignId, settings with { K = 3 }, "lead");
        Assert.Contains(refused.Problems, p => p.Contains("cannot change once ratings exist"));
        Assert.True((await admin.UpdateAsync(campaignId, settings with { K = 2, Name = "Renamed", SessionCapMinutes = 90 }, "lead")).Ok);
        Assert.Equal("Renamed", (await db.Campaigns.AsNoTracking().SingleAsync()).Name);

        // The decision rule and the overall weights are settings like any other: checked by Core, stored, audited.
        var bad = await admin.UpdateAsync(campaignId, settings with { K = 2, OverallWeights = "accuracy=lots", MinHoursBeforeCall = -1 }, "lead");
        Assert.Equal(["The hours before a call must be between 0 and 2,160 (default 72).",
            "Weight 'accuracy=lots' is not criterion=weight with a weight from 0 to 100 (for example accuracy=2)."], bad.Problems);
        Assert.True((await admin.UpdateAsync(campaignId, settings with { K = 2, Name = "Renamed", SessionCapMinutes = 90, OverallWeights = "accuracy=2", MinHoursBeforeCall = 0, PlannedExamplesPerVersion = 50 }, "lead")).Ok);
        var stored = CampaignAdmin.SettingsOf(await db.Campaigns.AsNoTracking().SingleAsync());
        Assert.Equal(("accuracy=2", 0, 50), (stored.OverallWeights, stored.MinHoursBeforeCall, stored.PlannedExamplesPerVersion));
        Assert.Contains("hours before a call: 72 → 0", (await db.AuditEntries.AsNoTracking().OrderBy(a => a.Id).LastAsync()).Details);
    }

    [Fact]
    public async Task Only_an_unrated_draft_can_be_deleted_and_the_audit_keeps_its_name()
    {
        await using var wf = new WorkflowDb();
        var (rated, evaluators) = await wf.SeedAsync(examples: 2, evaluators: 1);
        var (work, factory) = wf.Instance();
        var admin = new CampaignAdmin(factory, wf.Clock);
        var rosters = new RosterAdmin(factory, wf.Clock, new Reservations(factory, wf.Clock));
        var keys = new ApiKeyAdmin(factory, wf.Clock);
        var claim = await work.Queue.NextAsync(evaluators[0], rated);
        await work.Submissions.SubmitAsync(claim.AssignmentId!.Value, evaluators[0], WorkflowDb.FullScores());
        await using var db = await factory.CreateDbContextAsync();
        var open = await admin.DeleteDraftAsync(rated, "lead");
        Assert.Equal(["Only a draft can be deleted; this campaign is open. Close it instead."], open.Problems);
        await db.Campaigns.Where(c => c.Id == rated).ExecuteUpdateAsync(s => s.SetProperty(c => c.State, CampaignState.Draft));
        var withRatings = await admin.DeleteDraftAsync(rated, "lead");
        Assert.Equal(["This campaign has ratings, which are kept as history; it cannot be deleted."], withRatings.Problems);

        var rubric = await db.RubricVersions.Select(v => v.Id).FirstAsync();
        var draft = (await admin.CreateAsync(new CampaignSettings { Name = "Wrong file", RubricVersionId = rubric }, "lead")).Value;
        await rosters.AddToRosterAsync(draft, evaluators, "lead");
        db.Examples.Add(new Example { CampaignId = draft, ExternalId = "x1", Input = "i", Output = "o", ImportedAt = wf.Clock.Now });
        await db.SaveChangesAsync();
        await keys.CreateApiKeyAsync(draft, "pipeline", "lead");

        Assert.True((await admin.DeleteDraftAsync(draft, "lead")).Ok);
        Assert.False(await db.Campaigns.AnyAsync(c => c.Id == draft));
        Assert.False(await db.Examples.AnyAsync(e => e.CampaignId == draft));
        Assert.False(await db.RosterMembers.AnyAsync(r => r.CampaignId == draft));
        Assert.False(await db.ApiKeys.AnyAsync(k => k.CampaignId == draft));
        Assert.True(await db.Campaigns.AnyAsync(c => c.Id == rated));
        Assert.Equal("\"Wrong file\" (draft): 1 example, 1 on the roster",
            (await db.AuditEntries.AsNoTracking().SingleAsync(a => a.Action == "campaign.deleted")).Details);
    }

    [Fact]
    public async Task States_go_draft_open_closed_and_opening_needs_examples_and_a_roster()
    {
        await using var wf = new WorkflowDb();
        await wf.SeedAsync(examples: 1, evaluators: 1);
        var (_, factory) = wf.Instance();
        var admin = new CampaignAdmin(factory, wf.Clock);
        await using var db = await factory.CreateDbContextAsync();
        var rubric = await db.RubricVersions.Select(v => v.Id).FirstAsync();

        var created = await admin.CreateAsync(new CampaignSettings { Name = "Weekly", RubricVersionId = rubric }, "lead");
        Assert.True(created.Ok);
        var id = created.Value;
        var empty = await admin.SetStateAsync(id, CampaignState.Open, "lead");
        Assert.Equal(["Import examples before opening the campaign."], empty.Problems);
        Assert.False((await admin.SetStateAsync(id, CampaignState.Closed, "lead")).Ok);
        Assert.Equal(CampaignState.Draft, (await db.Campaigns.AsNoTracking().SingleAsync(c => c.Id == id)).State);

        var invalid = await admin.CreateAsync(new CampaignSettings { Name = "", K = 0, RubricVersionId = rubric }, "lead");
        Assert.Equal(0, invalid.Value);
        Assert.Contains("Give the campaign a name.", invalid.Problems);
        Assert.Contains("Ratings per example (k) must be between 1 and 20.", invalid.Problems);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "campaign.created"));
    }

    [Fact]
    public async Task Removing_an_evaluator_from_the_roster_frees_their_reservations_and_keeps_their_ratings()
    {
        await using var wf = new WorkflowDb();
        var (campaignId, evaluators) = await wf.SeedAsync(examples: 3, evaluators: 2);
        var (work, factory) = wf.Instance();
        var admin = new CampaignAdmin(factory, wf.Clock);
        var rosters = new RosterAdmin(factory, wf.Clock, work.Reservations);
        var first = await work.Queue.NextAsync(evaluators[0], campaignId);
        await work.Submissions.SubmitAsync(first.AssignmentId!.Value, evaluators[0], WorkflowDb.FullScores());
        var second = await work.Queue.NextAsync(evaluators[0], campaignId);

        await rosters.RemoveFromRosterAsync(campaignId, evaluators[0], "lead");

        await using var db = await factory.CreateDbContextAsync();
        Assert.Equal(AssignmentState.Released, (await db.Assignments.SingleAsync(a => a.Id == second.AssignmentId)).State);
        Assert.Equal(0, (await db.Examples.SingleAsync(e => e.Id == db.Assignments.Where(a => a.Id == second.AssignmentId).Select(a => a.ExampleId).First())).HolderCount);
        Assert.Equal(1, await db.Ratings.CountAsync());
        Assert.Equal(ClaimOutcome.NotOnRoster, (await work.Queue.NextAsync(evaluators[0], campaignId)).Outcome);
    }
}
