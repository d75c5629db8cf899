using System.Security.Claims;

namespace HumanEval.Web;

/// <summary>The signed-in person's user id, read one way everywhere.</summary>
public static class UserClaims
{
    /// <summary>The user id of a signed-in person (pages and endpoints that require sign-in).</summary>
    public static string Id(this ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("no signed-in user");

    /// <summary>The user id, or null for an anonymous request.</summary>
    public static string? IdOrNull(this ClaimsPrincipal? user) => user?.FindFirstValue(ClaimTypes.NameIdentifier);
}
