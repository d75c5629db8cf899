using HumanEval.Core.Assignment;
using HumanEval.Core.Campaigns;
using HumanEval.Core.Operations;
using HumanEval.Core.Sessions;
using HumanEval.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace HumanEval.Data.Workflow;

/// <summary>
/// Claiming: gives the evaluator their live reservation in a campaign, or claims the next example for them atomically,
/// in the order and under the limits of Core's <see cref="AssignmentPolicy"/> (fair share, expert mix, rotation),
/// the session rules, the weekly limit and the budget. Drafts, submits and skips are <see cref="DraftStore"/> and
/// <see cref="RatingSubmissions"/>; abandoned reservations return through <see cref="Reservations"/>.
/// </summary>
public sealed class WorkQueue(IDbContextFactory<AppDbContext> factory, TimeProvider clock, Reservations reservations, ILogger<WorkQueue>? logger = null)
{
    private readonly ILogger log = logger ?? NullLogger<WorkQueue>.Instance;

    private const int FreshCandidates = 200;

    private const int InProgressCandidates = 200;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Gives the evaluator their live reservation in this campaign, or claims the next example for them.</summary>
    public async Task<ClaimResult> NextAsync(string evaluatorId, int campaignId, CancellationToken ct = default)
    {
        var now = Now;
        await reservations.ExpireAsync(campaignId, ct);
        await using var db = await factory.CreateDbContextAsync(ct);
        var campaign = await db.Campaigns.AsNoTracking().SingleOrDefaultAsync(c => c.Id == campaignId, ct);
        if (campaign is null || campaign.State != CampaignState.Open)
        {
            return new ClaimResult(ClaimOutcome.CampaignNotOpen);
        }

        var live = await db.Assignments.AsNoTracking()
            .Where(a => a.CampaignId == campaignId && a.EvaluatorId == evaluatorId && a.State == AssignmentState.Reserved && a.ExpiresAt > now)
            .OrderBy(a => a.ClaimedAt).Select(a => (long?)a.Id).FirstOrDefaultAsync(ct);
        if (live is { } resumed)
        {
            return new ClaimResult(ClaimOutcome.Resumed, resumed);
        }

        if (!await db.RosterMembers.AnyAsync(r => r.CampaignId == campaignId && r.EvaluatorId == evaluatorId, ct))
        {
            return new ClaimResult(ClaimOutcome.NotOnRoster);
        }

        var profile = await db.EvaluatorProfiles.AsNoTracking().SingleOrDefaultAsync(p => p.UserId == evaluatorId, ct);
        if (profile is null || !profile.Active)
        {
            return new ClaimResult(ClaimOutcome.Inactive);
        }

        if (await db.EvaluatorPauses.AsNoTracking().Where(p => p.CampaignId == campaignId && p.EvaluatorId == evaluatorId && p.LiftedAt == null)
                .Select(p => new { p.Reason, p.Details }).FirstOrDefaultAsync(ct) is { } pause)
        {
            return new ClaimResult(ClaimOutcome.Paused, Reason: Pauses.Explain(pause.Reason, pause.Details));
        }

        if (profile.WeeklyHourLimit is { } limit)
        {
            var weekStart = WeeklyLimit.WeekStart(now);
            var seconds = await db.EvaluationSessions.Where(s => s.EvaluatorId == evaluatorId && s.StartedAt >= weekStart).SumAsync(s => (long?)s.ActiveSeconds, ct) ?? 0;
            if (!WeeklyLimit.Allows(TimeSpan.FromSeconds(seconds), limit))
            {
                return new ClaimResult(ClaimOutcome.WeeklyLimitReached, NotBefore: weekStart.AddDays(7));
            }
        }

        if (campaign.Budget is not null && !(await BudgetAsync(db, campaign, now, ct)).AllowsClaims)
        {
            return new ClaimResult(ClaimOutcome.BudgetReached);
        }

        var session = await WorkSessions.OpenSessionAsync(db, evaluatorId, campaign, now, ct);
        var decision = SessionRules.CanClaim(WorkSessions.ToClock(session), await WorkSessions.LastCappedAsync(db, evaluatorId, session?.Id, ct), now, WorkSessions.PolicyOf(campaign));
        if (!decision.Allowed)
        {
            return new ClaimResult(decision.Verdict == ClaimVerdict.CapReached ? ClaimOutcome.CapReached : ClaimOutcome.OnBreak, NotBefore: decision.NotBefore);
        }

        var isExpert = profile.Type == EvaluatorKind.DomainExpert;
        var asker = await AskerAsync(db, campaignId, evaluatorId, isExpert, ct);
        var roster = await RosterSeatsAsync(db, campaignId, now, ct);
        var settings = await SettingsAsync(db, campaign, roster.Count, ct);
        var ranked = AssignmentPolicy.Rank(await CandidatesAsync(db, campaign, evaluatorId, ct), asker, settings, roster);
        var lost = 0;
        foreach (var candidate in ranked)
        {
            var id = await TryClaimAsync(campaign, candidate.ExampleId, evaluatorId, isExpert, session, now, ct);
            if (id is not null)
            {
                if (lost > 0)
                {
                    log.LogInformation("Claim in campaign {CampaignId} lost {Lost} race(s) before taking example {ExampleId}", campaignId, lost, candidate.ExampleId);
                }

                return new ClaimResult(ClaimOutcome.Claimed, id);
            }

            lost++;
        }

        if (lost > 0)
        {
            log.LogInformation("Claim in campaign {CampaignId} lost all {Lost} candidate(s) to other evaluators", campaignId, lost);
        }

        return new ClaimResult(AssignmentPolicy.AtCap(asker, settings) ? ClaimOutcome.FairShareReached : ClaimOutcome.NothingLeft);
    }

    /// <summary>The campaign's policy settings: k, the expert minimum, the seed and the fair-share cap for this roster size.</summary>
    public static async Task<PolicySettings> SettingsAsync(AppDbContext db, Campaign campaign, int rosterSize, CancellationToken ct)
    {
        var exampleCount = await db.Examples.CountAsync(e => e.CampaignId == campaign.Id, ct);
        return new PolicySettings(campaign.K, campaign.MinExperts, campaign.Seed,
            campaign.FairShareSlack is { } slack ? PolicySettings.FairShare(campaign.K, exampleCount, rosterSize, slack) : null);
    }

    /// <summary>
    /// Every roster member as the policy sees them: kind, load (examples held: reserved or submitted) and whether they
    /// can rate (active profile, under the weekly limit).
    /// </summary>
    public static async Task<IReadOnlyList<RosterSeat>> RosterSeatsAsync(AppDbContext db, int campaignId, DateTime now, CancellationToken ct)
    {
        var held = AssignmentStates.Holding;
        var weekStart = WeeklyLimit.WeekStart(now);
        var rows = await db.RosterMembers.AsNoTracking().Where(r => r.CampaignId == campaignId)
            .Select(r => new
            {
                r.EvaluatorId,
                Profile = db.EvaluatorProfiles.Where(p => p.UserId == r.EvaluatorId).Select(p => new { p.Type, p.Active, p.WeeklyHourLimit }).FirstOrDefault(),
                Load = db.Assignments.Count(a => a.CampaignId == campaignId && a.EvaluatorId == r.EvaluatorId && held.Contains(a.State)),
                Seconds = db.EvaluationSessions.Where(s => s.EvaluatorId == r.EvaluatorId && s.StartedAt >= weekStart).Sum(s => (long?)s.ActiveSeconds) ?? 0,
            })
            .ToListAsync(ct);
        return rows.Select(r => new RosterSeat(
            Key(r.EvaluatorId),
            r.Profile?.Type ?? EvaluatorKind.RepresentativeUser,
            r.Load,
            r.Profile is { Active: true } p && WeeklyLimit.Allows(TimeSpan.FromSeconds(r.Seconds), p.WeeklyHourLimit))).ToList();
    }

    /// <summary>Spent, live reservations at the mean rating cost, and the budget (Core's <see cref="CostRules.CheckBudget"/>).</summary>
    public static async Task<BudgetCheck> BudgetAsync(AppDbContext db, Campaign campaign, DateTime now, CancellationToken ct)
    {
        var id = campaign.Id;
        var totals = await db.Ratings.Where(r => r.CampaignId == id).GroupBy(r => 1)
            .Select(g => new { Spent = g.Sum(r => r.Cost), Count = g.Count() }).FirstOrDefaultAsync(ct);
        var live = await db.Assignments.CountAsync(a => a.CampaignId == id && a.State == AssignmentState.Reserved && a.ExpiresAt > now, ct);
        var spent = totals?.Spent ?? 0m;
        return CostRules.CheckBudget(campaign.Budget, spent, live, totals is { Count: > 0 } t ? spent / t.Count : null);
    }

    /// <summary>
    /// Invariant 3: one conditional UPDATE takes the slot (row count checked; the condition is Core's slot rule,
    /// <see cref="ClaimConditions"/>) and the unique index on
    /// (example, evaluator) guards the insert; both in one transaction, so a lost race changes nothing.
    /// </summary>
    private async Task<long?> TryClaimAsync(Campaign campaign, long exampleId, string evaluatorId, bool isExpert, EvaluationSession? session, DateTime now, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.InTransactionAsync(async tx =>
        {
            var expert = isExpert ? 1 : 0;
            var taken = await db.Examples
                .Where(e => e.Id == exampleId)
                .Where(ClaimConditions.SlotOpen(campaign.K, campaign.MinExperts, isExpert))
                .ExecuteUpdateAsync(s => s
                    .SetProperty(e => e.HolderCount, e => e.HolderCount + 1)
                    .SetProperty(e => e.ExpertHolderCount, e => e.ExpertHolderCount + expert), ct);
            if (taken != 1)
            {
                await tx.RollbackAsync(ct);
                return (long?)null;
            }

            var assignment = new Assignment
            {
                ExampleId = exampleId,
                CampaignId = campaign.Id,
                EvaluatorId = evaluatorId,
                ByExpert = isExpert,
                SessionId = session?.Id,
                State = AssignmentState.Reserved,
                ClaimedAt = now,
                ExpiresAt = now.AddMinutes(campaign.ReservationTimeoutMinutes),
            };
            db.Assignments.Add(assignment);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // The evaluator already has (or had) this example: the unique index said no.
                await tx.RollbackAsync(ct);
                db.ChangeTracker.Clear();
                return null;
            }

            await tx.CommitAsync(ct);
            return assignment.Id;
        }, ct);
    }

    private static async Task<Asker> AskerAsync(AppDbContext db, int campaignId, string evaluatorId, bool isExpert, CancellationToken ct)
    {
        var held = AssignmentStates.Holding;
        var mine = db.Assignments.Where(a => a.CampaignId == campaignId && a.EvaluatorId == evaluatorId && held.Contains(a.State)).Select(a => a.ExampleId);
        var partners = await db.Assignments.AsNoTracking()
            .Where(a => mine.Contains(a.ExampleId) && a.EvaluatorId != evaluatorId && held.Contains(a.State))
            .GroupBy(a => a.EvaluatorId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var last = await db.Assignments.AsNoTracking()
            .Where(a => a.CampaignId == campaignId && a.EvaluatorId == evaluatorId)
            .OrderByDescending(a => a.ClaimedAt).Select(a => new { a.Example.Model, a.Example.PromptVersion }).FirstOrDefaultAsync(ct);
        var load = await mine.CountAsync(ct);
        return new Asker(
            Key(evaluatorId),
            isExpert ? EvaluatorKind.DomainExpert : EvaluatorKind.RepresentativeUser,
            last is null ? null : $"{last.Model}|{last.PromptVersion}",
            partners.ToDictionary(p => Key(p.Key), p => p.Count),
            load);
    }

    private static async Task<List<Candidate>> CandidatesAsync(AppDbContext db, Campaign campaign, string evaluatorId, CancellationToken ct)
    {
        var k = campaign.K;
        var mine = db.Assignments.Where(a => a.EvaluatorId == evaluatorId && a.CampaignId == campaign.Id).Select(a => a.ExampleId);
        var open = db.Examples.AsNoTracking().Where(e => e.CampaignId == campaign.Id && e.HolderCount < k && !mine.Contains(e.Id));
        // In-progress examples first (they finish turnaround), then a window of fresh ones for the per-evaluator shuffle.
        var rows = await open.Where(e => e.HolderCount > 0).OrderByDescending(e => e.HolderCount).ThenBy(e => e.Position).Take(InProgressCandidates)
            .Select(e => new { e.Id, e.Model, e.PromptVersion, e.ExpertHolderCount })
            .Concat(open.Where(e => e.HolderCount == 0).OrderBy(e => e.Position).Take(FreshCandidates)
                .Select(e => new { e.Id, e.Model, e.PromptVersion, e.ExpertHolderCount }))
            .ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var recentInputs = await db.Assignments.AsNoTracking()
            .Where(a => a.CampaignId == campaign.Id && a.EvaluatorId == evaluatorId)
            .OrderByDescending(a => a.ClaimedAt).Take(AssignmentPolicy.RecentInputs).Select(a => a.Example.Input).ToListAsync(ct);
        var repeats = recentInputs.Count == 0 ? [] : (await db.Examples.AsNoTracking()
            .Where(e => ids.Contains(e.Id) && recentInputs.Contains(e.Input)).Select(e => e.Id).ToListAsync(ct)).ToHashSet();
        var assignments = (await db.Assignments.AsNoTracking()
            .Where(a => ids.Contains(a.ExampleId))
            .Select(a => new { a.ExampleId, a.EvaluatorId, a.State }).ToListAsync(ct))
            .ToLookup(a => a.ExampleId);
        return rows.Select(r => new Candidate(r.Id, $"{r.Model}|{r.PromptVersion}",
            assignments[r.Id].Where(a => AssignmentStates.Holding.Contains(a.State)).Select(a => Key(a.EvaluatorId)).ToList(),
            r.ExpertHolderCount,
            assignments[r.Id].Select(a => Key(a.EvaluatorId)).ToHashSet(),
            repeats.Contains(r.Id))).ToList();
    }

    /// <summary>A stable numeric key for a user id (the policy works on numbers).</summary>
    public static long Key(string userId)
    {
        unchecked
        {
            var hash = 1469598103934665603L;
            foreach (var ch in userId)
            {
                hash = (hash ^ ch) * 1099511628211L;
            }

            return hash & long.MaxValue;
        }
    }
}
