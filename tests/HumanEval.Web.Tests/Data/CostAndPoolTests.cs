using HumanEval.Core.Sessions;
using HumanEval.Data;
using HumanEval.Data.Entities;
using HumanEval.Data.Workflow;
using Microsoft.EntityFrameworkCore;

namespace HumanEval.Web.Tests.Data;

public sealed class CostAndPoolTests
{
    private static async Task SetProfileAsync(IDbContextFactory<AppDbContext> factory, string id, Action<EvaluatorProfile> change)
    {
        await using var db = await factory.CreateDbContextAsync();
        var profile = await db.EvaluatorProfiles.SingleAsync(p => p.UserId == id);
        change(profile);
        await db.SaveChangesAsync();
    }

    private static async Task<long> RateOneAsync(Work work, string evaluator, int campaignId, int activeSeconds = 30)
    {
        var claim = await work.Queue.NextAsync(evaluator, campaignId);
        Assert.True(claim.HasWork, claim.Outcome.ToString());
        var result = await work.Submissions.SubmitAsync(claim.AssignmentId!.Value, evaluator, WorkflowDb.FullScores() with { ActiveSeconds = activeSeconds });
        Assert.Equal(SubmitOutcome.Submitted, result.Outcome);
        return claim.AssignmentId.Value;
    }

    [Fact]
    public async Task The_rate_in_force_is_recorded_with_the_rating_and_a_later_change_does_not_rewrite_it()
    {
        await using var wf = new WorkflowDb();
        var (campaignId, evaluators) = await wf.SeedAsync(examples: 4, evaluators: 3);
        var (work, factory) = wf.Instance();
        var admin = new EvaluatorAdmin(factory, wf.Clock, work.Reservations);
        await SetProfileAsync(factory, evaluators[0], p => p.HourlyRate = 36m);

        var first = await RateOneAsync(work, evaluators[0], campaignId, activeSeconds: 300);
        var edit = (await admin.GetAsync(evaluators[0]))!;
        edit.DisplayName = "Eve";
        edit.Rate = 72m;
        Assert.Empty((await admin.UpdateAsync(evaluators[0], edit, "lead")).Problems);
        var second = await RateOneAsync(work, evaluators[0], campaignId, activeSeconds: 300);

        await using var db = await factory.CreateDbContextAsync();
        var costs = await db.Ratings.OrderBy(r => r.Id).Select(r => new { r.AssignmentId, r.HourlyRate, r.Cost, r.Currency }).ToListAsync();
        Assert.Equal((first, 36m, 3m), (costs[0].AssignmentId, costs[0].HourlyRate!.Value, costs[0].Cost));
        Assert.Equal((second, 72m, 6m), (costs[1].AssignmentId, costs[1].HourlyRate!.Value, costs[1].Cost));
        Assert.All(costs, c => Assert.Equal("USD", c.Currency));
        var audit = await db.AuditEntries.SingleAsync(a => a.Action == "evaluator.rate");
        Assert.Equal("36 USD/h, weekly none -> 72 USD/h, weekly none", audit.Details);
        Assert.Equal(9m, await db.Ratings.Where(r => r.CampaignId == campaignId).SumAsync(r => r.Cost));
    }

    [Fact]
    public async Task Deactivating_keeps_past_ratings_frees_open_reservations_and_refuses_new_claims()
    {
        await using var wf = new WorkflowDb();
        var (campaignId, evaluators) = await wf.SeedAsync(examples: 4, evaluators: 3, k: 1);
        var (work, factory) = wf.Instance();
        var admin = new EvaluatorAdmin(factory, wf.Clock, work.Reservations);
        await RateOneAsync(work, evaluators[0], campaignId);
        var held = await work.Queue.NextAsync(evaluators[0], campaignId);
        Assert.Equal(ClaimOutcome.Claimed, held.Outcome);

        var edit = (await admin.GetAsync(evaluators[0]))!;
        edit.DisplayName = "Leaving";
        edit.Active = false;
        Assert.Empty((await admin.UpdateAsync(evaluators[0], edit, "lead")).Problems);

        await using (var db = await factory.CreateDbContextAsync())
        {
            var assignment = await db.Assignments.Include(a => a.Example).SingleAsync(a => a.Id == held.AssignmentId);
            Assert.Equal(AssignmentState.Released, assignment.State);
            Assert.Equal(0, assignment.Example.HolderCount);
            Assert.Equal(1, await db.Ratings.CountAsync(r => r.EvaluatorId == evaluators[0]));
            Assert.NotNull((await db.EvaluatorProfiles.SingleAsync(p => p.UserId == evaluators[0])).DeactivatedAt);
        }

        Assert.Equal(ClaimOutcome.Inactive, (await work.Queue.NextAsync(evaluators[0], campaignId)).Outcome);
        // The freed example goes to someone else straight away.
        var other = await work.Queue.NextAsync(evaluators[1], campaignId);
        Assert.Equal(ClaimOutcome.Claimed, other.Outcome);
    }

    [Fact]
    public async Task Claims_stop_when_spent_plus_live_reservations_reach_the_budget_until_the_lead_raises_it()
    {
        await using var wf = new WorkflowDb();
        var (campaignId, evaluators) = await wf.SeedAsync(examples: 10, evaluators: 4, k: 1, configure: c => c.Budget = 25m);
        var (work, factory) = wf.Instance();
        foreach (var id in evaluators)
        {
            await SetProfileAsync(factory, id, p => p.FlatRate = 10m);
        }

        await RateOneAsync(work, evaluators[0], campaignId);
        await RateOneAsync(work, evaluators[0], campaignId);
        // 20 spent: a third rating (10) is still under way when B claims...
        Assert.Equal(ClaimOutcome.Claimed, (await work.Queue.NextAsync(evaluators[1], campaignId)).Outcome);
        // ...so 20 + 10 committed = 30 ≥ 25: nobody else gets a new example.
        Assert.Equal(ClaimOutcome.BudgetReached, (await work.Queue.NextAsync(evaluators[2], campaignId)).Outcome);
        Assert.Equal(ClaimOutcome.BudgetReached, (await work.Queue.NextAsync(evaluators[0], campaignId)).Outcome);
        // B's own reservation is still theirs to finish.
        Assert.Equal(ClaimOutcome.Resumed, (await work.Queue.NextAsync(evaluators[1], campaignId)).Outcome);

        await using (var db = await factory.CreateDbContextAsync())
        {
            await db.Campaigns.Where(c => c.Id == campaignId).ExecuteUpdateAsync(s => s.SetProperty(c => c.Budget, 100m));
        }

        Assert.Equal(ClaimOutcome.Claimed, (await work.Queue.NextAsync(evaluators[2], campaignId)).Outcome);
    }

    [Fact]
    public async Task The_weekly_hour_limit_stops_claims_until_next_monday()
    {
        await using var wf = new WorkflowDb();
        var (campaignId, evaluators) = await wf.SeedAsync(examples: 5, evaluators: 2);
        var (work, factory) = wf.Instance();
        await SetProfileAsync(factory, evaluators[0], p => p.WeeklyHourLimit = 1);
        await using (var db = await factory.CreateDbContextAsync())
        {
            // An hour of rating on Monday in another sitting (clock: Friday 27 Nov 2026).
            db.EvaluationSessions.Add(new EvaluationSession
            {
                EvaluatorId = evaluators[0], CampaignId = campaignId, StartedAt = wf.Clock.Now.AddDays(-4), LastActivityAt = wf.Clock.Now.AddDays(-4).AddHours(1),
                ActiveSeconds = 3600, EndedAt = wf.Clock.Now.AddDays(-4).AddHours(1), EndReason = SessionEnd.Idle,
            });
            await db.SaveChangesAsync();
        }

        var refused = await work.Queue.NextAsync(evaluators[0], campaignId);
        Assert.Equal(ClaimOutcome.WeeklyLimitReached, refused.Outcome);
        Assert.Equal(new DateTime(2026, 11, 30, 0, 0, 0, DateTimeKind.Utc), refused.NotBefore);
        Assert.Equal(ClaimOutcome.Claimed, (await work.Queue.NextAsync(evaluators[1], campaignId)).Outcome);

        wf.Clock.Advance(TimeSpan.FromDays(3));
        Assert.Equal(ClaimOutcome.Claimed, (await work.Queue.NextAsync(evaluators[0], campaignId)).Outcome);
    }

    [Fact]
    public async Task A_profile_with_two_rates_or_a_bad_currency_is_refused_with_reasons()
    {
        await using var wf = new WorkflowDb();
        var (_, evaluators) = await wf.SeedAsync(examples: 1, evaluators: 1);
        var (work, factory) = wf.Instance();
        var admin = new EvaluatorAdmin(factory, wf.Clock, work.Reservations);
        var edit = (await admin.GetAsync(evaluators[0]))!;
        edit.DisplayName = "";
        edit.Pay = PayKind.Hourly;
        edit.Rate = null;
        edit.Currency = "dollars";
        edit.WeeklyHourLimit = 100;

        var problems = (await admin.UpdateAsync(evaluators[0], edit, "lead")).Problems;

        Assert.Contains("Give the evaluator a display name.", problems);
        Assert.Contains("Enter the hourly rate.", problems);
        Assert.Contains(problems, p => p.StartsWith("Currency must be", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("The weekly hour limit", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_roster_shows_who_is_rating_capped_on_break_over_the_weekly_limit_or_inactive()
    {
        await using var wf = new WorkflowDb();
        var (campaignId, evaluators) = await wf.SeedAsync(examples: 10, evaluators: 6);
        var (work, factory) = wf.Instance();
        var now = wf.Clock.Now;
        Assert.True((await work.Queue.NextAsync(evaluators[0], campaignId)).HasWork);
        await using (var db = await factory.CreateDbContextAsync())
        {
            EvaluationSession Capped(string who, int minutesAgo) => new()
            {
                EvaluatorId = who, CampaignId = campaignId, StartedAt = now.AddHours(-3), LastActivityAt = now.AddMinutes(-minutesAgo),
                ActiveSeconds = 7200, CapReachedAt = now.AddMinutes(-minutesAgo),
            };
            db.EvaluationSessions.AddRange(Capped(evaluators[1], 2), Capped(evaluators[2], 12));
            db.EvaluationSessions.Add(new EvaluationSession
            {
                EvaluatorId = evaluators[3], CampaignId = campaignId, StartedAt = now.AddDays(-1), LastActivityAt = now.AddDays(-1).AddHours(2),
                ActiveSeconds = 7200, EndedAt = now.AddDays(-1).AddHours(2), EndReason = SessionEnd.Idle,
            });
            (await db.EvaluatorProfiles.SingleAsync(p => p.UserId == evaluators[3])).WeeklyHourLimit = 2;
            (await db.EvaluatorProfiles.SingleAsync(p => p.UserId == evaluators[4])).Active = false;
            await db.SaveChangesAsync();
        }

        var roster = (await new RosterAdmin(factory, wf.Clock, new Reservations(factory, wf.Clock)).RosterAsync(campaignId)).ToDictionary(r => r.EvaluatorId);

        Assert.Equal(EvaluatorStatus.RatingNow, roster[evaluators[0]].Status);
        Assert.Equal(1, roster[evaluators[0]].Reserved);
        Assert.Equal(1, roster[evaluators[0]].Sessions);
        Assert.Equal(EvaluatorStatus.Capped, roster[evaluators[1]].Status);
        Assert.Equal(EvaluatorStatus.OnBreak, roster[evaluators[2]].Status);
        Assert.Equal(EvaluatorStatus.WeeklyLimit, roster[evaluators[3]].Status);
        Assert.Equal(2.0, roster[evaluators[3]].HoursThisWeek);
        Assert.Equal(EvaluatorStatus.Inactive, roster[evaluators[4]].Status);
        Assert.Equal(EvaluatorStatus.Idle, roster[evaluators[5]].Status);
    }
}
