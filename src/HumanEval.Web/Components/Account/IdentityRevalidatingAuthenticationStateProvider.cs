using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using HumanEval.Data.Entities;

namespace HumanEval.Web.Components.Account;

// This is a server-side AuthenticationStateProvider that revalidates the security stamp for the connected user
// while an interactive circuit is connected (every AppOptions.SessionCheck).
internal sealed class IdentityRevalidatingAuthenticationStateProvider(
        ILoggerFactory loggerFactory,
        IServiceScopeFactory scopeFactory,
        IOptions<IdentityOptions> options,
        IOptions<HumanEval.Web.Hosting.AppOptions> app)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    // A lock, a removed role or a logout elsewhere renews the security stamp; open circuits notice within the same
    // interval as cookies (AppOptions.SessionCheck), never more often than every 10 seconds.
    protected override TimeSpan RevalidationInterval => app.Value.SessionCheck < TimeSpan.FromSeconds(10) ? TimeSpan.FromSeconds(10) : app.Value.SessionCheck;

    protected override async Task<bool> ValidateAuthenticationStateAsync(
        AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        // Get the user manager from a new scope to ensure it fetches fresh data
        await using var scope = scopeFactory.CreateAsyncScope();
        var userManager = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        return await ValidateSecurityStampAsync(userManager, authenticationState.User);
    }

    private async Task<bool> ValidateSecurityStampAsync(UserManager<ApplicationUser> userManager, ClaimsPrincipal principal)
    {
        var user = await userManager.GetUserAsync(principal);
        // Not IsLockedOut: failed sign-ins by someone else must not end a signed-in person's session; an admin's lock renews the stamp.
        if (user is null)
        {
            return false;
        }
        else if (!userManager.SupportsUserSecurityStamp)
        {
            return true;
        }
        else
        {
            var principalStamp = principal.FindFirstValue(options.Value.ClaimsIdentity.SecurityStampClaimType);
            var userStamp = await userManager.GetSecurityStampAsync(user);
            return principalStamp == userStamp;
        }
    }
}
