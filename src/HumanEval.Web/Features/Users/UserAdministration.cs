using System.Text;
using HumanEval.Core;
using HumanEval.Core.Accounts;
using HumanEval.Core.Assignment;
using HumanEval.Data;
using HumanEval.Data.Entities;
using HumanEval.Data.Workflow;
using HumanEval.Web.Features.Evaluators;
using Microsoft.AspNetCore.WebUtilities;

namespace HumanEval.Web.Features.Users;

public sealed class NewUserModel
{
    public string Email { get; set; } = "";

    public string DisplayName { get; set; } = "";

    public HashSet<string> Roles { get; set; } = [Data.Entities.Roles.Lead];

    public EvaluatorKind EvaluatorKind { get; set; } = EvaluatorKind.RepresentativeUser;
}

/// <summary>An admin's action on an account: problems in words, or a link shown once (invitation or password reset).</summary>
public sealed record AccountResult(IReadOnlyList<string> Problems, string? Link = null, bool Emailed = false, string? LinkKind = null) : RuleResult(Problems)
{
    public static AccountResult Done { get; } = new([]);

    public static AccountResult Fail(params IEnumerable<string> problems) => new([.. problems]);
}

/// <summary>
/// Admins manage accounts in the browser: create (with an invitation link, as for evaluators), change roles, lock and
/// unlock, and issue a password-reset link. Every change is audited with the account's email and before/after values;
/// the rules (the last admin, no self-lock) are <see cref="AccountRules"/>.
/// </summary>
public sealed class UserAdministration(IServiceScopeFactory scopes, IInvitationSender sender, TimeProvider clock)
{
    public async Task<AccountResult> CreateAsync(NewUserModel model, string baseUri, string adminId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        var email = model.Email.Trim();
        var problems = new List<string>();
        if (!System.Net.Mail.MailAddress.TryCreate(email, out var address) || address.Address != email)
        {
            problems.Add("Enter a valid email address.");
        }

        if (string.IsNullOrWhiteSpace(model.DisplayName))
        {
            problems.Add("Enter the person's name.");
        }
        else if (model.DisplayName.Trim().Length > 100)
        {
            problems.Add("The name can have at most 100 characters.");
        }

        if (model.Roles.Count == 0)
        {
            problems.Add("Choose at least one role.");
        }

        if (problems.Count > 0)
        {
            return new AccountResult(problems);
        }

        await using var scope = scopes.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<UserAccounts>();
        var now = clock.GetUtcNow().UtcDateTime;
        var roles = Ordered(model.Roles);
        if (await accounts.InviteUserAsync(email, model.DisplayName, roles, model.EvaluatorKind, now) is not { } invited)
        {
            return AccountResult.Fail("Someone with this email already has an account.");
        }

        await AuditAsync(scope, adminId, AuditActions.UserInvited, invited.User.Id, $"{email} ({model.DisplayName.Trim()}): roles {string.Join(", ", roles)}", now, ct);
        var link = EvaluatorInvitations.LinkFor(baseUri, invited.User.Id, invited.Token);
        return new AccountResult([], link, await sender.SendAsync(email, model.DisplayName.Trim(), link, ct), "invitation");
    }

    public async Task<AccountResult> SetRolesAsync(string userId, IReadOnlyCollection<string> roles, string adminId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(roles);
        await using var scope = scopes.CreateAsyncScope();
        var access = scope.ServiceProvider.GetRequiredService<AccountAccess>();
        if (await access.StateAsync(userId) is not { } state)
        {
            return AccountResult.Fail("This account does not exist any more.");
        }

        var after = Ordered(roles);
        var refused = AccountRules.RoleChange(Change(state, userId, adminId), after.Contains(Roles.Admin), after.Count);
        if (!refused.Ok)
        {
            return AccountResult.Fail(refused.Problems);
        }

        if (after.SequenceEqual(state.Roles))
        {
            return AccountResult.Done;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        await access.SetRolesAsync(state.User, after, now);
        await AuditAsync(scope, adminId, AuditActions.UserRolesChanged, userId, $"{state.User.Email}: roles {Words(state.Roles)} → {Words(after)}", now, ct);
        return AccountResult.Done;
    }

    public async Task<AccountResult> LockAsync(string userId, bool locked, string adminId, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var access = scope.ServiceProvider.GetRequiredService<AccountAccess>();
        if (await access.StateAsync(userId) is not { } state)
        {
            return AccountResult.Fail("This account does not exist any more.");
        }

        if (locked)
        {
            var refused = AccountRules.Lock(Change(state, userId, adminId));
            if (!refused.Ok)
            {
                return AccountResult.Fail(refused.Problems);
            }

            await access.LockAsync(state.User);
        }
        else
        {
            await access.UnlockAsync(state.User);
        }

        await AuditAsync(scope, adminId, locked ? AuditActions.UserLocked : AuditActions.UserUnlocked, userId,
            $"{state.User.Email}: {(state.Locked ? "locked" : "active")} → {(locked ? "locked" : "active")}", clock.GetUtcNow().UtcDateTime, ct);
        return AccountResult.Done;
    }

    /// <summary>Removes a person, keeping their ratings under a pseudonymous reference (see <see cref="UserAccounts.RemovePersonAsync"/>); audited.</summary>
    public async Task<AccountResult> RemoveAsync(string userId, string adminId, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var access = scope.ServiceProvider.GetRequiredService<AccountAccess>();
        if (await access.StateAsync(userId) is not { } state)
        {
            return AccountResult.Fail("This account does not exist any more.");
        }

        var refused = AccountRules.Remove(Change(state, userId, adminId));
        if (!refused.Ok)
        {
            return AccountResult.Fail(refused.Problems);
        }

        var email = state.User.Email;
        var now = clock.GetUtcNow().UtcDateTime;
        var reference = await access.RemovePersonAsync(state.User, now);
        await AuditAsync(scope, adminId, AuditActions.UserRemoved, userId, $"{email} → {reference} (ratings kept under this reference)", now, ct);
        return AccountResult.Done;
    }

    /// <summary>A password-reset link (one day, dies when the password is set); for an account that never set a password, a new invitation link.</summary>
    public async Task<AccountResult> ResetLinkAsync(string userId, string baseUri, string adminId, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var access = scope.ServiceProvider.GetRequiredService<AccountAccess>();
        if (await access.StateAsync(userId) is not { } state)
        {
            return AccountResult.Fail("This account does not exist any more.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (await access.PasswordResetTokenAsync(state.User) is { } token)
        {
            var link = QueryHelpers.AddQueryString(baseUri.TrimEnd('/') + "/Account/ResetPassword", "code", WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token)));
            await AuditAsync(scope, adminId, AuditActions.UserPasswordResetLink, userId, $"{state.User.Email}: reset link issued", now, ct);
            return new AccountResult([], link, false, "password reset");
        }

        if (await scope.ServiceProvider.GetRequiredService<UserAccounts>().ReinviteAsync(userId) is not { } invited)
        {
            return AccountResult.Fail("Could not issue a link for this account.");
        }

        await AuditAsync(scope, adminId, AuditActions.UserReinvited, userId, $"{state.User.Email}: new invitation link (no password set yet)", now, ct);
        var invitation = EvaluatorInvitations.LinkFor(baseUri, userId, invited.Token);
        return new AccountResult([], invitation, await sender.SendAsync(state.User.Email!, state.User.DisplayName, invitation, ct), "invitation");
    }

    private static AccountChange Change(AccountState state, string userId, string adminId) =>
        new(userId == adminId, state.Roles.Contains(Roles.Admin), state.OtherActiveAdmins);

    private static List<string> Ordered(IEnumerable<string> roles) => Roles.All.Where(roles.Contains).Order(StringComparer.Ordinal).ToList();

    private static string Words(IReadOnlyList<string> roles) => roles.Count == 0 ? "none" : string.Join(", ", roles);

    private static async Task AuditAsync(AsyncServiceScope scope, string adminId, string action, string userId, string details, DateTime now, CancellationToken ct)
    {
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.Record(now, adminId, action, "User", userId, details);
        await db.SaveChangesAsync(ct);
    }
}
