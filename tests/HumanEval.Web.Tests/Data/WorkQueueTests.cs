using HumanEval.Core.Campaigns;
using HumanEval.Data.Entities;
using HumanEval.Data.Workflow;
using Microsoft.EntityFrameworkCore;

namespace HumanEval.Web.Tests.Data;

public sealed class WorkQueueTests
{
    [Fact]
    public async Task Fifty_concurrent_claimers_on_two_instances_never_exceed_k_nor_repeat_an_evaluator()
    {
        await using var wf = new WorkflowDb();
        var (campaignId, evaluators) = await wf.SeedAsync(examples: 20, evaluators: 50);
        var instances = new[] { wf.Instance(), wf.Instance() };

        var workers = evaluators.Select((id, i) => Task.Run(async () =>
        {
            var work = instances[i % 2].Work;
            var claimed = 0;
            while (true)
            {
                var claim = await work.Queue.NextAsync(id, campaignId);
                if (!claim.HasWork)
                {
                    Assert.Equal(ClaimOutcome.NothingLeft, claim.Outcome);
                    return claimed;
                }

                claimed++;
                var submit = await work.Submissions.SubmitAsync(claim.AssignmentId!.Value, id, WorkflowDb.FullScores(1 + (i % 5)));
                Assert.Equal(SubmitOutcome.Submitted, submit.Outcome);
            }
        })).ToList();
        var perEvaluator = await Task.WhenAll(workers);

        await using var db = await instances[0].Factory.CreateDbContextAsync();
        Assert.Equal(60, perEvaluator.Sum());
        Assert.Equal(60, await db.Ratings.CountAsync());
        var examples = await db.Examples.AsNoTracking().ToListAsync();
        Assert.All(examples, e => Assert.Equal((3, 3), (e.SubmittedCount, e.HolderCount)));
        Assert.All(examples, e => Assert.NotNull(e.CompletedAt));
        var perExample = await db.Ratings.GroupBy(r => r.ExampleId).Select(g => new { Count = g.Count(), Raters = g.Select(r => r.EvaluatorId).Distinct().Count() }).ToListAsync();
        Assert.All(perExample, p => Assert.Equal((3, 3), (p.Count, p.Raters)));
        Assert.Equal(300, await db.Scores.CountAsync());
    }

    [Fact]
    public async Task An_abandoned_reservation_expires_and_returns_to_the_pool()
    {
        await using var wf = new WorkflowDb();
        var (campaignId, evaluators) = await wf.SeedAsync(examples: 1, evaluators: 2, k: 1);
        var (work, factory) = wf.Instance();

        var first = await work.Queue.NextAsync(evaluators[0], campaignId);
        var blocked = await work.Queue.NextAsync(evaluators[1], campaignId);
        wf.Clock.Advance(TimeSpan.FromMinutes(21));
        var second = await work.Queue.NextAsync(evaluators[1], campaignId);

        Assert.Equal(ClaimOutcome.Claimed, first.Outcome);
        Assert.Equal(ClaimOutcome.NothingLeft, blocked.Outcome);
        Assert.Equal(ClaimOutcome.Claimed, second.Outcome);
        await using var db = await factory.CreateDbContextAsync();
        Assert.Equal(AssignmentState.Expired, (await db.Assignments.SingleAsync(a => a.Id == first.AssignmentId)).State);
        Assert.Equal(1, (await db.Examples.SingleAsync()).HolderCount);
        // The first evaluator, back late, cannot take the slot that is now someone else's.
        var late = await work.Submissions.SubmitAsync(first.AssignmentId!.Value, evaluators[0], WorkflowDb.FullScores());
        Assert.Equal(SubmitOutcome.SlotLost, late.Outcome);
    }

    [Fact]
    public async Task Autosaving_keeps_the_reservation_alive_and_the_draft_comes_back()
    {
        await using var wf = new WorkflowDb();
        var (campaignId, evaluators) = await wf.SeedAsync(examples: 2, evaluators: 1);
        var (work, _) = wf.Instance();
        var claim = await work.Queue.NextAsync(evaluators[0], campaignId);

        for (var i = 0; i < 5; i++)
        {
            wf.Clock.Advance(TimeSpan.FromMinutes(10));
            await work.Drafts.SaveDraftAsync(claim.AssignmentId!.Value, evaluators[0], WorkflowDb.FullScores(2) with { OverallComment = $"note {i}" });
        }

        var again = await work.Queue.NextAsync(evaluators[0], campaignId);
        var draft = await work.Drafts.LoadDraftAsync(claim.AssignmentId!.Value, evaluators[0]);

        Assert.Equal((ClaimOutcome.Resumed, claim.AssignmentId), (again.Outcome, again.AssignmentId));
        Assert.Equal("note 4", draft!.OverallComment);
        Assert.Equal(2, draft.Scores["accuracy"]);
    }

    [Fact]
    public async Task Submit_checks_required_criteria_and_scales_and_another_evaluator_cannot_submit()
    {
        await using var wf = new WorkflowDb();
        var (campaignId, evaluators) = await wf.SeedAsync(examples: 1, evaluators: 2);
        var (work, _) = wf.Instance();
        var claim = await work.Queue.NextAsync(evaluators[0], campaignId);
        var id = claim.AssignmentId!.Value;

        var missing = await work.Submissions.SubmitAsync(id, evaluators[0], WorkflowDb.FullScores() with { Scores = new Dictionary<string, int> { ["accuracy"] = 4 } });
        var outOfScale = await work.Submissions.SubmitAsync(id, evaluators[0], WorkflowDb.FullScores(9));
        var stranger = await work.Submissions.SubmitAsync(id, evaluators[1], WorkflowDb.FullScores());
        var ok = await work.Submissions.SubmitAsync(id, evaluators[0], WorkflowDb.FullScores());
        var twice = await work.Submissions.SubmitAsync(id, evaluators[0], WorkflowDb.FullScores());

        Assert.Equal(SubmitOutcome.Invalid, missing.Outcome);
        Assert.Contains("Helpfulness needs a score.", missing.Problems);
        Assert.Contains("Accuracy must be between 1 and 5.", outOfScale.Problems);
        Assert.Equal(SubmitOutcome.NotYours, stranger.Outcome);
        Assert.Equal(SubmitOutcome.Submitted, ok.Outcome);
        Assert.Equal(SubmitOutcome.AlreadyClosed, twice.Outcome);
    }

    [Fact]
    public async Task At_the_session_cap_the_server_refuses_claims_until_the_break_is_over()
    {
        await using var wf = new WorkflowDb();
        var (campaignId, evaluators) = await wf.SeedAsync(examples: 40, evaluators: 1, k: 1, c => { c.SessionCapMinutes = 30; c.BreakMinutes = 15; });
        var (work, _) = wf.Instance();
        var me = evaluators[0];

        ClaimResult claim;
        var rated = 0;
        while (true)
        {
            claim = await work.Queue.NextAsync(me, campaignId);
            if (!claim.HasWork)
            {
                break;
            }

            // Four minutes of steady work on each example, autosaving every minute.
            for (var m = 0; m < 4; m++)
            {
                wf.Clock.Advance(TimeSpan.FromMinutes(1));
                await work.Drafts.SaveDraftAsync(claim.AssignmentId!.Value, me, WorkflowDb.FullScores());
            }

            Assert.Equal(SubmitOutcome.Submitted, (await work.Submissions.SubmitAsync(claim.AssignmentId!.Value, me, WorkflowDb.FullScores())).Outcome);
            rated++;
        }

        Assert.Equal(ClaimOutcome.CapReached, claim.Outcome);
        Assert.Equal(8, rated);
        var capAt = claim.NotBefore!.Value.AddMinutes(-15);
        Assert.Equal(new DateTime(2026, 11, 27, 9, 30, 0, DateTimeKind.Utc), capAt);

        wf.Clock.Now = capAt.AddMinutes(14);
        Assert.Equal(ClaimOutcome.CapReached, (await work.Queue.NextAsync(me, campaignId)).Outcome);
        wf.Clock.Now = capAt.AddMinutes(15);
        Assert.Equal(ClaimOutcome.Claimed, (await work.Queue.NextAsync(me, campaignId)).Outcome);
    }

    [Fact]
    public async Task Off_roster_inactive_and_closed_campaigns_get_no_work()
    {
        await using var wf = new WorkflowDb();
        var (campaignId, evaluators) = await wf.SeedAsync(examples: 3, evaluators: 2);
        var (work, factory) = wf.Instance();
        await using var db = await factory.CreateDbContextAsync();

        await db.RosterMembers.Where(r => r.EvaluatorId == evaluators[1]).ExecuteDeleteAsync();
        Assert.Equal(ClaimOutcome.NotOnRoster, (await work.Queue.NextAsync(evaluators[1], campaignId)).Outcome);

        await db.EvaluatorProfiles.Where(p => p.UserId == evaluators[0]).ExecuteUpdateAsync(s => s.SetProperty(p => p.Active, false));
        Assert.Equal(ClaimOutcome.Inactive, (await work.Queue.NextAsync(evaluators[0], campaignId)).Outcome);

        await db.Campaigns.ExecuteUpdateAsync(s => s.SetProperty(c => c.State, CampaignState.Closed));
        Assert.Equal(ClaimOutcome.CampaignNotOpen, (await work.Queue.NextAsync(evaluators[0], campaignId)).Outcome);
    }

    [Fact]
    public async Task The_expert_mix_is_kept_a_user_never_takes_the_slot_an_expert_needs()
    {
        await using var wf = new WorkflowDb();
        var (campaignId, evaluators) = await wf.SeedAsync(examples: 1, evaluators: 3, k: 2, c => c.MinExperts = 1, experts: 1);
        var (work, _) = wf.Instance();

        var user1 = await work.Queue.NextAsync(evaluators[1], campaignId);
        var user2 = await work.Queue.NextAsync(evaluators[2], campaignId);
        var expert = await work.Queue.NextAsync(evaluators[0], campaignId);

        Assert.Equal(ClaimOutcome.Claimed, user1.Outcome);
        Assert.Equal(ClaimOutcome.NothingLeft, user2.Outcome);
        Assert.Equal(ClaimOutcome.Claimed, expert.Outcome);
    }

    [Fact]
    public async Task Heartbeats_from_a_visible_active_tab_keep_the_reservation_and_count_as_active_time()
    {
        await using var wf = new WorkflowDb();
        var (campaignId, evaluators) = await wf.SeedAsync(examples: 2, evaluators: 1);
        var (work, factory) = wf.Instance();
        var claim = await work.Queue.NextAsync(evaluators[0], campaignId);

        for (var i = 0; i < 50; i++)
        {
            wf.Clock.Advance(TimeSpan.FromSeconds(30));
            await work.Drafts.KeepAliveAsync(claim.AssignmentId!.Value, evaluators[0]);
        }

        // Then the tab is hidden for ten minutes: no heartbeats, and that gap does not count.
        wf.Clock.Advance(TimeSpan.FromMinutes(10));
        await work.Drafts.KeepAliveAsync(claim.AssignmentId!.Value, evaluators[0]);

        Assert.Equal((ClaimOutcome.Resumed, claim.AssignmentId), ((await work.Queue.NextAsync(evaluators[0], campaignId)).Outcome, claim.AssignmentId));
        await using var db = await factory.CreateDbContextAsync();
        Assert.Equal(25 * 60, (await db.EvaluationSessions.SingleAsync()).ActiveSeconds);
    }

    [Fact]
    public async Task Two_processes_claiming_on_one_database_keep_the_invariants()
    {
        await using var wf = new WorkflowDb();
        var (campaignId, evaluators) = await wf.SeedAsync(examples: 30, evaluators: 40);
        var id = campaignId.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var runs = await Task.WhenAll(
            Hosting.AppProcess.RunAsync("HumanEval.Bench.dll", ["storm", wf.Path, id, .. evaluators.Where((_, i) => i % 2 == 0)], timeout: TimeSpan.FromMinutes(3)),
            Hosting.AppProcess.RunAsync("HumanEval.Bench.dll", ["storm", wf.Path, id, .. evaluators.Where((_, i) => i % 2 == 1)], timeout: TimeSpan.FromMinutes(3)));

        Assert.All(runs, r => Assert.True(r.ExitCode == 0, r.Stderr));
        var rated = runs.Sum(r => int.Parse(r.Stdout.Trim().Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(90, rated);
        var (_, factory) = wf.Instance();
        await using var db = await factory.CreateDbContextAsync();
        Assert.Equal(90, await db.Ratings.CountAsync());
        var perExample = await db.Ratings.GroupBy(r => r.ExampleId).Select(g => new { Count = g.Count(), Raters = g.Select(r => r.EvaluatorId).Distinct().Count() }).ToListAsync();
        Assert.Equal(30, perExample.Count);
        Assert.All(perExample, p => Assert.Equal((3, 3), (p.Count, p.Raters)));
        Assert.All(await db.Examples.AsNoTracking().ToListAsync(), e => Assert.Equal((3, 3), (e.HolderCount, e.SubmittedCount)));
    }

    [Fact]
    public async Task Overlapping_draft_saves_of_one_assignment_from_two_instances_all_succeed_into_one_draft()
    {
        await using var wf = new WorkflowDb();
        var (campaignId, evaluators) = await wf.SeedAsync(examples: 1, evaluators: 1, k: 1);
        var instances = new[] { wf.Instance(), wf.Instance() };
        var claim = await instances[0].Work.Queue.NextAsync(evaluators[0], campaignId);

        // Two tabs (or two instances) saving the first draft at the same moment race to insert it.
        await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(() =>
            instances[i % 2].Work.Drafts.SaveDraftAsync(claim.AssignmentId!.Value, evaluators[0], WorkflowDb.FullScores(1 + (i % 5))))));

        await using var db = await instances[0].Factory.CreateDbContextAsync();
        Assert.Equal(1, await db.RatingDrafts.CountAsync());
        Assert.NotNull(await instances[1].Work.Drafts.LoadDraftAsync(claim.AssignmentId!.Value, evaluators[0]));
    }
}
