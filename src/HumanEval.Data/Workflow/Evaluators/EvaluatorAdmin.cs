using System.Globalization;
using HumanEval.Core;
using HumanEval.Core.Assignment;
using HumanEval.Core.Operations;
using HumanEval.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace HumanEval.Data.Workflow;

public enum PayKind
{
    None,
    Hourly,
    PerRating,
}

/// <summary>What a lead edits on an evaluator's profile (mutable, so a form can bind to it).</summary>
public sealed record EvaluatorEdit
{
    public string DisplayName { get; set; } = "";
    public EvaluatorKind Type { get; set; } = EvaluatorKind.RepresentativeUser;
    public string Tags { get; set; } = "";
    public PayKind Pay { get; set; } = PayKind.Hourly;
    public decimal? Rate { get; set; }
    public string Currency { get; set; } = "USD";
    public double? WeeklyHourLimit { get; set; }
    public bool Active { get; set; } = true;

    public RateCard RateCard => new(Pay == PayKind.Hourly ? Rate : null, Pay == PayKind.PerRating ? Rate : null, Currency.Trim().ToUpperInvariant());

    public IReadOnlyList<string> TagList => Tags.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
        .Select(t => t.ToLowerInvariant()).Distinct().ToList();
}

/// <summary>Lead operations on the evaluator pool: profile, pay and limits, deactivation. Rate changes are audited with before/after.</summary>
public sealed class EvaluatorAdmin(IDbContextFactory<AppDbContext> factory, TimeProvider clock, Reservations reservations)
{
    public static RuleResult Validate(EvaluatorEdit e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(e.DisplayName))
        {
            problems.Add("Give the evaluator a display name.");
        }

        if (e.Pay != PayKind.None && e.Rate is null)
        {
            problems.Add(e.Pay == PayKind.Hourly ? "Enter the hourly rate." : "Enter the rate per rating.");
        }

        problems.AddRange(e.RateCard.Validate().Problems);
        if (e.WeeklyHourLimit is < 1 or > 80)
        {
            problems.Add("The weekly hour limit must be between 1 and 80 hours (or empty for none).");
        }

        return RuleResult.Refused(problems);
    }

    public async Task<EvaluatorEdit?> GetAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var p = await db.EvaluatorProfiles.AsNoTracking().Include(x => x.User).SingleOrDefaultAsync(x => x.UserId == userId, ct);
        return p is null ? null : new EvaluatorEdit
        {
            DisplayName = p.User.DisplayName,
            Type = p.Type,
            Tags = string.Join(", ", p.Tags),
            Pay = p.HourlyRate is not null ? PayKind.Hourly : p.FlatRate is not null ? PayKind.PerRating : PayKind.None,
            Rate = p.HourlyRate ?? p.FlatRate,
            Currency = p.Currency,
            WeeklyHourLimit = p.WeeklyHourLimit,
            Active = p.Active,
        };
    }

    /// <summary>
    /// Saves the profile, or refuses with the problems. Deactivating keeps every past rating and frees the
    /// person's open reservations in every campaign at once; the next claim of anyone sees the change.
    /// </summary>
    public async Task<RuleResult> UpdateAsync(string userId, EvaluatorEdit edit, string byUserId, CancellationToken ct = default)
    {
        if (Validate(edit) is { Ok: false } refused)
        {
            return refused;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await factory.CreateDbContextAsync(ct);
        var profile = await db.EvaluatorProfiles.Include(p => p.User).SingleOrDefaultAsync(p => p.UserId == userId, ct);
        if (profile is null)
        {
            return RuleResult.Refused("No such evaluator.");
        }

        var rate = edit.RateCard;
        var before = RateText(profile.HourlyRate, profile.FlatRate, profile.Currency, profile.WeeklyHourLimit);
        var after = RateText(rate.Hourly, rate.PerRating, rate.Currency, edit.WeeklyHourLimit);
        if (before != after)
        {
            Audit(db, byUserId, AuditActions.EvaluatorRate, userId, $"{before} -> {after}", now);
        }

        var deactivating = profile.Active && !edit.Active;
        if (profile.Active != edit.Active)
        {
            Audit(db, byUserId, edit.Active ? AuditActions.EvaluatorActivated : AuditActions.EvaluatorDeactivated, userId, null, now);
            profile.DeactivatedAt = edit.Active ? null : now;
            if (!edit.Active)
            {
                // A new security stamp ends the person's open sessions at their next check (within a minute).
                profile.User.SecurityStamp = Guid.NewGuid().ToString("N");
            }
        }

        if (profile.User.DisplayName != edit.DisplayName.Trim() || profile.Type != edit.Type || !profile.Tags.SequenceEqual(edit.TagList))
        {
            Audit(db, byUserId, AuditActions.EvaluatorProfile, userId, $"{profile.User.DisplayName}, {profile.Type}, [{string.Join(",", profile.Tags)}] -> {edit.DisplayName.Trim()}, {edit.Type}, [{string.Join(",", edit.TagList)}]", now);
        }

        profile.User.DisplayName = edit.DisplayName.Trim();
        profile.Type = edit.Type;
        profile.Tags = edit.TagList.ToList();
        profile.HourlyRate = rate.Hourly;
        profile.FlatRate = rate.PerRating;
        profile.Currency = rate.Currency;
        profile.WeeklyHourLimit = edit.WeeklyHourLimit;
        profile.Active = edit.Active;
        using (await WriteGate.EnterAsync(db, ct))
        {
            await db.SaveChangesAsync(ct);
        }

        if (deactivating)
        {
            await ReleaseEverywhereAsync(userId, ct);
        }

        return RuleResult.Allowed;
    }

    /// <summary>Frees every live reservation of the evaluator, in every campaign.</summary>
    public async Task<int> ReleaseEverywhereAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var campaigns = await db.Assignments.Where(a => a.EvaluatorId == userId && a.State == AssignmentState.Reserved)
            .Select(a => a.CampaignId).Distinct().ToListAsync(ct);
        var released = 0;
        foreach (var campaignId in campaigns)
        {
            released += await reservations.ReleaseAllAsync(campaignId, userId, ct);
        }

        return released;
    }

    private static string RateText(decimal? hourly, decimal? flat, string currency, double? weekly) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{(hourly is { } h ? $"{h:0.####} {currency}/h" : flat is { } f ? $"{f:0.####} {currency}/rating" : "no rate")}, weekly {(weekly is { } w ? $"{w:0.#} h" : "none")}");

    private static void Audit(AppDbContext db, string byUserId, string action, string evaluatorId, string? details, DateTime now) =>
        db.Record(now, byUserId, action, "Evaluator", evaluatorId, details);
}
