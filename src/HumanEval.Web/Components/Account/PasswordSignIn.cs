using HumanEval.Core.Accounts;
using HumanEval.Data.Entities;
using Microsoft.AspNetCore.Identity;

namespace HumanEval.Web.Components.Account;

/// <summary>
/// Password sign-in that tells an attacker nothing: unknown, wrong, locked and held-off all answer the same words
/// after the same work (an unknown or locked account still costs one password hash), and failures are counted by
/// <see cref="SignInThrottle"/> per address and account, so nobody can lock someone else out from one address.
/// </summary>
public sealed class PasswordSignIn(
    UserManager<ApplicationUser> users,
    SignInManager<ApplicationUser> signIn,
    IPasswordHasher<ApplicationUser> hasher,
    SignInThrottle throttle,
    TimeProvider clock,
    ILogger<PasswordSignIn> logger)
{
    /// <summary>What the page shows for every failure.</summary>
    public const string Failed = "Sign-in failed: check the email address and the password, or try again later.";

    // A hash of a random password in the app's own format and cost, verified when there is no real one to verify.
    private static string? dummyHash;

    public async Task<SignInResult> SignInAsync(string email, string password, bool remember, string address)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (!throttle.Allows(address, email, now))
        {
            logger.LogWarning("Sign-in held off for an account from {Address}: too many failures", address);
            VerifyDummy(password);
            return SignInResult.Failed;
        }

        var user = await users.FindByNameAsync(email);
        if (user is null)
        {
            VerifyDummy(password);
            throttle.Failed(address, email, now);
            return SignInResult.Failed;
        }

        var lockedBefore = await users.IsLockedOutAsync(user);
        var result = await signIn.PasswordSignInAsync(user, password, remember, lockoutOnFailure: true);
        if (result.Succeeded || result.RequiresTwoFactor)
        {
            throttle.Succeeded(address, email);
            return result;
        }

        if (lockedBefore)
        {
            VerifyDummy(password); // Identity answers a locked account before it hashes anything
        }

        throttle.Failed(address, email, now);
        return SignInResult.Failed; // never "locked out": that would tell whoever is guessing that the account exists
    }

    private void VerifyDummy(string password)
    {
        var probe = new ApplicationUser();
        dummyHash ??= hasher.HashPassword(probe, Guid.NewGuid().ToString("N"));
        hasher.VerifyHashedPassword(probe, dummyHash, password);
    }
}
