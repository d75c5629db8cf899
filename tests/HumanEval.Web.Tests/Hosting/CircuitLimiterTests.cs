using HumanEval.Web.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace HumanEval.Web.Tests.Hosting;

public sealed class CircuitLimiterTests
{
    private static CircuitLimiter Limiter(int perUser, int perAddress) =>
        new(Options.Create(new CircuitLimitOptions { PerUser = perUser, PerAddress = perAddress }));

    [Fact]
    public void A_person_gets_up_to_the_cap_and_a_closed_circuit_gives_its_place_back()
    {
        var limiter = Limiter(perUser: 2, perAddress: 100);
        Assert.True(limiter.TryAcquire("ada", "10.0.0.1"));
        Assert.True(limiter.TryAcquire("ada", "10.0.0.2"));  // a second device counts for the same person
        Assert.True(limiter.IsFull("ada", "10.0.0.3"));
        Assert.False(limiter.TryAcquire("ada", "10.0.0.3"));
        Assert.True(limiter.TryAcquire("bob", "10.0.0.1"));  // others are not affected

        limiter.Release("ada", "10.0.0.1");
        Assert.False(limiter.IsFull("ada", "10.0.0.1"));
        Assert.True(limiter.TryAcquire("ada", "10.0.0.1"));
    }

    [Fact]
    public void One_address_is_capped_across_accounts_and_a_refusal_takes_no_place()
    {
        var limiter = Limiter(perUser: 10, perAddress: 3);
        Assert.True(limiter.TryAcquire("a", "192.0.2.7"));
        Assert.True(limiter.TryAcquire("b", "192.0.2.7"));
        Assert.True(limiter.TryAcquire("c", "192.0.2.7"));
        Assert.False(limiter.TryAcquire("d", "192.0.2.7"));
        Assert.False(limiter.IsFull("d", "198.51.100.1"));   // d was not counted by the refusal
        Assert.True(limiter.TryAcquire("d", "198.51.100.1"));

        limiter.Release("a", "192.0.2.7");
        Assert.True(limiter.TryAcquire("e", "192.0.2.7"));
        Assert.False(limiter.TryAcquire("f", "192.0.2.7"));
    }

    [Fact]
    public void Dropped_circuits_are_kept_for_the_configured_time_and_number()
    {
        using var app = new TestApp(new Dictionary<string, string?>
        {
            ["HumanEval:Circuits:DisconnectedRetentionSeconds"] = "45",
            ["HumanEval:Circuits:DisconnectedMaxRetained"] = "7",
        });
        var circuits = app.Services.GetRequiredService<IOptions<Microsoft.AspNetCore.Components.Server.CircuitOptions>>().Value;
        Assert.Equal(TimeSpan.FromSeconds(45), circuits.DisconnectedCircuitRetentionPeriod);
        Assert.Equal(7, circuits.DisconnectedCircuitMaxRetained);
        Assert.Equal(100, new CircuitLimitOptions().DisconnectedMaxRetained);
    }
}
