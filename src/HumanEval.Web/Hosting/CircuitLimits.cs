using System.Security.Claims;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace HumanEval.Web.Hosting;

/// <summary>How many live circuits (open interactive pages) one person and one address may hold (section <c>HumanEval:Circuits</c>).</summary>
public sealed class CircuitLimitOptions
{
    public const string Section = "HumanEval:Circuits";

    /// <summary>Open windows or tabs per signed-in person: an evaluator needs one or two, a lead a handful.</summary>
    public int PerUser { get; set; } = 10;

    /// <summary>Per client address: generous, because a team may sit behind one office address.</summary>
    public int PerAddress { get; set; } = 50;

    /// <summary>How long a circuit whose connection dropped is kept for the page to reconnect (Blazor's default is 3 minutes).</summary>
    public int DisconnectedRetentionSeconds { get; set; } = 180;

    /// <summary>At most this many dropped circuits are kept across the server; the oldest are let go first (Blazor's default is 100).</summary>
    public int DisconnectedMaxRetained { get; set; } = 100;
}

/// <summary>
/// Counts live circuit connections per person and per address and refuses one past the cap. Together with the rules
/// that only signed-in people get a circuit at all (anonymous pages render statically, the hub answers 401) and that
/// dropped circuits are kept for a bounded time and number, this bounds what one account or one address can make the
/// server hold: PerUser live circuits plus its share of DisconnectedMaxRetained (about 0.4 MB each, see README).
/// </summary>
public sealed class CircuitLimiter(IOptions<CircuitLimitOptions> options)
{
    private readonly Dictionary<string, int> users = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> addresses = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    private CircuitLimitOptions Limits => options.Value;

    /// <summary>Whether one more circuit for this person and address would be refused (for the page to say so before trying).</summary>
    public bool IsFull(string user, string address)
    {
        lock (gate)
        {
            return users.GetValueOrDefault(user) >= Limits.PerUser || addresses.GetValueOrDefault(address) >= Limits.PerAddress;
        }
    }

    /// <summary>Takes one slot for the person and one for the address, or neither when either is full.</summary>
    public bool TryAcquire(string user, string address)
    {
        lock (gate)
        {
            if (users.GetValueOrDefault(user) >= Limits.PerUser || addresses.GetValueOrDefault(address) >= Limits.PerAddress)
            {
                return false;
            }

            users[user] = users.GetValueOrDefault(user) + 1;
            addresses[address] = addresses.GetValueOrDefault(address) + 1;
            return true;
        }
    }

    public void Release(string user, string address)
    {
        lock (gate)
        {
            Decrement(users, user);
            Decrement(addresses, address);
        }
    }

    public static string AddressOf(HttpContext? context) => context?.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static void Decrement(Dictionary<string, int> counts, string key)
    {
        if (counts.TryGetValue(key, out var n))
        {
            if (n <= 1)
            {
                counts.Remove(key);
            }
            else
            {
                counts[key] = n - 1;
            }
        }
    }
}

/// <summary>
/// The Blazor hub's connection gate: a connection carries at most one circuit, so counting live connections per
/// person and address caps live circuits. Past the cap the connection is refused before any circuit exists.
/// </summary>
public sealed class CircuitLimitFilter(CircuitLimiter limiter, ILogger<CircuitLimitFilter> logger) : IHubFilter
{
    private const string LeaseKey = "humaneval-circuit-lease";

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        var user = context.Context.User.IdOrNull();
        if (user is null)
        {
            throw new HubException("Sign in to open HumanEval.");
        }

        var address = CircuitLimiter.AddressOf(context.Context.GetHttpContext());
        if (!limiter.TryAcquire(user, address))
        {
            logger.LogWarning("Refused a circuit for user {User} from {Address}: too many open pages", user, address);
            throw new HubException("Too many HumanEval pages are open for this account or address. Close one and reload.");
        }

        context.Context.Items[LeaseKey] = (user, address);
        try
        {
            await next(context);
        }
        catch
        {
            Release(context.Context);
            throw;
        }
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        try
        {
            await next(context, exception);
        }
        finally
        {
            Release(context.Context);
        }
    }

    private void Release(HubCallerContext context)
    {
        if (context.Items.Remove(LeaseKey, out var lease) && lease is (string user, string address))
        {
            limiter.Release(user, address);
        }
    }
}

public static class CircuitLimitExtensions
{
    public static IServiceCollection AddCircuitLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CircuitLimitOptions>().Bind(configuration.GetSection(CircuitLimitOptions.Section));
        // Dropped circuits give their memory back after a bounded time and number.
        services.AddOptions<Microsoft.AspNetCore.Components.Server.CircuitOptions>().Configure<IOptions<CircuitLimitOptions>>((o, limits) =>
        {
            o.DisconnectedCircuitRetentionPeriod = TimeSpan.FromSeconds(limits.Value.DisconnectedRetentionSeconds);
            o.DisconnectedCircuitMaxRetained = limits.Value.DisconnectedMaxRetained;
        });
        services.AddSingleton<CircuitLimiter>();
        services.AddSingleton<CircuitLimitFilter>();
        services.AddSignalR(o => o.AddFilter<CircuitLimitFilter>());
        return services;
    }

    /// <summary>The Blazor hub (<c>/_blazor</c>) answers 401 to anyone not signed in: no page that reaches it anonymously is interactive.</summary>
    public static IApplicationBuilder UseSignedInCircuitsOnly(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/_blazor", StringComparison.OrdinalIgnoreCase) && context.User.Identity?.IsAuthenticated != true)
            {
                // Plain 401: no re-execution to the not-found page (a re-executed negotiate POST would fail antiforgery as 400).
                if (context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>() is { } pages)
                {
                    pages.Enabled = false;
                }

                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                await context.Response.WriteAsync("Sign in to open HumanEval.");
                return;
            }

            await next(context);
        });
}
