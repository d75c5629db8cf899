using HumanEval.Core.Accounts;

namespace HumanEval.Core.Tests.Accounts;

public sealed class SignInThrottleTests
{
    private static readonly DateTime T0 = new(2026, 12, 3, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Five_failures_hold_that_address_off_that_account_only_and_the_hold_ends_with_the_window()
    {
        var throttle = new SignInThrottle(new SignInLimits());
        for (var i = 0; i < 5; i++)
        {
            Assert.True(throttle.Allows("203.0.113.9", "ada@x.org", T0.AddSeconds(i)));
            throttle.Failed("203.0.113.9", "ada@x.org", T0.AddSeconds(i));
        }

        Assert.False(throttle.Allows("203.0.113.9", "ADA@x.org ", T0.AddMinutes(1)));   // case and spaces do not matter
        Assert.True(throttle.Allows("198.51.100.4", "ada@x.org", T0.AddMinutes(1)));    // Ada at her own desk is not locked out
        Assert.True(throttle.Allows("203.0.113.9", "bob@x.org", T0.AddMinutes(1)));     // nor is anyone else from that address
        Assert.True(throttle.Allows("203.0.113.9", "ada@x.org", T0.AddSeconds(4).AddMinutes(15)));
    }

    [Fact]
    public void Spraying_many_accounts_from_one_address_holds_the_address_off_all_of_them()
    {
        var throttle = new SignInThrottle(new SignInLimits(PerAccountFromAddress: 5, PerAddress: 20));
        for (var i = 0; i < 20; i++)
        {
            var account = $"user{i % 10}@x.org";                                        // 2 tries each: never 5 on one account
            Assert.True(throttle.Allows("192.0.2.1", account, T0));
            throttle.Failed("192.0.2.1", account, T0);
        }

        Assert.False(throttle.Allows("192.0.2.1", "user99@x.org", T0.AddMinutes(5)));
        Assert.True(throttle.Allows("192.0.2.2", "user1@x.org", T0.AddMinutes(5)));
    }

    [Fact]
    public void A_success_clears_the_pair_and_old_failures_expire_instead_of_adding_up()
    {
        var throttle = new SignInThrottle(new SignInLimits());
        for (var i = 0; i < 4; i++)
        {
            throttle.Failed("a", "ada", T0);
        }

        throttle.Succeeded("a", "ada");
        throttle.Failed("a", "ada", T0);
        Assert.True(throttle.Allows("a", "ada", T0));

        for (var i = 0; i < 4; i++)
        {
            throttle.Failed("b", "bob", T0.AddMinutes(20 * i)); // one failure every 20 minutes never reaches 5
        }

        Assert.True(throttle.Allows("b", "bob", T0.AddMinutes(61)));
    }
}
