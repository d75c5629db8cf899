using HumanEval.Core.Assignment;
using HumanEval.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace HumanEval.Data.Workflow;

public sealed record UserRow(string Id, string Email, string DisplayName, IReadOnlyList<string> Roles, bool EmailConfirmed, bool LockedOut, DateTime CreatedAt, bool InvitationPending = false)
{
    /// <summary>One word for the account's state: locked, invited (no password yet) or active.</summary>
    public string Status => LockedOut ? "locked" : InvitationPending ? "invited" : "active";
}

public sealed record EvaluatorRow(string UserId, string Email, string DisplayName, EvaluatorKind Type, IReadOnlyList<string> Tags, bool Active,
    decimal? HourlyRate = null, decimal? FlatRate = null, string Currency = "USD", double? WeeklyHourLimit = null, double HoursThisWeek = 0, bool InvitationPending = false);

/// <summary>Read models of people for the admin and lead pages.</summary>
public sealed class UserDirectory(IDbContextFactory<AppDbContext> factory, TimeProvider clock)
{
    public async Task<IReadOnlyList<UserRow>> ListUsersAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var users = await db.Users.AsNoTracking()
            .OrderBy(u => u.Email)
            .Select(u => new { u.Id, u.Email, u.DisplayName, u.EmailConfirmed, u.LockoutEnd, u.CreatedAt, Pending = u.PasswordHash == null })
            .ToListAsync(cancellationToken);
        var roles = await (from ur in db.UserRoles
                           join r in db.Roles on ur.RoleId equals r.Id
                           select new { ur.UserId, r.Name }).ToListAsync(cancellationToken);
        var byUser = roles.ToLookup(r => r.UserId, r => r.Name ?? "");
        var now = clock.GetUtcNow();
        return users.Select(u => new UserRow(
            u.Id, u.Email ?? "", u.DisplayName, byUser[u.Id].Order(StringComparer.Ordinal).ToList(),
            u.EmailConfirmed, u.LockoutEnd > now, u.CreatedAt, u.Pending)).ToList();
    }

    public async Task<IReadOnlyList<EvaluatorRow>> ListEvaluatorsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var weekStart = HumanEval.Core.Operations.WeeklyLimit.WeekStart(clock.GetUtcNow().UtcDateTime);
        var rows = await db.EvaluatorProfiles.AsNoTracking()
            .OrderBy(p => p.User.Email)
            .Select(p => new
            {
                p.UserId, p.User.Email, p.User.DisplayName, p.Type, p.Tags, p.Active, p.HourlyRate, p.FlatRate, p.Currency, p.WeeklyHourLimit,
                Seconds = db.EvaluationSessions.Where(s => s.EvaluatorId == p.UserId && s.StartedAt >= weekStart).Sum(s => (long?)s.ActiveSeconds) ?? 0,
                Pending = p.User.PasswordHash == null,
            })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new EvaluatorRow(r.UserId, r.Email ?? "", r.DisplayName, r.Type, r.Tags, r.Active,
            r.HourlyRate, r.FlatRate, r.Currency, r.WeeklyHourLimit, r.Seconds / 3600.0, r.Pending)).ToList();
    }
}
