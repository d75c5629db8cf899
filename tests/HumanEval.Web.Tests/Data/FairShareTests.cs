using HumanEval.Core.Assignment;
using HumanEval.Data.Entities;
using HumanEval.Data.Workflow;
using Microsoft.EntityFrameworkCore;

namespace HumanEval.Web.Tests.Data;

/// <summary>The stall a new user's trial found, on the database: fair share, expert mix and k with the defaults.</summary>
public sealed class FairShareTests
{
    /// <summary>
    /// The trial: 30 examples, k = 3, one expert per example, 3 experts + 3 users, 10% slack (share 17). The experts
    /// rated first and spent their whole share together on 17 examples; the users then took two slots of each of the
    /// other 13, whose last slot needs an expert. Before the cap yielded, every expert got "you have done your share"
    /// and those 13 examples waited forever.
    /// </summary>
    [Fact]
    public async Task Experts_at_their_share_still_finish_the_examples_only_an_expert_can_take()
    {
        await using var wf = new WorkflowDb();
        var (campaignId, evaluators) = await wf.SeedAsync(examples: 17, evaluators: 6, k: 3, c => { c.MinExperts = 1; c.FairShareSlack = 0.10; }, experts: 3);
        var (work, factory) = wf.Instance();
        var operations = new OperationsQueries(factory, new AgreementQueries(factory), wf.Clock);
        var users = evaluators[3..];
        await SetRosterAsync(factory, campaignId, evaluators[..3]);
        foreach (var expert in evaluators[..3])
        {
            for (var i = 0; i < 17; i++)
            {
                await ClaimAndSubmitAsync(work, expert, campaignId);
            }
        }

        await using (var db = await factory.CreateDbContextAsync())
        {
            db.Examples.AddRange(Enumerable.Range(17, 13).Select(i => new Example
            {
                CampaignId = campaignId, ExternalId = $"ex-{i:D4}", Input = $"input {i}", Output = $"output {i}", Model = "a", PromptVersion = "v1", ImportedAt = wf.Clock.Now, Position = i,
            }));
            await db.SaveChangesAsync();
        }

        await SetRosterAsync(factory, campaignId, evaluators);
        foreach (var user in users)
        {
            while (await work.Queue.NextAsync(user, campaignId) is { HasWork: true, AssignmentId: { } id })
            {
                Assert.Equal(SubmitOutcome.Submitted, (await work.Submissions.SubmitAsync(id, user, WorkflowDb.FullScores())).Outcome);
            }
        }

        await using (var db = await factory.CreateDbContextAsync())
        {
            Assert.Equal(13, await db.Examples.CountAsync(e => e.CampaignId == campaignId && e.SubmittedCount == 2 && e.ExpertHolderCount == 0));
        }

        // The state of the trial. Every expert is at the share (ceil(3 · 30 / 6 · 1.1) = 17), yet only they can finish these.
        Assert.Equal(17, PolicySettings.FairShare(3, 30, 6, 0.10));
        Assert.Empty((await operations.ComputeAsync(campaignId))!.Progress.Waiting!);
        foreach (var expert in evaluators[..3])
        {
            while (await work.Queue.NextAsync(expert, campaignId) is { HasWork: true, AssignmentId: { } id })
            {
                Assert.Equal(SubmitOutcome.Submitted, (await work.Submissions.SubmitAsync(id, expert, WorkflowDb.FullScores())).Outcome);
            }
        }

        await using var check = await factory.CreateDbContextAsync();
        var examples = await check.Examples.Where(e => e.CampaignId == campaignId).Select(e => new { e.SubmittedCount, e.ExpertHolderCount }).ToListAsync();
        Assert.All(examples, e => Assert.Equal(3, e.SubmittedCount));
        Assert.All(examples, e => Assert.True(e.ExpertHolderCount >= 1));
        Assert.Equal(ClaimOutcome.FairShareReached, (await work.Queue.NextAsync(evaluators[0], campaignId)).Outcome);
        var ops = await operations.ComputeAsync(campaignId);
        Assert.Empty(ops!.Progress.Waiting!);
        Assert.Equal("All ratings are in.", ops.Turnaround.Summary.NoForecastReason);
    }

    private static async Task ClaimAndSubmitAsync(Work work, string evaluator, int campaignId)
    {
        var claim = await work.Queue.NextAsync(evaluator, campaignId);
        Assert.True(claim.HasWork, $"{evaluator}: {claim.Outcome}");
        Assert.Equal(SubmitOutcome.Submitted, (await work.Submissions.SubmitAsync(claim.AssignmentId!.Value, evaluator, WorkflowDb.FullScores())).Outcome);
    }

    private static async Task SetRosterAsync(IDbContextFactory<HumanEval.Data.AppDbContext> factory, int campaignId, IEnumerable<string> evaluators)
    {
        await using var db = await factory.CreateDbContextAsync();
        await db.RosterMembers.Where(r => r.CampaignId == campaignId).ExecuteDeleteAsync();
        db.RosterMembers.AddRange(evaluators.Select(e => new RosterMember { CampaignId = campaignId, EvaluatorId = e, AddedAt = DateTime.UtcNow }));
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task An_example_no_one_on_the_roster_can_take_is_named_with_the_reason_and_there_is_no_forecast()
    {
        await using var wf = new WorkflowDb();
        // One expert, two users, k = 2, one expert per example: the expert skips example 0, so its last slot waits for an expert who does not exist.
        var (campaignId, evaluators) = await wf.SeedAsync(examples: 2, evaluators: 3, k: 2, c => c.MinExperts = 1, experts: 1);
        var (work, factory) = wf.Instance();
        var operations = new OperationsQueries(factory, new AgreementQueries(factory), wf.Clock);

        var user = await work.Queue.NextAsync(evaluators[1], campaignId);
        Assert.Equal(SubmitOutcome.Submitted, (await work.Submissions.SubmitAsync(user.AssignmentId!.Value, evaluators[1], WorkflowDb.FullScores())).Outcome);
        await using (var db = await factory.CreateDbContextAsync())
        {
            var exampleOfUser = await db.Assignments.Where(a => a.Id == user.AssignmentId).Select(a => a.ExampleId).SingleAsync();
            var expert = await work.Queue.NextAsync(evaluators[0], campaignId);
            var expertExample = await db.Assignments.Where(a => a.Id == expert.AssignmentId).Select(a => a.ExampleId).SingleAsync();
            Assert.Equal(exampleOfUser, expertExample); // in-progress examples first
            Assert.True(await work.Submissions.SkipAsync(expert.AssignmentId!.Value, evaluators[0], "I lack the expertise for this example"));
        }

        var ops = await operations.ComputeAsync(campaignId);
        var waiting = Assert.Single(ops!.Progress.Waiting!);
        Assert.Equal(WaitReason.NeedsExpert, waiting.Reason);
        Assert.Equal(1, waiting.Examples);
        Assert.Null(ops.Turnaround.Summary.Forecast);
        Assert.Contains("cannot be given by anyone on the roster", ops.Turnaround.Summary.NoForecastReason);
        Assert.Contains("needs a domain expert", AssignmentPolicy.Explain(waiting.Reason));
        Assert.Single(await operations.WaitingAsync(campaignId));
    }

    [Fact]
    public async Task The_queue_count_says_what_the_evaluator_can_still_take_and_when_the_share_is_the_limit()
    {
        await using var wf = new WorkflowDb();
        var (campaignId, evaluators) = await wf.SeedAsync(examples: 20, evaluators: 4, k: 2, c => { c.MinExperts = 0; c.FairShareSlack = 0.0; }, experts: 4);
        var (work, factory) = wf.Instance();
        var queries = new WorkQueries(factory);

        var first = await work.Queue.NextAsync(evaluators[0], campaignId);
        var screen = await queries.ScreenAsync(first.AssignmentId!.Value, evaluators[0]);

        // Share = ceil(2 · 20 / 4) = 10; holding 1 leaves 9 of the 19 open examples.
        Assert.Equal(new QueueCount(9, 19, 10, true), screen!.Queue);
        var mine = Assert.Single(await queries.MyCampaignsAsync(evaluators[0]));
        Assert.Equal(9, mine.Queue.Left);
    }
}
