namespace HumanEval.Core.Accounts;

/// <summary>
/// The one password rule: at least this many characters, with Identity's defaults on top (a digit, upper and lower
/// case, a symbol). Identity enforces it (AppDbContext.ConfigureIdentityStore, shared by the app and the CLI) for every path that sets a password (register, invitation, reset, change,
/// set, the CLI's user add); the forms use the same number to say so before posting.
/// </summary>
public static class PasswordPolicy
{
    public const int MinimumLength = 8;
}
