using HumanEval.Core.Assignment;
using HumanEval.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace HumanEval.Data;

/// <summary>An evaluator a lead invites: the account has no password until the invitation is accepted.</summary>
public sealed record NewInvitation(string Email, string DisplayName, EvaluatorKind Type, IReadOnlyList<string> Tags, decimal? HourlyRate, decimal? FlatRate, string Currency, double? WeeklyHourLimit);

public sealed record NewUser(string Email, string DisplayName, string Role, string Password, EvaluatorKind? EvaluatorKind = null, IReadOnlyList<string>? Tags = null);

/// <summary>Creates users with their role (and evaluator profile) the same way for the seed, the CLI and the admin pages.</summary>
public sealed class UserAccounts(UserManager<ApplicationUser> users, RoleManager<IdentityRole> roles, AppDbContext db)
{
    public async Task EnsureRolesAsync()
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)), $"create role {role}");
            }
        }
    }

    /// <summary>Creates the user unless one with this email exists. Returns false when it already existed.</summary>
    public async Task<bool> CreateAsync(NewUser user, DateTime now)
    {
        if (!Roles.All.Contains(user.Role))
        {
            throw new ArgumentException($"Unknown role '{user.Role}'. Use one of: {string.Join(", ", Roles.All)}.", nameof(user));
        }

        if (await users.FindByEmailAsync(user.Email) is not null)
        {
            return false;
        }

        await EnsureRolesAsync();
        var account = new ApplicationUser
        {
            UserName = user.Email,
            Email = user.Email,
            EmailConfirmed = true,
            DisplayName = user.DisplayName,
            CreatedAt = now,
        };
        Check(await users.CreateAsync(account, user.Password), $"create {user.Email}");
        Check(await users.AddToRoleAsync(account, user.Role), $"add {user.Email} to {user.Role}");

        if (user.Role == Roles.Evaluator)
        {
            db.EvaluatorProfiles.Add(new EvaluatorProfile
            {
                UserId = account.Id,
                Type = user.EvaluatorKind ?? EvaluatorKind.RepresentativeUser,
                Tags = (user.Tags ?? []).Select(t => t.Trim().ToLowerInvariant()).Where(t => t.Length > 0).Distinct().ToList(),
                CreatedAt = now,
            });
            await db.SaveChangesAsync();
        }

        return true;
    }

    /// <summary>The token provider and purpose of invitation links (the provider is registered by the host).</summary>
    public const string InvitationProvider = "Invitation";
    public const string InvitationPurpose = "accept-invitation";

    /// <summary>
    /// Creates an evaluator account without a password and returns it with a single-use invitation token (it dies when
    /// a password is set, or when a new invitation is issued). Null when the email is taken.
    /// </summary>
    public async Task<(ApplicationUser User, string Token)?> InviteAsync(NewInvitation invitation, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(invitation);
        if (await users.FindByEmailAsync(invitation.Email.Trim()) is not null)
        {
            return null;
        }

        await EnsureRolesAsync();
        var account = new ApplicationUser
        {
            UserName = invitation.Email.Trim(),
            Email = invitation.Email.Trim(),
            EmailConfirmed = false,
            DisplayName = invitation.DisplayName.Trim(),
            CreatedAt = now,
        };
        Check(await users.CreateAsync(account), $"create {invitation.Email}");
        Check(await users.AddToRoleAsync(account, Roles.Evaluator), $"add {invitation.Email} to {Roles.Evaluator}");
        db.EvaluatorProfiles.Add(new EvaluatorProfile
        {
            UserId = account.Id,
            Type = invitation.Type,
            Tags = invitation.Tags.ToList(),
            HourlyRate = invitation.HourlyRate,
            FlatRate = invitation.FlatRate,
            Currency = invitation.Currency,
            WeeklyHourLimit = invitation.WeeklyHourLimit,
            CreatedAt = now,
        });
        await db.SaveChangesAsync();
        return (account, await users.GenerateUserTokenAsync(account, InvitationProvider, InvitationPurpose));
    }

    /// <summary>A new invitation token for an account that has not set a password yet; earlier links stop working.</summary>
    public async Task<(ApplicationUser User, string Token)?> ReinviteAsync(string userId)
    {
        var account = await users.FindByIdAsync(userId);
        if (account is null || await users.HasPasswordAsync(account))
        {
            return null;
        }

        Check(await users.UpdateSecurityStampAsync(account), "renew the invitation");
        return (account, await users.GenerateUserTokenAsync(account, InvitationProvider, InvitationPurpose));
    }

    /// <summary>Accepts an invitation: checks the token, sets the password (which ends the token), confirms the email.</summary>
    public async Task<IdentityResult> AcceptInvitationAsync(string userId, string token, string password)
    {
        var account = await users.FindByIdAsync(userId);
        if (account is null || await users.HasPasswordAsync(account) || !await users.VerifyUserTokenAsync(account, InvitationProvider, InvitationPurpose, token))
        {
            return IdentityResult.Failed(new IdentityError { Code = "InvalidInvitation", Description = "This invitation link is not valid any more. Ask your lead for a new one." });
        }

        var result = await users.AddPasswordAsync(account, password);
        if (!result.Succeeded)
        {
            return result;
        }

        account.EmailConfirmed = true;
        return await users.UpdateAsync(account);
    }

    public async Task<bool> IsInvitationValidAsync(string userId, string token)
    {
        var account = await users.FindByIdAsync(userId);
        return account is not null && !await users.HasPasswordAsync(account) && await users.VerifyUserTokenAsync(account, InvitationProvider, InvitationPurpose, token);
    }

    /// <summary>
    /// Creates an account of any roles without a password and returns it with a single-use invitation token, as for
    /// evaluators (an evaluator role gets a profile of the given type). Null when the email is taken.
    /// </summary>
    public async Task<(ApplicationUser User, string Token)?> InviteUserAsync(string email, string displayName, IReadOnlyCollection<string> roles, EvaluatorKind evaluatorType, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(roles);
        if (roles.Count == 0 || roles.Any(r => !Roles.All.Contains(r)))
        {
            throw new ArgumentException($"Give one or more of: {string.Join(", ", Roles.All)}.", nameof(roles));
        }

        if (roles.Contains(Roles.Evaluator))
        {
            return await InviteAsync(new NewInvitation(email, displayName, evaluatorType, [], null, null, "USD", null), now) is { } invited
                ? (await AddRolesAsync(invited.User, roles.Where(r => r != Roles.Evaluator)), invited.Token)
                : null;
        }

        if (await users.FindByEmailAsync(email.Trim()) is not null)
        {
            return null;
        }

        await EnsureRolesAsync();
        var account = new ApplicationUser { UserName = email.Trim(), Email = email.Trim(), EmailConfirmed = false, DisplayName = displayName.Trim(), CreatedAt = now };
        Check(await users.CreateAsync(account), $"create {email}");
        await AddRolesAsync(account, roles);
        return (account, await users.GenerateUserTokenAsync(account, InvitationProvider, InvitationPurpose));
    }

    /// <summary>The account as the admin rules see it: its roles, whether it is locked, and how many other admins can sign in.</summary>
    public async Task<(ApplicationUser User, IReadOnlyList<string> Roles, bool Locked, int OtherActiveAdmins)?> StateAsync(string userId)
    {
        var account = await users.FindByIdAsync(userId);
        if (account is null)
        {
            return null;
        }

        var now = DateTimeOffset.UtcNow;
        var admins = await users.GetUsersInRoleAsync(Roles.Admin);
        var otherActive = admins.Count(a => a.Id != userId && !(a.LockoutEnd > now));
        return (account, (await users.GetRolesAsync(account)).Order(StringComparer.Ordinal).ToList(), account.LockoutEnd > now, otherActive);
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
        await EnsureRolesAsync();
        if (removed.Count > 0)
        {
            Check(await users.RemoveFromRolesAsync(account, removed), "remove roles");
        }

        await AddRolesAsync(account, added);
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
            Check(await users.UpdateSecurityStampAsync(account), "sign out old sessions");
        }
    }

    /// <summary>Locks the account until an admin unlocks it, and signs out its open sessions (new security stamp).</summary>
    public async Task LockAsync(ApplicationUser account)
    {
        Check(await users.SetLockoutEnabledAsync(account, true), "enable lockout");
        Check(await users.SetLockoutEndDateAsync(account, DateTimeOffset.MaxValue), "lock the account");
        Check(await users.UpdateSecurityStampAsync(account), "sign out old sessions");
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
            Check(await users.RemoveFromRolesAsync(account, roles), "remove roles");
        }

        if (await users.HasPasswordAsync(account))
        {
            Check(await users.RemovePasswordAsync(account), "remove the password");
        }

        foreach (var login in await users.GetLoginsAsync(account))
        {
            Check(await users.RemoveLoginAsync(account, login.LoginProvider, login.ProviderKey), "remove an external login");
        }

        account.Email = reference;
        account.UserName = reference;
        account.DisplayName = $"Removed person {tag}";
        account.EmailConfirmed = false;
        account.PhoneNumber = null;
        account.TwoFactorEnabled = false;
        Check(await users.UpdateAsync(account), "replace the name and address");
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
        Check(await users.SetLockoutEndDateAsync(account, null), "unlock the account");
        Check(await users.ResetAccessFailedCountAsync(account), "reset failed sign-ins");
    }

    /// <summary>
    /// A password-reset token for an account with a password (it dies when the password changes or in a day), or null
    /// when the account has none yet (send a new invitation instead).
    /// </summary>
    public async Task<string?> PasswordResetTokenAsync(ApplicationUser account) =>
        await users.HasPasswordAsync(account) ? await users.GeneratePasswordResetTokenAsync(account) : null;

    public Task<bool> HasPasswordAsync(ApplicationUser account) => users.HasPasswordAsync(account);

    private async Task<ApplicationUser> AddRolesAsync(ApplicationUser account, IEnumerable<string> roles)
    {
        var list = roles.ToList();
        if (list.Count > 0)
        {
            Check(await users.AddToRolesAsync(account, list), "add roles");
        }

        return account;
    }

    public Task<int> CountAsync(CancellationToken cancellationToken = default) => db.Users.CountAsync(cancellationToken);

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not {what}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
    }
}
