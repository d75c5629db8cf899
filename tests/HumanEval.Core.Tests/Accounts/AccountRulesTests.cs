using HumanEval.Core.Accounts;

namespace HumanEval.Core.Tests.Accounts;

public sealed class AccountRulesTests
{
    [Theory]
    [InlineData(false, false, 0, false)] // an evaluator with no other admin around may change freely
    [InlineData(false, true, 1, false)]  // another admin can still sign in
    [InlineData(true, true, 1, false)]
    [InlineData(false, true, 0, true)]   // the last admin, changed by someone else (e.g. the CLI's admin row)
    [InlineData(true, true, 0, true)]    // the last admin stepping down
    public void The_last_admin_who_can_sign_in_keeps_the_role(bool self, bool targetIsAdmin, int otherAdmins, bool refused)
    {
        var problems = AccountRules.RoleChange(new AccountChange(self, targetIsAdmin, otherAdmins), keepsAdmin: false, roleCount: 1).Problems;
        Assert.Equal(refused, problems.Count == 1);
        if (refused)
        {
            Assert.Equal(self
                ? "You are the last admin: make someone else an admin before you give up the role."
                : "This is the last admin who can sign in: make someone else an admin first.", problems[0]);
        }
    }

    [Fact]
    public void Keeping_the_admin_role_is_always_allowed_and_no_roles_at_all_is_not()
    {
        Assert.True(AccountRules.RoleChange(new AccountChange(true, true, 0), keepsAdmin: true, roleCount: 2).Ok);
        var none = AccountRules.RoleChange(new AccountChange(true, true, 0), keepsAdmin: false, roleCount: 0).Problems;
        Assert.Equal(["Give the account at least one role, or lock it to stop its access.",
            "You are the last admin: make someone else an admin before you give up the role."], none);
    }

    [Theory]
    [InlineData(true, true, 3, "You cannot lock your own account.")]
    [InlineData(true, false, 0, "You cannot lock your own account.")]
    [InlineData(false, true, 0, "This is the last admin who can sign in; it cannot be locked.")]
    [InlineData(false, true, 1, null)]
    [InlineData(false, false, 0, null)]
    public void Locking_never_removes_the_last_way_in(bool self, bool targetIsAdmin, int otherAdmins, string? problem)
    {
        var problems = AccountRules.Lock(new AccountChange(self, targetIsAdmin, otherAdmins)).Problems;
        Assert.Equal(problem is null ? [] : [problem], problems);
    }

    [Theory]
    [InlineData(true, false, 0, "You cannot remove your own account.")]
    [InlineData(false, true, 0, "This is the last admin who can sign in; it cannot be removed.")]
    [InlineData(false, true, 1, null)]
    [InlineData(false, false, 0, null)]
    public void Removing_a_person_has_the_same_guard_as_locking(bool self, bool targetIsAdmin, int otherAdmins, string? problem) =>
        Assert.Equal(problem is null ? [] : [problem], AccountRules.Remove(new AccountChange(self, targetIsAdmin, otherAdmins)).Problems);
}
