using System.Security.Cryptography;
using HumanEval.Core;
using HumanEval.Core.Campaigns;
using HumanEval.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace HumanEval.Data.Workflow;

/// <summary>
/// A lead's campaign settings and state: create, change (within Core's <see cref="CampaignRules"/>), open, close,
/// reopen, delete an unrated draft. Every change is audited. The roster is <see cref="RosterAdmin"/>, ingest keys
/// <see cref="ApiKeyAdmin"/>.
/// </summary>
public sealed class CampaignAdmin(IDbContextFactory<AppDbContext> factory, TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Creates a draft with a fresh assignment seed, or refuses with the settings' problems.</summary>
    public async Task<RuleResult<int>> CreateAsync(CampaignSettings s, string userId, CancellationToken ct = default)
    {
        if (CampaignRules.Validate(s) is { Ok: false } refused)
        {
            return RuleResult<int>.Refused(refused.Problems);
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        var campaign = new Campaign { State = CampaignState.Draft, CreatedAt = Now, Seed = RandomNumberGenerator.GetInt32(int.MaxValue) };
        Apply(campaign, s);
        db.Campaigns.Add(campaign);
        await db.SaveChangesAsync(ct);
        db.RecordCampaign(Now, userId, AuditActions.CampaignCreated, campaign.Id, $"seed {campaign.Seed}");
        await db.SaveChangesAsync(ct);
        return RuleResult<int>.Made(campaign.Id);
    }

    /// <summary>Updates settings; the rubric version and k are locked once any rating exists (history must keep its meaning).</summary>
    public async Task<RuleResult> UpdateAsync(int id, CampaignSettings s, string userId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var campaign = await db.Campaigns.SingleAsync(c => c.Id == id, ct);
        var rubricOrK = s.RubricVersionId != campaign.RubricVersionId || s.K != campaign.K;
        var allowed = CampaignRules.Validate(s).And(CampaignRules.CanChange(
            rubricOrK, rubricOrK && await db.Ratings.AnyAsync(r => r.CampaignId == id, ct),
            s.K < campaign.K && await db.Examples.AnyAsync(e => e.CampaignId == id && e.HolderCount > s.K, ct)))
            .And(CampaignRules.CanChangeKind(campaign.Kind, s.Kind, s.Kind != campaign.Kind && await db.Examples.AnyAsync(e => e.CampaignId == id, ct)));
        if (!allowed.Ok)
        {
            return allowed;
        }

        var before = SettingsOf(campaign);
        var rubrics = await db.RubricVersions.AsNoTracking().Where(v => v.Id == before.RubricVersionId || v.Id == s.RubricVersionId)
            .Select(v => new { v.Id, v.Number, v.Rubric.Key }).ToDictionaryAsync(v => v.Id, v => $"{v.Key} v{v.Number}", ct);
        Apply(campaign, s);
        var changes = SettingsChanges(before, SettingsOf(campaign), id => rubrics.GetValueOrDefault(id, $"rubric version {id}"));
        if (changes.Length == 0)
        {
            return RuleResult.Allowed; // saved without a change: nothing to record
        }

        db.RecordCampaign(Now, userId, AuditActions.CampaignUpdated, id, changes);
        await db.SaveChangesAsync(ct);
        return RuleResult.Allowed;
    }

    /// <summary>draft → open → closed (and closed → open to reopen).</summary>
    public async Task<RuleResult> SetStateAsync(int id, CampaignState state, string userId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var campaign = await db.Campaigns.SingleAsync(c => c.Id == id, ct);
        var hasExamples = await db.Examples.AnyAsync(e => e.CampaignId == id, ct);
        var hasRoster = await db.RosterMembers.AnyAsync(r => r.CampaignId == id, ct);
        if (CampaignRules.CanMove(campaign.State, state, hasExamples, hasRoster) is { Ok: false } refused)
        {
            return refused;
        }

        db.RecordCampaign(Now, userId, AuditActions.CampaignState, id, $"{campaign.State} -> {state}");
        campaign.State = state;
        await db.SaveChangesAsync(ct);
        return RuleResult.Allowed;
    }

    /// <summary>
    /// Deletes a draft that no one has rated: a campaign created by mistake or with the wrong file should not clutter
    /// the list forever. Anything with ratings stays (ratings are history; close the campaign instead). The audit entry
    /// keeps the name and what went with it.
    /// </summary>
    public async Task<RuleResult> DeleteDraftAsync(int id, string userId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var campaign = await db.Campaigns.AsNoTracking().SingleAsync(c => c.Id == id, ct);
        if (CampaignRules.CanDelete(campaign.State, await db.Ratings.IgnoreQueryFilters().AnyAsync(r => r.CampaignId == id, ct)) is { Ok: false } refused)
        {
            return refused;
        }

        var examples = await db.Examples.CountAsync(e => e.CampaignId == id, ct);
        var roster = await db.RosterMembers.CountAsync(r => r.CampaignId == id, ct);
        return await db.InTransactionAsync(async tx =>
        {
            await db.RatingDrafts.Where(d => db.Assignments.Any(a => a.Id == d.AssignmentId && a.CampaignId == id)).ExecuteDeleteAsync(ct);
            await db.Assignments.Where(a => a.CampaignId == id).ExecuteDeleteAsync(ct);
            await db.EvaluationSessions.Where(x => x.CampaignId == id).ExecuteDeleteAsync(ct);
            await db.JudgeScores.Where(j => j.CampaignId == id).ExecuteDeleteAsync(ct);
            await db.ApiKeys.Where(k => k.CampaignId == id).ExecuteDeleteAsync(ct);
            await db.Examples.Where(e => e.CampaignId == id).ExecuteDeleteAsync(ct);
            await db.RosterMembers.Where(r => r.CampaignId == id).ExecuteDeleteAsync(ct);
            var deleted = await db.Campaigns.Where(c => c.Id == id && c.State == CampaignState.Draft).ExecuteDeleteAsync(ct);
            if (deleted != 1)
            {
                await tx.RollbackAsync(ct);
                return RuleResult.Refused("The campaign changed while it was being deleted; reload and try again.");
            }

            db.RecordCampaign(Now, userId, AuditActions.CampaignDeleted, id, $"\"{campaign.Name}\" (draft): {examples} example{(examples == 1 ? "" : "s")}, {roster} on the roster");
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return RuleResult.Allowed;
        }, ct);
    }

    public async Task<CampaignDetail?> DetailAsync(int id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var c = await db.Campaigns.AsNoTracking().Include(x => x.RubricVersion).ThenInclude(v => v.Rubric).SingleOrDefaultAsync(x => x.Id == id, ct);
        if (c is null)
        {
            return null;
        }

        var ratings = await db.Ratings.CountAsync(r => r.CampaignId == id, ct);
        var examples = await db.Examples.CountAsync(e => e.CampaignId == id, ct);
        var complete = await db.Examples.CountAsync(e => e.CampaignId == id && e.SubmittedCount >= c.K, ct);
        return new CampaignDetail(c.Id, c.Name, c.State, c.Seed, SettingsOf(c), c.RubricVersion.Name, c.RubricVersion.Number, ratings > 0, examples, complete, ratings);
    }

    public async Task<IReadOnlyList<(int Id, string Label)>> RubricVersionsAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await db.RubricVersions.AsNoTracking().Include(v => v.Rubric).Where(v => v.Rubric.Active)
            .OrderByDescending(v => v.IsCurrent).ThenBy(v => v.Rubric.Key).ThenByDescending(v => v.Number).ToListAsync(ct);
        return rows.Select(v => (v.Id, $"{v.Name} · v{v.Number} ({v.ShortHash}){(v.IsCurrent ? " · current" : "")}")).ToList();
    }

    private static void Apply(Campaign c, CampaignSettings s)
    {
        c.Name = s.Name.Trim();
        c.Kind = s.Kind;
        c.Description = string.IsNullOrWhiteSpace(s.Description) ? null : s.Description.Trim();
        c.RubricVersionId = s.RubricVersionId;
        c.K = s.K;
        c.MinExperts = s.MinExperts;
        c.Cadence = s.Cadence;
        c.DueAt = s.DueAt is { } due ? DateTime.SpecifyKind(due.Date, DateTimeKind.Utc) : null;
        c.TurnaroundTargetHours = s.TurnaroundTargetHours;
        c.SessionCapMinutes = s.SessionCapMinutes;
        c.BreakMinutes = s.BreakMinutes;
        c.ReservationTimeoutMinutes = s.ReservationTimeoutMinutes;
        c.Budget = s.Budget;
        c.Currency = s.Currency.Trim().ToUpperInvariant();
        c.Series = string.IsNullOrWhiteSpace(s.Series) ? null : s.Series.Trim();
        c.FairShareSlack = s.FairSharePercent / 100.0;
        c.JudgeMetric = s.JudgeMetric;
        c.PlannedExamplesPerVersion = s.PlannedExamplesPerVersion;
        c.ShipProbability = s.ShipProbability;
        c.MaxExpectedLoss = s.MaxExpectedLoss;
        c.MinimumEffect = s.MinimumEffect;
        c.MinHoursBeforeCall = s.MinHoursBeforeCall;
        c.SafetyVetoProbability = s.SafetyVetoProbability;
        c.EquivalenceMargin = s.EquivalenceMargin;
        c.OverallWeights = string.IsNullOrWhiteSpace(s.OverallWeights) ? null : s.OverallWeights.Trim();
    }

    /// <summary>
    /// The settings that differ, each as "label: before → after", joined by "; " (empty when nothing changed), so the
    /// audit log says what a lead changed rather than that they saved.
    /// </summary>
    public static string SettingsChanges(CampaignSettings before, CampaignSettings after, Func<int, string> rubricName)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(rubricName);
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        static string Text(string? v) => string.IsNullOrWhiteSpace(v) ? "none" : $"\"{v.Trim()}\"";
        string Number(decimal? v) => v?.ToString("0.##", inv) ?? "none";
        (string Label, string Before, string After)[] fields =
        [
            ("name", Text(before.Name), Text(after.Name)),
            ("kind", CampaignRules.Name(before.Kind), CampaignRules.Name(after.Kind)),
            ("description", Text(before.Description), Text(after.Description)),
            ("rubric", rubricName(before.RubricVersionId), rubricName(after.RubricVersionId)),
            ("k", before.K.ToString(inv), after.K.ToString(inv)),
            ("experts per example", before.MinExperts.ToString(inv), after.MinExperts.ToString(inv)),
            ("cadence", CadenceWord(before.Cadence), CadenceWord(after.Cadence)),
            ("due", before.DueAt?.ToString("yyyy-MM-dd", inv) ?? "none", after.DueAt?.ToString("yyyy-MM-dd", inv) ?? "none"),
            ("turnaround target h", before.TurnaroundTargetHours.ToString(inv), after.TurnaroundTargetHours.ToString(inv)),
            ("session cap min", before.SessionCapMinutes.ToString(inv), after.SessionCapMinutes.ToString(inv)),
            ("break min", before.BreakMinutes.ToString(inv), after.BreakMinutes.ToString(inv)),
            ("reservation timeout min", before.ReservationTimeoutMinutes.ToString(inv), after.ReservationTimeoutMinutes.ToString(inv)),
            ("budget", Number(before.Budget), Number(after.Budget)),
            ("currency", before.Currency, after.Currency),
            ("series", Text(before.Series), Text(after.Series)),
            ("fair-share slack %", before.FairSharePercent?.ToString(inv) ?? "no cap", after.FairSharePercent?.ToString(inv) ?? "no cap"),
            ("judge metric", MetricWord(before.JudgeMetric), MetricWord(after.JudgeMetric)),
            ("planned examples per version", before.PlannedExamplesPerVersion?.ToString(inv) ?? "from the planner", after.PlannedExamplesPerVersion?.ToString(inv) ?? "from the planner"),
            ("P(better) to ship", before.ShipProbability.ToString("0.###", inv), after.ShipProbability.ToString("0.###", inv)),
            ("largest expected loss", before.MaxExpectedLoss.ToString("0.###", inv), after.MaxExpectedLoss.ToString("0.###", inv)),
            ("smallest effect worth detecting", before.MinimumEffect.ToString("0.###", inv), after.MinimumEffect.ToString("0.###", inv)),
            ("hours before a call", before.MinHoursBeforeCall.ToString(inv), after.MinHoursBeforeCall.ToString(inv)),
            ("safety veto P", before.SafetyVetoProbability.ToString("0.###", inv), after.SafetyVetoProbability.ToString("0.###", inv)),
            ("equivalence margin", before.EquivalenceMargin.ToString("0.###", inv), after.EquivalenceMargin.ToString("0.###", inv)),
            ("overall weights", Text(before.OverallWeights), Text(after.OverallWeights)),
        ];
        return string.Join("; ", fields.Where(f => f.Before != f.After).Select(f => $"{f.Label}: {f.Before} → {f.After}"));

        static string CadenceWord(Cadence c) => c switch { Cadence.Weekly => "weekly", Cadence.Monthly => "monthly", _ => "one-off" };
        static string MetricWord(HumanEval.Core.Agreement.JudgeMetric? m) => m switch
        {
            HumanEval.Core.Agreement.JudgeMetric.Exact => "exact",
            HumanEval.Core.Agreement.JudgeMetric.WithinOne => "within one",
            _ => "by scale",
        };
    }

    public static CampaignSettings SettingsOf(Campaign c) => new()
    {
        Name = c.Name, Kind = c.Kind, Description = c.Description, RubricVersionId = c.RubricVersionId, K = c.K, MinExperts = c.MinExperts,
        Cadence = c.Cadence, DueAt = c.DueAt, TurnaroundTargetHours = c.TurnaroundTargetHours, SessionCapMinutes = c.SessionCapMinutes,
        BreakMinutes = c.BreakMinutes, ReservationTimeoutMinutes = c.ReservationTimeoutMinutes, Budget = c.Budget,
        Currency = c.Currency, Series = c.Series, FairSharePercent = c.FairShareSlack is { } slack ? (int)Math.Round(slack * 100) : null,
        JudgeMetric = c.JudgeMetric, PlannedExamplesPerVersion = c.PlannedExamplesPerVersion, ShipProbability = c.ShipProbability,
        MaxExpectedLoss = c.MaxExpectedLoss, MinimumEffect = c.MinimumEffect, MinHoursBeforeCall = c.MinHoursBeforeCall,
        SafetyVetoProbability = c.SafetyVetoProbability, EquivalenceMargin = c.EquivalenceMargin, OverallWeights = c.OverallWeights,
    };
}
