namespace HumanEval.Core.Accounts;

/// <summary>What an admin is about to do to an account, as the rules need to see it.</summary>
/// <param name="Self">The admin acts on their own account.</param>
/// <param name="TargetIsAdmin">The account holds the admin role now.</param>
/// <param name="OtherActiveAdmins">Admins other than the target who can sign in (not locked out).</param>
public sealed record AccountChange(bool Self, bool TargetIsAdmin, int OtherActiveAdmins);

/// <summary>
/// The rules of managing accounts in the browser. The product must never lose its last way in: there is always at
/// least one admin who can sign in, so the last active admin cannot give up the admin role or be locked out, and no
/// admin can lock their own account (they would be signed out mid-change with nobody to undo it).
/// </summary>
public static class AccountRules
{
    /// <summary>Problems with a new set of roles, in words an admin can act on; allowed when none.</summary>
    public static RuleResult RoleChange(AccountChange change, bool keepsAdmin, int roleCount)
    {
        ArgumentNullException.ThrowIfNull(change);
        var problems = new List<string>();
        if (roleCount == 0)
        {
            problems.Add("Give the account at least one role, or lock it to stop its access.");
        }

        if (change.TargetIsAdmin && !keepsAdmin && change.OtherActiveAdmins == 0)
        {
            problems.Add(change.Self
                ? "You are the last admin: make someone else an admin before you give up the role."
                : "This is the last admin who can sign in: make someone else an admin first.");
        }

        return RuleResult.Refused(problems);
    }

    /// <summary>Problems with locking the account; allowed when none. Unlocking is always allowed.</summary>
    public static RuleResult Lock(AccountChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (change.Self)
        {
            return RuleResult.Refused("You cannot lock your own account.");
        }

        return change.TargetIsAdmin && change.OtherActiveAdmins == 0
            ? RuleResult.Refused("This is the last admin who can sign in; it cannot be locked.")
            : RuleResult.Allowed;
    }

    /// <summary>
    /// Problems with removing the person (their ratings stay under a pseudonymous reference); allowed when none. The
    /// same guard as locking: never oneself, never the last admin who can sign in.
    /// </summary>
    public static RuleResult Remove(AccountChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (change.Self)
        {
            return RuleResult.Refused("You cannot remove your own account.");
        }

        return change.TargetIsAdmin && change.OtherActiveAdmins == 0
            ? RuleResult.Refused("This is the last admin who can sign in; it cannot be removed.")
            : RuleResult.Allowed;
    }
}
