using System.Security.Cryptography;
using System.Text;
using HumanEval.Core.Assignment;
using HumanEval.Core.Campaigns;
using HumanEval.Core.Sessions;
using HumanEval.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace HumanEval.Data.Workflow;

/// <summary>A roster row; <paramref name="FairShare"/> is the campaign's fair-share cap (null: none), beside the member's holdings (claimed + submitted).</summary>
public sealed record RosterEntry(string EvaluatorId, string Email, string DisplayName, EvaluatorKind Type, bool Active, int Claimed, int Submitted, int ActiveMinutesThisWeek, EvaluatorStatus Status,
    int Sessions = 0, double HoursThisWeek = 0, double? WeeklyHourLimit = null, int? FairShare = null)
{
    public bool AtFairShare => FairShare is { } cap && Claimed + Submitted >= cap;
}

public sealed record SessionRow(string Email, DateTime StartedAt, DateTime? EndedAt, string? EndReason, int ActiveMinutes, int Items, bool Capped);

public sealed record ApiKeyRow(int Id, string Name, string Prefix, DateTime CreatedAt, DateTime? RevokedAt, DateTime? LastUsedAt);

public sealed record CampaignDetail(Campaign Campaign, string RubricName, int RubricNumber, bool HasRatings, int Examples, int Complete, int Ratings);

/// <summary>Lead operations on campaigns: settings and state, roster, API keys. Every change is audited.</summary>
public sealed class CampaignAdmin(IDbContextFactory<AppDbContext> factory, TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<int> CreateAsync(CampaignSettings s, string userId, CancellationToken ct = default)
    {
        var problems = CampaignRules.Validate(s);
        if (problems.Count > 0)
        {
            throw new CampaignRuleException(problems);
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        var campaign = new Campaign { State = CampaignState.Draft, CreatedAt = Now, Seed = RandomNumberGenerator.GetInt32(int.MaxValue) };
        Apply(campaign, s);
        db.Campaigns.Add(campaign);
        await db.SaveChangesAsync(ct);
        Audit(db, userId, AuditActions.CampaignCreated, campaign.Id, $"seed {campaign.Seed}");
        await db.SaveChangesAsync(ct);
        return campaign.Id;
    }

    /// <summary>Updates settings; the rubric version and k are locked once any rating exists (history must keep its meaning).</summary>
    public async Task UpdateAsync(int id, CampaignSettings s, string userId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var campaign = await db.Campaigns.SingleAsync(c => c.Id == id, ct);
        var rubricOrK = s.RubricVersionId != campaign.RubricVersionId || s.K != campaign.K;
        var problems = CampaignRules.Validate(s).Concat(CampaignRules.CanChange(
            rubricOrK, rubricOrK && await db.Ratings.AnyAsync(r => r.CampaignId == id, ct),
            s.K < campaign.K && await db.Examples.AnyAsync(e => e.CampaignId == id && e.HolderCount > s.K, ct))).ToList();
        if (problems.Count > 0)
        {
            throw new CampaignRuleException(problems);
        }

        var before = SettingsOf(campaign);
        var rubrics = await db.RubricVersions.AsNoTracking().Where(v => v.Id == before.RubricVersionId || v.Id == s.RubricVersionId)
            .Select(v => new { v.Id, v.Number, v.Rubric.Key }).ToDictionaryAsync(v => v.Id, v => $"{v.Key} v{v.Number}", ct);
        Apply(campaign, s);
        var changes = SettingsChanges(before, SettingsOf(campaign), id => rubrics.GetValueOrDefault(id, $"rubric version {id}"));
        if (changes.Length == 0)
        {
            return; // saved without a change: nothing to record
        }

        Audit(db, userId, AuditActions.CampaignUpdated, id, changes);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>draft → open → closed (and closed → open to reopen).</summary>
    public async Task SetStateAsync(int id, CampaignState state, string userId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var campaign = await db.Campaigns.SingleAsync(c => c.Id == id, ct);
        var hasExamples = await db.Examples.AnyAsync(e => e.CampaignId == id, ct);
        var hasRoster = await db.RosterMembers.AnyAsync(r => r.CampaignId == id, ct);
        if (CampaignRules.CanMove(campaign.State, state, hasExamples, hasRoster) is { } refused)
        {
            throw new CampaignRuleException([refused]);
        }

        Audit(db, userId, AuditActions.CampaignState, id, $"{campaign.State} -> {state}");
        campaign.State = state;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Deletes a draft that no one has rated: a campaign created by mistake or with the wrong file should not clutter
    /// the list forever. Anything with ratings stays (ratings are history; close the campaign instead). The audit entry
    /// keeps the name and what went with it.
    /// </summary>
    public async Task DeleteDraftAsync(int id, string userId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var campaign = await db.Campaigns.AsNoTracking().SingleAsync(c => c.Id == id, ct);
        if (CampaignRules.CanDelete(campaign.State, await db.Ratings.IgnoreQueryFilters().AnyAsync(r => r.CampaignId == id, ct)) is { } refused)
        {
            throw new CampaignRuleException([refused]);
        }

        var examples = await db.Examples.CountAsync(e => e.CampaignId == id, ct);
        var roster = await db.RosterMembers.CountAsync(r => r.CampaignId == id, ct);
        await db.InTransactionAsync(async tx =>
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
                throw new CampaignRuleException(["The campaign changed while it was being deleted; reload and try again."]);
            }

            Audit(db, userId, AuditActions.CampaignDeleted, id, $"\"{campaign.Name}\" (draft): {examples} example{(examples == 1 ? "" : "s")}, {roster} on the roster");
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
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
        return new CampaignDetail(c, c.RubricVersion.Name, c.RubricVersion.Number, ratings > 0, examples, complete, ratings);
    }

    public async Task<IReadOnlyList<RosterEntry>> RosterAsync(int id, CancellationToken ct = default)
    {
        var now = Now;
        var weekStart = HumanEval.Core.Operations.WeeklyLimit.WeekStart(now);
        await using var db = await factory.CreateDbContextAsync(ct);
        var campaign = await db.Campaigns.AsNoTracking().SingleAsync(c => c.Id == id, ct);
        var policy = WorkSessions.PolicyOf(campaign);
        var settings = await WorkQueue.SettingsAsync(db, campaign, await db.RosterMembers.CountAsync(r => r.CampaignId == id, ct), ct);
        var members = await db.RosterMembers.AsNoTracking().Where(r => r.CampaignId == id)
            .Select(r => new
            {
                r.EvaluatorId,
                r.Evaluator.Email,
                r.Evaluator.DisplayName,
                Profile = db.EvaluatorProfiles.Where(p => p.UserId == r.EvaluatorId).Select(p => new { p.Type, p.Active, p.WeeklyHourLimit }).FirstOrDefault(),
                Claimed = db.Assignments.Count(a => a.CampaignId == id && a.EvaluatorId == r.EvaluatorId && a.State == AssignmentState.Reserved),
                Submitted = db.Assignments.Count(a => a.CampaignId == id && a.EvaluatorId == r.EvaluatorId && a.State == AssignmentState.Submitted),
                Sessions = db.EvaluationSessions.Count(s => s.CampaignId == id && s.EvaluatorId == r.EvaluatorId),
                Seconds = db.EvaluationSessions.Where(s => s.EvaluatorId == r.EvaluatorId && s.StartedAt >= weekStart).Sum(s => (long?)s.ActiveSeconds) ?? 0,
                Latest = db.EvaluationSessions.Where(s => s.EvaluatorId == r.EvaluatorId).OrderByDescending(s => s.StartedAt)
                    .Select(s => new { s.StartedAt, s.LastActivityAt, s.CapReachedAt, s.EndedAt }).FirstOrDefault(),
            })
            .ToListAsync(ct);
        return members.OrderBy(m => m.Email).Select(m =>
        {
            var hours = m.Seconds / 3600.0;
            var latest = m.Latest is null ? null : new SessionClock(m.Latest.StartedAt, m.Latest.LastActivityAt, TimeSpan.Zero, m.Latest.EndedAt, null, m.Latest.CapReachedAt);
            var status = EvaluatorStatusRules.Of(new EvaluatorSnapshot(m.Profile is { Active: true }, TimeSpan.FromSeconds(m.Seconds), m.Profile?.WeeklyHourLimit, m.Claimed > 0, latest), now, policy);
            return new RosterEntry(m.EvaluatorId, m.Email ?? "", m.DisplayName, m.Profile?.Type ?? EvaluatorKind.RepresentativeUser, m.Profile?.Active ?? false,
                m.Claimed, m.Submitted, (int)(m.Seconds / 60), status, m.Sessions, hours, m.Profile?.WeeklyHourLimit, settings.MaxLoad);
        }).ToList();
    }

    public async Task AddToRosterAsync(int id, IEnumerable<string> evaluatorIds, string userId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var present = await db.RosterMembers.Where(r => r.CampaignId == id).Select(r => r.EvaluatorId).ToListAsync(ct);
        var valid = await db.EvaluatorProfiles.Where(p => evaluatorIds.Contains(p.UserId))
            .Join(db.Users, p => p.UserId, u => u.Id, (p, u) => new { p.UserId, u.Email }).ToListAsync(ct);
        foreach (var evaluator in valid.ExceptBy(present, v => v.UserId))
        {
            db.RosterMembers.Add(new RosterMember { CampaignId = id, EvaluatorId = evaluator.UserId, AddedAt = Now });
            Audit(db, userId, AuditActions.RosterAdded, id, evaluator.Email);
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>Removes an evaluator; their submitted ratings stay, their live reservations return to the pool at once.</summary>
    public async Task RemoveFromRosterAsync(int id, string evaluatorId, string userId, Reservations reservations, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await db.RosterMembers.Where(r => r.CampaignId == id && r.EvaluatorId == evaluatorId).ExecuteDeleteAsync(ct);
        var email = await db.Users.Where(u => u.Id == evaluatorId).Select(u => u.Email).SingleOrDefaultAsync(ct);
        Audit(db, userId, AuditActions.RosterRemoved, id, email ?? evaluatorId);
        await db.SaveChangesAsync(ct);
        await reservations.ReleaseAllAsync(id, evaluatorId, ct);
    }

    /// <summary>A rotation suggestion from the pool (Core's <see cref="PanelSuggestion"/>), as evaluator ids.</summary>
    public async Task<IReadOnlyList<string>> SuggestPanelAsync(int id, int size, int minExperts, int minUsers, CancellationToken ct = default)
    {
        var since = Now.AddDays(-90);
        await using var db = await factory.CreateDbContextAsync(ct);
        var pool = await db.EvaluatorProfiles.AsNoTracking().Where(p => p.Active)
            .Select(p => new
            {
                p.UserId,
                p.Type,
                Last = db.RosterMembers.Where(r => r.EvaluatorId == p.UserId && r.CampaignId != id).Max(r => (DateTime?)r.AddedAt),
                Recent = db.RosterMembers.Count(r => r.EvaluatorId == p.UserId && r.CampaignId != id && r.AddedAt >= since),
            }).ToListAsync(ct);
        var members = pool.Select(p => (p.UserId, Member: new PoolMember(WorkQueue.Key(p.UserId),
            p.Type, p.Last, p.Recent))).ToList();
        var chosen = PanelSuggestion.Suggest(members.Select(m => m.Member), size, minExperts, minUsers, id);
        return chosen.Select(c => members.First(m => m.Member == c).UserId).ToList();
    }

    public async Task<IReadOnlyList<SessionRow>> SessionsAsync(int id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await db.EvaluationSessions.AsNoTracking().Where(s => s.CampaignId == id)
            .OrderByDescending(s => s.StartedAt).Take(500)
            .Join(db.Users, s => s.EvaluatorId, u => u.Id, (s, u) => new { u.Email, s })
            .ToListAsync(ct);
        return rows.Select(r => new SessionRow(r.Email ?? "", r.s.StartedAt, r.s.EndedAt, r.s.EndReason?.ToString().ToLowerInvariant(),
            r.s.ActiveSeconds / 60, r.s.Items, r.s.CapReachedAt is not null)).ToList();
    }

    /// <summary>Creates an ingest key; the plain key is returned once and only its SHA-256 is stored.</summary>
    public async Task<string> CreateApiKeyAsync(int id, string name, string userId, CancellationToken ct = default)
    {
        var key = "he_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(30)).Replace('+', '-').Replace('/', '_').TrimEnd('=');
        await using var db = await factory.CreateDbContextAsync(ct);
        db.ApiKeys.Add(new ApiKey { CampaignId = id, Name = string.IsNullOrWhiteSpace(name) ? "ingest" : name.Trim(), Prefix = key[..10], Hash = HashKey(key), CreatedAt = Now });
        Audit(db, userId, AuditActions.ApiKeyCreated, id, key[..10]);
        await db.SaveChangesAsync(ct);
        return key;
    }

    public async Task RevokeApiKeyAsync(int id, int keyId, string userId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var now = Now;
        await db.ApiKeys.Where(k => k.Id == keyId && k.CampaignId == id && k.RevokedAt == null).ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedAt, now), ct);
        Audit(db, userId, AuditActions.ApiKeyRevoked, id, keyId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await db.SaveChangesAsync(ct);
    }

    public async Task<IReadOnlyList<ApiKeyRow>> ApiKeysAsync(int id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.ApiKeys.AsNoTracking().Where(k => k.CampaignId == id).OrderByDescending(k => k.CreatedAt)
            .Select(k => new ApiKeyRow(k.Id, k.Name, k.Prefix, k.CreatedAt, k.RevokedAt, k.LastUsedAt)).ToListAsync(ct);
    }

    /// <summary>True when the key is live and belongs to this campaign; records its use.</summary>
    public async Task<bool> AuthenticateApiKeyAsync(int campaignId, string key, CancellationToken ct = default)
    {
        var hash = HashKey(key);
        await using var db = await factory.CreateDbContextAsync(ct);
        var now = Now;
        var used = await db.ApiKeys.Where(k => k.Hash == hash && k.CampaignId == campaignId && k.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), ct) == 1;
        if (used)
        {
            var prefix = await db.ApiKeys.Where(k => k.Hash == hash).Select(k => k.Prefix + " (" + k.Name + ")").SingleAsync(ct);
            Audit(db, null, AuditActions.ApiKeyUsed, campaignId, prefix);
            await db.SaveChangesAsync(ct);
        }

        return used;
    }

    public static string HashKey(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

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
    }

    private void Audit(AppDbContext db, string? userId, string action, int campaignId, string? details) =>
        db.RecordCampaign(Now, userId, action, campaignId, details);

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
        Name = c.Name, Description = c.Description, RubricVersionId = c.RubricVersionId, K = c.K, MinExperts = c.MinExperts,
        Cadence = c.Cadence, DueAt = c.DueAt, TurnaroundTargetHours = c.TurnaroundTargetHours, SessionCapMinutes = c.SessionCapMinutes,
        BreakMinutes = c.BreakMinutes, ReservationTimeoutMinutes = c.ReservationTimeoutMinutes, Budget = c.Budget,
        Currency = c.Currency, Series = c.Series, FairSharePercent = c.FairShareSlack is { } slack ? (int)Math.Round(slack * 100) : null,
        JudgeMetric = c.JudgeMetric,
    };
}

public sealed class CampaignRuleException(IReadOnlyList<string> problems) : Exception(string.Join(" ", problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
