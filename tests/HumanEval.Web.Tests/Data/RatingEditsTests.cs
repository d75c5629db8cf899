using HumanEval.Core.Campaigns;
using HumanEval.Data.Entities;
using HumanEval.Data.Workflow;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace HumanEval.Web.Tests.Data;

public sealed class RatingEditsTests
{
    private static async Task<(WorkflowDb Wf, int CampaignId, List<string> Evaluators, RatingEdits Edits, long AssignmentId)> SubmittedAsync()
    {
        var wf = new WorkflowDb();
        var (campaignId, evaluators) = await wf.SeedAsync(examples: 3, evaluators: 3, k: 2);
        var (work, factory) = wf.Instance();
        await using (var db = await factory.CreateDbContextAsync())
        {
            await db.EvaluatorProfiles.Where(p => p.UserId == evaluators[0]).ExecuteUpdateAsync(s => s.SetProperty(p => p.HourlyRate, 36m));
        }

        var claim = await work.Queue.NextAsync(evaluators[0], campaignId);
        var draft = WorkflowDb.FullScores(3) with { Comments = new Dictionary<string, string> { ["tone"] = "a bit curt" }, ActiveSeconds = 300 };
        Assert.Equal(SubmitOutcome.Submitted, (await work.Submissions.SubmitAsync(claim.AssignmentId!.Value, evaluators[0], draft)).Outcome);
        return (wf, campaignId, evaluators, new RatingEdits(factory, new WorkQueries(factory), wf.Clock), claim.AssignmentId!.Value);
    }

    [Fact]
    public async Task An_edit_is_a_new_version_the_old_one_is_kept_and_the_audit_log_has_before_and_after()
    {
        var (wf, campaignId, evaluators, edits, assignmentId) = await SubmittedAsync();
        await using var _ = wf;
        var (_, factory) = wf.Instance();
        wf.Clock.Advance(TimeSpan.FromHours(2));

        var loaded = await edits.LoadAsync(assignmentId, evaluators[0]);
        Assert.NotNull(loaded);
        Assert.Equal(1, loaded.Version);
        Assert.True(loaded.Editable);
        var changed = loaded.Current with
        {
            Scores = new Dictionary<string, int>(loaded.Current.Scores) { ["accuracy"] = 5 },
            Comments = new Dictionary<string, string> { ["tone"] = "fine on a second read" },
            ActiveSeconds = 60,
        };
        var result = await edits.SaveAsync(assignmentId, evaluators[0], 1, changed, "misread the reference");

        Assert.Equal((EditOutcome.Saved, 2), (result.Outcome, result.Version));
        await using var db = await factory.CreateDbContextAsync();

        // Every query sees one rating per assignment: the current version, with the new scores.
        var current = await db.Ratings.AsNoTracking().Include(r => r.Scores).SingleAsync();
        Assert.Equal(2, current.Version);
        Assert.Equal(5, current.Scores.Single(s => s.CriterionKey == "accuracy").Value);
        Assert.Equal("fine on a second read", current.Scores.Single(s => s.CriterionKey == "tone").Comment);
        Assert.Equal(wf.Clock.Now, current.EditedAt);
        Assert.Equal(wf.Clock.Now.AddHours(-2), current.SubmittedAt);
        Assert.Equal(1, (await db.Examples.AsNoTracking().SingleAsync(e => e.Id == current.ExampleId)).SubmittedCount);

        // Cost: the original rate, for the first 300 s plus the edit's 60 s; counted once.
        Assert.Equal(3.60m, current.Cost);
        Assert.Equal(3.60m, await db.Ratings.Where(r => r.CampaignId == campaignId).SumAsync(r => r.Cost));

        // History: version 1 is kept unchanged and marked superseded.
        var history = await edits.HistoryAsync(assignmentId);
        Assert.Equal([1, 2], history.Select(h => h.Version));
        Assert.Equal(3, history[0].Scores["accuracy"]);
        Assert.False(history[0].Current);
        Assert.True(history[1].Current);
        Assert.Equal("misread the reference", history[1].EditReason);

        var audit = await db.AuditEntries.AsNoTracking().SingleAsync(a => a.Action == "rating.edited");
        Assert.Equal(evaluators[0], audit.UserId);
        Assert.Equal(assignmentId.ToString(System.Globalization.CultureInfo.InvariantCulture), audit.EntityId);
        Assert.Contains(", v1 -> v2", audit.Details);
        Assert.StartsWith("example ", audit.Details, StringComparison.Ordinal);
        Assert.Contains("accuracy 3 -> 5", audit.Details);
        Assert.Contains("tone comment \"a bit curt\" -> \"fine on a second read\"", audit.Details);
        Assert.Contains("reason: misread the reference", audit.Details);
        Assert.DoesNotContain("helpfulness", audit.Details);
    }

    [Fact]
    public async Task Only_the_author_may_edit_only_while_the_campaign_is_open_and_a_stale_version_is_refused()
    {
        var (wf, campaignId, evaluators, edits, assignmentId) = await SubmittedAsync();
        await using var _ = wf;
        var (_, factory) = wf.Instance();
        var input = WorkflowDb.FullScores(4);

        Assert.Null(await edits.LoadAsync(assignmentId, evaluators[1]));
        Assert.Equal(EditOutcome.NotYours, (await edits.SaveAsync(assignmentId, evaluators[1], 1, input, null)).Outcome);
        Assert.Equal(EditOutcome.Unchanged, (await edits.SaveAsync(assignmentId, evaluators[0], 1, WorkflowDb.FullScores(3) with { Comments = new Dictionary<string, string> { ["tone"] = "a bit curt" } }, null)).Outcome);
        var invalid = await edits.SaveAsync(assignmentId, evaluators[0], 1, input with { Scores = new Dictionary<string, int> { ["accuracy"] = 9 } }, null);
        Assert.Equal(EditOutcome.Invalid, invalid.Outcome);
        Assert.NotEmpty(invalid.Problems);

        Assert.Equal(EditOutcome.Saved, (await edits.SaveAsync(assignmentId, evaluators[0], 1, input, null)).Outcome);
        // A second tab still holding version 1 cannot overwrite version 2.
        var stale = await edits.SaveAsync(assignmentId, evaluators[0], 1, WorkflowDb.FullScores(2), null);
        Assert.Equal(EditOutcome.Conflict, stale.Outcome);

        await using (var db = await factory.CreateDbContextAsync())
        {
            await db.Campaigns.Where(c => c.Id == campaignId).ExecuteUpdateAsync(s => s.SetProperty(c => c.State, CampaignState.Closed));
        }

        Assert.False((await edits.LoadAsync(assignmentId, evaluators[0]))!.Editable);
        Assert.Equal(EditOutcome.CampaignClosed, (await edits.SaveAsync(assignmentId, evaluators[0], 2, WorkflowDb.FullScores(2), null)).Outcome);
        await using var check = await factory.CreateDbContextAsync();
        Assert.Equal(2, await check.Ratings.IgnoreQueryFilters().CountAsync());
        Assert.Equal(4, (await check.Ratings.Include(r => r.Scores).SingleAsync()).Scores.Single(s => s.CriterionKey == "accuracy").Value);
    }

    [Fact]
    public async Task A_deactivated_evaluator_or_one_taken_off_the_roster_can_no_longer_change_their_ratings()
    {
        var (wf, campaignId, evaluators, edits, assignmentId) = await SubmittedAsync();
        await using var _ = wf;
        var (work, factory) = wf.Instance();
        var admin = new CampaignAdmin(factory, wf.Clock);
        var rosters = new RosterAdmin(factory, wf.Clock, new Reservations(factory, wf.Clock));

        await rosters.RemoveFromRosterAsync(campaignId, evaluators[0], "lead");
        Assert.False((await edits.LoadAsync(assignmentId, evaluators[0]))!.Editable);
        Assert.False((await edits.RecentAsync(evaluators[0])).Single().Editable);
        Assert.Equal(EditOutcome.NotOnRoster, (await edits.SaveAsync(assignmentId, evaluators[0], 1, WorkflowDb.FullScores(1), null)).Outcome);

        await rosters.AddToRosterAsync(campaignId, [evaluators[0]], "lead");
        Assert.True((await edits.LoadAsync(assignmentId, evaluators[0]))!.Editable);
        await using (var db = await factory.CreateDbContextAsync())
        {
            await db.EvaluatorProfiles.Where(p => p.UserId == evaluators[0]).ExecuteUpdateAsync(s => s.SetProperty(p => p.Active, false));
        }

        Assert.Equal(EditOutcome.NotOnRoster, (await edits.SaveAsync(assignmentId, evaluators[0], 1, WorkflowDb.FullScores(1), null)).Outcome);
        await using var check = await factory.CreateDbContextAsync();
        Assert.Equal(1, await check.Ratings.IgnoreQueryFilters().CountAsync(r => r.AssignmentId == assignmentId)); // v2 was never written
    }

    [Fact]
    public async Task The_database_refuses_to_rewrite_or_delete_ratings_scores_and_audit_entries()
    {
        var (wf, _, _, _, assignmentId) = await SubmittedAsync();
        await using var _ = wf;
        var (_, factory) = wf.Instance();
        await using var db = await factory.CreateDbContextAsync();

        foreach (var sql in new[]
        {
            "UPDATE Ratings SET Cost = 0",
            "UPDATE Ratings SET OverallComment = 'x'",
            "DELETE FROM Ratings",
            "UPDATE Scores SET Value = 1",
            "DELETE FROM Scores",
            "UPDATE AuditEntries SET Action = 'x'",
            "DELETE FROM AuditEntries",
        })
        {
            var error = await Assert.ThrowsAsync<SqliteException>(() => db.Database.ExecuteSqlRawAsync(sql));
            Assert.Matches("never (rewritten|deleted)|append-only", error.Message);
        }

        // The one change allowed: stamping a version superseded, once.
        Assert.Equal(1, await db.Database.ExecuteSqlRawAsync("UPDATE Ratings SET SupersededAt = '2026-11-27 12:00:00'"));
        await Assert.ThrowsAsync<SqliteException>(() => db.Database.ExecuteSqlRawAsync("UPDATE Ratings SET SupersededAt = NULL"));
        Assert.Equal(1, await db.Ratings.IgnoreQueryFilters().CountAsync(r => r.AssignmentId == assignmentId));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "rating.submitted"));
    }
}
