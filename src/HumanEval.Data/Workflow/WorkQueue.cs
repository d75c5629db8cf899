using System.Text.Json;
using HumanEval.Core.Assignment;
using HumanEval.Core.Campaigns;
using HumanEval.Core.Operations;
using HumanEval.Core.Rubrics;
using HumanEval.Core.Sessions;
using HumanEval.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace HumanEval.Data.Workflow;

public enum ClaimOutcome
{
    Claimed,
    Resumed,
    NothingLeft,
    NotOnRoster,
    CampaignNotOpen,
    Inactive,
    CapReached,
    OnBreak,
    FairShareReached,
    WeeklyLimitReached,
    BudgetReached,
}

public sealed record ClaimResult(ClaimOutcome Outcome, long? AssignmentId = null, DateTime? NotBefore = null)
{
    public bool HasWork => Outcome is ClaimOutcome.Claimed or ClaimOutcome.Resumed;
}

public sealed record DraftInput(IReadOnlyDictionary<string, int> Scores, IReadOnlyDictionary<string, string> Comments, string? OverallComment, bool Flagged, string? FlagReason, int ActiveSeconds);

public enum SubmitOutcome
{
    Submitted,
    Invalid,
    NotYours,
    AlreadyClosed,
    SlotLost,
    GraceOver,
}

public sealed record SubmitResult(SubmitOutcome Outcome, IReadOnlyList<string> Problems);

/// <summary>
/// The evaluator's side of the workflow, on the database: claim the next example atomically, autosave drafts,
/// submit, skip, and expire abandoned reservations. Every rule that is not about storage comes from Core.
/// </summary>
public sealed class WorkQueue(IDbContextFactory<AppDbContext> factory, TimeProvider clock)
{
    private const int FreshCandidates = 200;
    private const int InProgressCandidates = 200;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public static SessionPolicy PolicyOf(Campaign c) => new()
    {
        Cap = TimeSpan.FromMinutes(c.SessionCapMinutes),
        Break = TimeSpan.FromMinutes(c.BreakMinutes),
    };

    /// <summary>Gives the evaluator their live reservation in this campaign, or claims the next example for them.</summary>
    public async Task<ClaimResult> NextAsync(string evaluatorId, int campaignId, CancellationToken ct = default)
    {
        var now = Now;
        await ExpireAsync(campaignId, ct);
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

        var session = await OpenSessionAsync(db, evaluatorId, campaign, now, ct);
        var decision = SessionRules.CanClaim(ToClock(session), await LastCappedAsync(db, evaluatorId, session?.Id, ct), now, PolicyOf(campaign));
        if (!decision.Allowed)
        {
            return new ClaimResult(decision.Verdict == ClaimVerdict.CapReached ? ClaimOutcome.CapReached : ClaimOutcome.OnBreak, NotBefore: decision.NotBefore);
        }

        var isExpert = profile.Type == EvaluatorKind.DomainExpert;
        var asker = await AskerAsync(db, campaignId, evaluatorId, isExpert, ct);
        var roster = await RosterSeatsAsync(db, campaignId, now, ct);
        var settings = await SettingsAsync(db, campaign, roster.Count, ct);
        var ranked = AssignmentPolicy.Rank(await CandidatesAsync(db, campaign, evaluatorId, ct), asker, settings, roster);
        foreach (var candidate in ranked)
        {
            var id = await TryClaimAsync(campaign, candidate.ExampleId, evaluatorId, isExpert, session, now, ct);
            if (id is not null)
            {
                return new ClaimResult(ClaimOutcome.Claimed, id);
            }
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
    /// Invariant 3: one conditional UPDATE takes the slot (row count checked) and the unique index on
    /// (example, evaluator) guards the insert; both in one transaction, so a lost race changes nothing.
    /// </summary>
    private async Task<long?> TryClaimAsync(Campaign campaign, long exampleId, string evaluatorId, bool isExpert, EvaluationSession? session, DateTime now, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.InTransactionAsync(async tx =>
        {
            var k = campaign.K;
            var minExperts = campaign.MinExperts;
            var expert = isExpert ? 1 : 0;
            var taken = await db.Examples
                .Where(e => e.Id == exampleId && e.HolderCount < k && (isExpert || k - e.HolderCount > minExperts - e.ExpertHolderCount))
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

    /// <summary>
    /// Upserts the draft. Two saves of one assignment may race (two tabs): the loser of the insert finds the winner's
    /// row on its second try and updates it.
    /// </summary>
    /// <returns>The session clock after this activity (null when no session is open), for the page to draw.</returns>
    public async Task<SessionClock?> SaveDraftAsync(long assignmentId, string evaluatorId, DraftInput draft, CancellationToken ct = default)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await SaveDraftOnceAsync(assignmentId, evaluatorId, draft, ct);
                break;
            }
            catch (DbUpdateException) when (attempt == 0)
            {
            }
        }

        return await TouchSessionAsync(evaluatorId, ct);
    }

    private async Task SaveDraftOnceAsync(long assignmentId, string evaluatorId, DraftInput draft, CancellationToken ct)
    {
        var now = Now;
        await using var db = await factory.CreateDbContextAsync(ct);
        var assignment = await db.Assignments.SingleOrDefaultAsync(a => a.Id == assignmentId && a.EvaluatorId == evaluatorId, ct)
            ?? throw new UnauthorizedAccessException("not your assignment");
        if (assignment.State is not (AssignmentState.Reserved or AssignmentState.Expired))
        {
            return;
        }

        var row = await db.RatingDrafts.SingleOrDefaultAsync(d => d.AssignmentId == assignmentId, ct);
        if (row is null)
        {
            row = new RatingDraft { AssignmentId = assignmentId };
            db.RatingDrafts.Add(row);
        }

        row.Scores = JsonSerializer.Serialize(draft.Scores);
        row.Comments = JsonSerializer.Serialize(draft.Comments);
        row.OverallComment = draft.OverallComment;
        row.Flagged = draft.Flagged;
        row.FlagReason = draft.FlagReason;
        row.ActiveSeconds = Math.Max(row.ActiveSeconds, draft.ActiveSeconds);
        row.UpdatedAt = now;
        if (assignment.State == AssignmentState.Reserved)
        {
            // Working on it keeps the reservation alive; only abandoned items return to the pool.
            var campaign = await db.Campaigns.AsNoTracking().SingleAsync(c => c.Id == assignment.CampaignId, ct);
            assignment.ExpiresAt = now.AddMinutes(campaign.ReservationTimeoutMinutes);
        }

        using (await WriteGate.EnterAsync(db, ct))
        {
            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>The evaluator is still working on it: extend the reservation and count the active time.</summary>
    /// <returns>The session clock after this activity (null when the assignment is not theirs or no session is open).</returns>
    public async Task<SessionClock?> KeepAliveAsync(long assignmentId, string evaluatorId, CancellationToken ct = default)
    {
        var now = Now;
        await using var db = await factory.CreateDbContextAsync(ct);
        var timeout = await db.Assignments.Where(a => a.Id == assignmentId && a.EvaluatorId == evaluatorId)
            .Select(a => (int?)db.Campaigns.Where(c => c.Id == a.CampaignId).Select(c => c.ReservationTimeoutMinutes).First()).FirstOrDefaultAsync(ct);
        if (timeout is { } minutes)
        {
            var until = now.AddMinutes(minutes);
            using (await WriteGate.EnterAsync(db, ct))
            {
                await db.Assignments.Where(a => a.Id == assignmentId && a.State == AssignmentState.Reserved && a.ExpiresAt < until)
                    .ExecuteUpdateAsync(s => s.SetProperty(a => a.ExpiresAt, until), ct);
            }

            return await TouchSessionAsync(evaluatorId, ct);
        }

        return null;
    }

    public async Task<DraftInput?> LoadDraftAsync(long assignmentId, string evaluatorId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var row = await db.RatingDrafts.AsNoTracking()
            .Where(d => d.AssignmentId == assignmentId && db.Assignments.Any(a => a.Id == assignmentId && a.EvaluatorId == evaluatorId))
            .SingleOrDefaultAsync(ct);
        return row is null
            ? null
            : new DraftInput(
                JsonSerializer.Deserialize<Dictionary<string, int>>(row.Scores) ?? [],
                JsonSerializer.Deserialize<Dictionary<string, string>>(row.Comments) ?? [],
                row.OverallComment, row.Flagged, row.FlagReason, row.ActiveSeconds);
    }

    /// <summary>Validates against the campaign's rubric version and commits rating, scores, assignment and counters in one transaction.</summary>
    public async Task<SubmitResult> SubmitAsync(long assignmentId, string evaluatorId, DraftInput input, CancellationToken ct = default)
    {
        var now = Now;
        await using var db = await factory.CreateDbContextAsync(ct);
        var assignment = await db.Assignments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == assignmentId, ct);
        if (assignment is null || assignment.EvaluatorId != evaluatorId)
        {
            return new SubmitResult(SubmitOutcome.NotYours, ["This example is not assigned to you."]);
        }

        if (assignment.State is AssignmentState.Submitted or AssignmentState.Skipped or AssignmentState.Released)
        {
            return new SubmitResult(SubmitOutcome.AlreadyClosed, ["This example was already submitted or skipped."]);
        }

        var campaign = await db.Campaigns.AsNoTracking().SingleAsync(c => c.Id == assignment.CampaignId, ct);
        var criteria = await db.Criteria.AsNoTracking().Where(c => c.RubricVersionId == campaign.RubricVersionId).OrderBy(c => c.Position).ToListAsync(ct);
        var problems = ScoreValidation.Validate(
            criteria.Select(c => new HumanEval.Core.Rubrics.Criterion(c.Key, c.Label, c.Description, c.Scale, c.Min, c.Max, c.Required, [])).ToList(),
            input.Scores, input.Flagged, input.FlagReason);
        if (problems.Count > 0)
        {
            return new SubmitResult(SubmitOutcome.Invalid, problems);
        }

        var session = assignment.SessionId is { } sid ? await db.EvaluationSessions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == sid, ct) : null;
        if (session is not null && !SessionRules.CanSubmit(ToClock(session)!, now, PolicyOf(campaign)))
        {
            return new SubmitResult(SubmitOutcome.GraceOver, ["Your session reached its cap more than five minutes ago; this example went back to the pool. Take your break."]);
        }

        // Invariant 5: the rate in force now is written into the rating; later rate changes never rewrite it.
        var rate = await db.EvaluatorProfiles.AsNoTracking().Where(p => p.UserId == evaluatorId)
            .Select(p => new RateCard(p.HourlyRate, p.FlatRate, p.Currency)).SingleOrDefaultAsync(ct) ?? RateCard.None;
        var externalId = await db.Examples.AsNoTracking().Where(e => e.Id == assignment.ExampleId).Select(e => e.ExternalId).SingleAsync(ct);
        return await db.InTransactionAsync(async tx =>
        {
            var k = campaign.K;
            var fromReserved = await db.Assignments
                .Where(a => a.Id == assignmentId && a.State == AssignmentState.Reserved)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.State, AssignmentState.Submitted).SetProperty(a => a.ClosedAt, now), ct);
            if (fromReserved == 0)
            {
                // The reservation expired while the evaluator was still working: take the slot back if one is free.
                var expert = assignment.ByExpert ? 1 : 0;
                var regained = await db.Examples
                    .Where(e => e.Id == assignment.ExampleId && e.HolderCount < k)
                    .ExecuteUpdateAsync(s => s.SetProperty(e => e.HolderCount, e => e.HolderCount + 1).SetProperty(e => e.ExpertHolderCount, e => e.ExpertHolderCount + expert), ct);
                var reopened = regained == 1 ? await db.Assignments
                    .Where(a => a.Id == assignmentId && a.State == AssignmentState.Expired)
                    .ExecuteUpdateAsync(s => s.SetProperty(a => a.State, AssignmentState.Submitted).SetProperty(a => a.ClosedAt, now), ct) : 0;
                if (reopened != 1)
                {
                    await tx.RollbackAsync(ct);
                    return new SubmitResult(SubmitOutcome.SlotLost, ["Your reservation expired and the example already has all its ratings. Your draft is kept; take the next example."]);
                }
            }

            var rating = new Rating
            {
                AssignmentId = assignmentId,
                CampaignId = campaign.Id,
                ExampleId = assignment.ExampleId,
                EvaluatorId = evaluatorId,
                RubricVersionId = campaign.RubricVersionId,
                OverallComment = Trim(input.OverallComment),
                Flagged = input.Flagged,
                FlagReason = input.Flagged ? Trim(input.FlagReason) : null,
                ActiveSeconds = input.ActiveSeconds,
                MinutesIntoSession = session is null ? 0 : (session.ActiveSeconds + input.ActiveSeconds) / 60.0,
                SubmittedAt = now,
                HourlyRate = rate.Hourly,
                FlatRate = rate.PerRating,
                Currency = rate.Currency,
                Cost = CostRules.RatingCost(rate, Math.Max(0, input.ActiveSeconds)),
                Scores = criteria.Where(c => input.Scores.ContainsKey(c.Key)).Select(c => new Score
                {
                    CriterionKey = c.Key,
                    Value = input.Scores[c.Key],
                    Comment = Trim(input.Comments.GetValueOrDefault(c.Key)),
                }).ToList(),
            };
            db.Ratings.Add(rating);
            db.RecordAssignment(now, evaluatorId, AuditActions.RatingSubmitted, assignmentId,
                $"example {externalId} in \"{campaign.Name}\"" + (rating.Flagged ? $"; flagged: {rating.FlagReason}" : ""));
            await db.SaveChangesAsync(ct);
            await db.RatingDrafts.Where(d => d.AssignmentId == assignmentId).ExecuteDeleteAsync(ct);
            await db.Examples.Where(e => e.Id == assignment.ExampleId)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.SubmittedCount, e => e.SubmittedCount + 1), ct);
            await db.Examples.Where(e => e.Id == assignment.ExampleId && e.SubmittedCount >= k && e.CompletedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.CompletedAt, now), ct);
            if (session is not null)
            {
                await db.EvaluationSessions.Where(s => s.Id == session.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.Items, x => x.Items + 1), ct);
            }

            await tx.CommitAsync(ct);
            return new SubmitResult(SubmitOutcome.Submitted, []);
        }, ct);
    }

    /// <summary>Gives the example back (with a reason); the evaluator will not be offered it again.</summary>
    public async Task<bool> SkipAsync(long assignmentId, string evaluatorId, string reason, CancellationToken ct = default)
    {
        var now = Now;
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.InTransactionAsync(async tx =>
        {
            var assignment = await db.Assignments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == assignmentId && a.EvaluatorId == evaluatorId, ct);
            if (assignment is null)
            {
                return false;
            }

            var closed = await db.Assignments.Where(a => a.Id == assignmentId && a.State == AssignmentState.Reserved)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.State, AssignmentState.Skipped).SetProperty(a => a.ClosedAt, now).SetProperty(a => a.SkipReason, Trim(reason)), ct);
            if (closed == 1)
            {
                await ReleaseSlotAsync(db, assignment, ct);
            }
            else
            {
                await db.Assignments.Where(a => a.Id == assignmentId && a.State == AssignmentState.Expired)
                    .ExecuteUpdateAsync(s => s.SetProperty(a => a.State, AssignmentState.Skipped).SetProperty(a => a.SkipReason, Trim(reason)), ct);
            }

            await db.RatingDrafts.Where(d => d.AssignmentId == assignmentId).ExecuteDeleteAsync(ct);
            var example = await db.Examples.AsNoTracking().Where(e => e.Id == assignment.ExampleId).Select(e => new { e.ExternalId, e.Campaign.Name }).SingleAsync(ct);
            db.RecordAssignment(now, evaluatorId, AuditActions.AssignmentSkipped, assignmentId,
                $"example {example.ExternalId} in \"{example.Name}\": {Trim(reason) ?? "no reason given"}");
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return true;
        }, ct);
    }

    /// <summary>Releases every live reservation of an evaluator in a campaign (roster removal, deactivation).</summary>
    public async Task<int> ReleaseAllAsync(int campaignId, string evaluatorId, CancellationToken ct = default)
    {
        var now = Now;
        await using var db = await factory.CreateDbContextAsync(ct);
        var live = await db.Assignments.AsNoTracking()
            .Where(a => a.CampaignId == campaignId && a.EvaluatorId == evaluatorId && a.State == AssignmentState.Reserved).ToListAsync(ct);
        return await CloseReservationsAsync(db, live, AssignmentState.Released, null, now, ct);
    }

    /// <summary>Returns abandoned reservations (past their expiry) to the pool. Each one is closed by a conditional update, so two sweepers never free a slot twice.</summary>
    public async Task<int> ExpireAsync(int? campaignId = null, CancellationToken ct = default)
    {
        var now = Now;
        await using var db = await factory.CreateDbContextAsync(ct);
        var stale = await db.Assignments.AsNoTracking()
            .Where(a => a.State == AssignmentState.Reserved && a.ExpiresAt <= now && (campaignId == null || a.CampaignId == campaignId))
            .ToListAsync(ct);
        return await CloseReservationsAsync(db, stale, AssignmentState.Expired, now, now, ct);
    }

    /// <summary>
    /// Moves each reservation to <paramref name="state"/> with a conditional update (still reserved, and past
    /// <paramref name="expiredBy"/> when given) and frees its slot only when that update won, so two sweepers or a
    /// sweeper and a submit never free a slot twice.
    /// </summary>
    private static async Task<int> CloseReservationsAsync(AppDbContext db, IReadOnlyList<Assignment> reservations, AssignmentState state, DateTime? expiredBy, DateTime now, CancellationToken ct)
    {
        var closedCount = 0;
        foreach (var assignment in reservations)
        {
            closedCount += await db.InTransactionAsync(async tx =>
            {
                var closed = await db.Assignments
                    .Where(a => a.Id == assignment.Id && a.State == AssignmentState.Reserved && (expiredBy == null || a.ExpiresAt <= expiredBy))
                    .ExecuteUpdateAsync(s => s.SetProperty(a => a.State, state).SetProperty(a => a.ClosedAt, now), ct);
                if (closed == 1)
                {
                    await ReleaseSlotAsync(db, assignment, ct);
                }

                await tx.CommitAsync(ct);
                return closed;
            }, ct);
        }

        return closedCount;
    }

    /// <summary>Records activity: active time grows while the evaluator works, idle gaps do not count.</summary>
    public async Task<SessionClock?> TouchSessionAsync(string evaluatorId, CancellationToken ct = default)
    {
        var now = Now;
        await using var db = await factory.CreateDbContextAsync(ct);
        var session = await db.EvaluationSessions.Where(s => s.EvaluatorId == evaluatorId && s.EndedAt == null)
            .OrderByDescending(s => s.StartedAt).FirstOrDefaultAsync(ct);
        if (session is null)
        {
            return null;
        }

        var campaign = await db.Campaigns.AsNoTracking().SingleAsync(c => c.Id == session.CampaignId, ct);
        var clock = SessionRules.Touch(ToClock(session)!, now, PolicyOf(campaign));
        session.LastActivityAt = clock.LastActivityAt;
        session.ActiveSeconds = (int)clock.Active.TotalSeconds;
        session.CapReachedAt = clock.CapReachedAt;
        using (await WriteGate.EnterAsync(db, ct))
        {
            await db.SaveChangesAsync(ct);
        }
        return clock;
    }

    private static async Task ReleaseSlotAsync(AppDbContext db, Assignment assignment, CancellationToken ct)
    {
        var expert = assignment.ByExpert ? 1 : 0;
        await db.Examples.Where(e => e.Id == assignment.ExampleId)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.HolderCount, e => e.HolderCount - 1).SetProperty(e => e.ExpertHolderCount, e => e.ExpertHolderCount - expert), ct);
    }

    /// <summary>The evaluator's open session; a session idle past the cutoff or its break ends and a new one starts with the next claim.</summary>
    private static async Task<EvaluationSession?> OpenSessionAsync(AppDbContext db, string evaluatorId, Campaign campaign, DateTime now, CancellationToken ct)
    {
        var policy = PolicyOf(campaign);
        var session = await db.EvaluationSessions.Where(s => s.EvaluatorId == evaluatorId && s.EndedAt == null)
            .OrderByDescending(s => s.StartedAt).FirstOrDefaultAsync(ct);
        if (session is not null && SessionRules.Expire(ToClock(session)!, now, policy) is { IsOpen: false } over)
        {
            // Away longer than a break, or capped and the break is over: that sitting is over.
            session.EndedAt = over.EndedAt;
            session.EndReason = over.EndReason;
            await db.SaveChangesAsync(ct);
            session = null;
        }

        if (session is null)
        {
            session = new EvaluationSession { EvaluatorId = evaluatorId, CampaignId = campaign.Id, StartedAt = now, LastActivityAt = now };
            db.EvaluationSessions.Add(session);
            await db.SaveChangesAsync(ct);
        }

        return session;
    }

    private static async Task<SessionClock?> LastCappedAsync(AppDbContext db, string evaluatorId, long? exceptId, CancellationToken ct)
    {
        var last = await db.EvaluationSessions.AsNoTracking()
            .Where(s => s.EvaluatorId == evaluatorId && s.CapReachedAt != null && s.Id != exceptId)
            .OrderByDescending(s => s.CapReachedAt).FirstOrDefaultAsync(ct);
        return ToClock(last);
    }

    public static SessionClock? ToClock(EvaluationSession? s) => s is null
        ? null
        : new SessionClock(s.StartedAt, s.LastActivityAt, TimeSpan.FromSeconds(s.ActiveSeconds), s.EndedAt,
            s.EndReason, s.CapReachedAt);

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

    internal static string? Trim(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

internal static class AssignmentStates
{
    public static readonly AssignmentState[] Holding = [AssignmentState.Reserved, AssignmentState.Submitted];
}
