using HumanEval.Core.Assignment;
using HumanEval.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace HumanEval.Data.Workflow;

/// <summary>An account as the admin rules (Core's <c>AccountRules</c>) see it: its roles, whether it is locked, and how many other admins can sign in.</summary>
public sealed record AccountState(ApplicationUser User, IReadOnlyList<string> Roles, bool Locked, int OtherActiveAdmins);

/// <summary>
/// What an existing account may do: its roles, lock and unlock, removal under a pseudonymous reference, a password
/// reset. Callers check Core's <c>AccountRules</c> first and audit after (see the web app's <c>UserAdministration</c>).
/// </summary>
public sealed class AccountAccess(UserManager<ApplicationUser> users, AppDbContext db, UserAccounts accounts)
{
    /// <summary>The account as the admin rules see it: its roles, whether it is locked, and how many other admins can sign in.</summary>
    public async Task<AccountState?> StateAsync(string userId)
    {
        var account = await users.FindByIdAsync(userId);
        if (account is null)
        {
            return null;
        }

        var now = DateTimeOffset.UtcNow;
        var admins = await users.GetUsersInRoleAsync(Roles.Admin);
        var otherActive = admins.Count(a => a.Id != userId && !(a.LockoutEnd > now));
        return new AccountState(account, (await users.GetRolesAsync(account)).Order(StringComparer.Ordinal).ToList(), account.LockoutEnd > now, otherActive);
    }

    /// <summary>
    /// Replaces the account's roles. Taking the evaluator role away deactivates the profile (past ratings stay); giving
    /// it creates or reactivates one. Taking any role away renews the security stamp, so open sessions sign out at
    /// their next check instead of keeping the old rights.
    /// </summary>
    public async Task SetRolesAsync(ApplicationUser account, IReadOnlyCollection<string> roles, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(account);
        var before = await users.GetRolesAsync(account);
        var removed = before.Except(roles).ToList();
        var added = roles.Except(before).ToList();
        await accounts.EnsureRolesAsync();
        if (removed.Count > 0)
        {
            UserAccounts.Check(await users.RemoveFromRolesAsync(account, removed), "remove roles");
        }

        await accounts.AddRolesAsync(account, added);
        var profile = await db.EvaluatorProfiles.SingleOrDefaultAsync(p => p.UserId == account.Id);
        if (roles.Contains(Roles.Evaluator) && profile is null)
        {
            db.EvaluatorProfiles.Add(new EvaluatorProfile { UserId = account.Id, Type = EvaluatorKind.RepresentativeUser, CreatedAt = now });
        }
        else if (profile is not null && (added.Contains(Roles.Evaluator) || removed.Contains(Roles.Evaluator)))
        {
            profile.Active = added.Contains(Roles.Evaluator);
        }

        await db.SaveChangesAsync();
        if (removed.Count > 0)
        {
            UserAccounts.Check(await users.UpdateSecurityStampAsync(account), "sign out old sessions");
        }
    }

    /// <summary>Locks the account until an admin unlocks it, and signs out its open sessions (new security stamp).</summary>
    public async Task LockAsync(ApplicationUser account)
    {
        UserAccounts.Check(await users.SetLockoutEnabledAsync(account, true), "enable lockout");
        UserAccounts.Check(await users.SetLockoutEndDateAsync(account, DateTimeOffset.MaxValue), "lock the account");
        UserAccounts.Check(await users.UpdateSecurityStampAsync(account), "sign out old sessions");
    }

    /// <summary>
    /// Removes a person while keeping the organisation's records: the account becomes a pseudonymous reference
    /// (<c>removed-xxxxxxxx@removed.invalid</c>, "Removed person xxxxxxxx"), loses its roles, password, external logins
    /// and evaluator tags, is locked and signed out everywhere, and its evaluator profile is deactivated. Ratings, costs
    /// and audit entries keep pointing at the same id, so reports and exports stay as they were, under the reference.
    /// Returns the reference address.
    /// </summary>
    public async Task<string> RemovePersonAsync(ApplicationUser account, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(account);
        var tag = account.Id.Replace("-", "", StringComparison.Ordinal)[..8];
        var reference = $"removed-{tag}@removed.invalid";
        var roles = await users.GetRolesAsync(account);
        if (roles.Count > 0)
        {
            UserAccounts.Check(await users.RemoveFromRolesAsync(account, roles), "remove roles");
        }

        if (await users.HasPasswordAsync(account))
        {
            UserAccounts.Check(await users.RemovePasswordAsync(account), "remove the password");
        }

        foreach (var login in await users.GetLoginsAsync(account))
        {
            UserAccounts.Check(await users.RemoveLoginAsync(account, login.LoginProvider, login.ProviderKey), "remove an external login");
        }

        account.Email = reference;
        account.UserName = reference;
        account.DisplayName = $"Removed person {tag}";
        account.EmailConfirmed = false;
        account.PhoneNumber = null;
        account.TwoFactorEnabled = false;
        UserAccounts.Check(await users.UpdateAsync(account), "replace the name and address");
        await LockAsync(account);

        var profile = await db.EvaluatorProfiles.SingleOrDefaultAsync(p => p.UserId == account.Id);
        if (profile is not null)
        {
            profile.Active = false;
            profile.DeactivatedAt ??= now;
            profile.Tags = [];
            await db.SaveChangesAsync();
        }

        return reference;
    }

    /// <summary>Unlocks the account and clears its failed sign-in count.</summary>
    public async Task UnlockAsync(ApplicationUser account)
    {
        UserAccounts.Check(await users.SetLockoutEndDateAsync(account, null), "unlock the account");
        UserAccounts.Check(await users.ResetAccessFailedCountAsync(account), "reset failed sign-ins");
    }

    /// <summary>
    /// A password-reset token for an account with a password (it dies when the password changes or in a day), or null
    /// when the account has none yet (send a new invitation instead).
    /// </summary>
    public async Task<string?> PasswordResetTokenAsync(ApplicationUser account) =>
        await users.HasPasswordAsync(account) ? await users.GeneratePasswordResetTokenAsync(account) : null;

    public Task<bool> HasPasswordAsync(ApplicationUser account) => users.HasPasswordAsync(account);
}
