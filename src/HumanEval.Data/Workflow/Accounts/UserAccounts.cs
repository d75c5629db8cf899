using HumanEval.Core.Assignment;
using HumanEval.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace HumanEval.Data.Workflow;

/// <summary>An evaluator a lead invites: the account has no password until the invitation is accepted.</summary>
public sealed record NewInvitation(string Email, string DisplayName, EvaluatorKind Type, IReadOnlyList<string> Tags, decimal? HourlyRate, decimal? FlatRate, string Currency, double? WeeklyHourLimit);

public sealed record NewUser(string Email, string DisplayName, string Role, string Password, EvaluatorKind? EvaluatorKind = null, IReadOnlyList<string>? Tags = null);

/// <summary>
/// Creates accounts with their roles (and evaluator profile) the same way for the seed, the CLI and the admin pages:
/// with a password, or as an invitation (a single-use link). Changing what an existing account may do is
/// <see cref="AccountAccess"/>.
/// </summary>
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

    internal async Task<ApplicationUser> AddRolesAsync(ApplicationUser account, IEnumerable<string> roles)
    {
        var list = roles.ToList();
        if (list.Count > 0)
        {
            Check(await users.AddToRolesAsync(account, list), "add roles");
        }

        return account;
    }

    public Task<int> CountAsync(CancellationToken cancellationToken = default) => db.Users.CountAsync(cancellationToken);

    internal static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not {what}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
    }
}
