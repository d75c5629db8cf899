using HumanEval.Data.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace HumanEval.Data;

public sealed record NewUser(string Email, string DisplayName, string Role, string Password, EvaluatorType? EvaluatorType = null, IReadOnlyList<string>? Tags = null);

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
                Type = user.EvaluatorType ?? EvaluatorType.RepresentativeUser,
                Tags = (user.Tags ?? []).Select(t => t.Trim().ToLowerInvariant()).Where(t => t.Length > 0).Distinct().ToList(),
                CreatedAt = now,
            });
            await db.SaveChangesAsync();
        }

        return true;
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
