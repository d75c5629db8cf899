using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;

namespace HumanEval.Web.Hosting;

/// <summary>Request limits (section <c>HumanEval:RateLimits</c>), per client address and minute.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "HumanEval:RateLimits";

    /// <summary>Posts to the sign-in forms (login, invitation, password reset) per address: generous, because a team may share one office address; lockout after 5 failures guards each account.</summary>
    public int SignInPerMinute { get; set; } = 60;

    /// <summary>Calls of the ingest API, per API key (or per address without one).</summary>
    public int IngestPerMinute { get; set; } = 60;
}

/// <summary>
/// Browser hardening and request limits: a content security policy without inline script, no sniffing, no framing, no
/// referrer (invitation links carry a token), and fixed-window limits on sign-in posts and the ingest API.
/// </summary>
internal static class Protection
{
    /// <summary>
    /// Scripts only from this origin (no inline script, no eval); styles may be inline because MudBlazor positions
    /// popovers with style attributes; the circuit's WebSocket is same-origin.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    private static readonly string[] SignInPaths = ["/Account/Login", "/Account/AcceptInvitation", "/Account/ForgotPassword", "/Account/Register", "/Account/ResetPassword", "/Account/LoginWith2fa"];

    public static IServiceCollection AddProtection(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RateLimitOptions>().Bind(configuration.GetSection(RateLimitOptions.Section));
        services.AddSingleton<IngestThrottle>();
        // Antiforgery would add its own X-Frame-Options (SAMEORIGIN); ours is stricter (DENY and frame-ancestors 'none').
        services.AddAntiforgery(options => options.SuppressXFrameOptionsHeader = true);
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, ct) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry))
                {
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retry.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                }

                context.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                await context.HttpContext.Response.WriteAsync("Too many requests. Wait a minute and try again.", ct);
            };
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            {
                // Read from the final configuration, not at registration (tests and hosts override it late).
                var limits = http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<RateLimitOptions>>().CurrentValue;
                var address = http.Connection.RemoteIpAddress ?? IPAddress.Loopback;
                var path = http.Request.Path;
                // Sign-in posts, and the registration confirmation (which looks up an address), share one budget per address.
                if ((HttpMethods.IsPost(http.Request.Method) && SignInPaths.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)))
                    || path.StartsWithSegments("/Account/RegisterConfirmation", StringComparison.OrdinalIgnoreCase))
                {
                    return RateLimitPartition.GetFixedWindowLimiter($"sign-in|{address}", _ => Window(limits.SignInPerMinute));
                }

                // The ingest API is limited inside its endpoint (IngestThrottle), after the key is known to be valid.
                return RateLimitPartition.GetNoLimiter("none");
            });
        });
        return services;
    }

    internal static FixedWindowRateLimiterOptions Window(int permits) => new()
    {
        PermitLimit = Math.Max(1, permits),
        Window = TimeSpan.FromMinutes(1),
        QueueLimit = 0,
    };

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
        // Site isolation: no other origin may open, embed or load what this app serves (all its own resources are same-origin).
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers["Cross-Origin-Resource-Policy"] = "same-origin";
        headers["Cross-Origin-Embedder-Policy"] = "require-corp";
        // What a signed-in person is sent (pages, exports with scores, costs and names) is never kept by a browser or
        // proxy cache; responses that set their own caching (static assets, the theme stylesheet) keep it.
        context.Response.OnStarting(() =>
        {
            if (context.User.Identity?.IsAuthenticated == true && !headers.ContainsKey("Cache-Control"))
            {
                headers.CacheControl = "no-store";
            }

            return Task.CompletedTask;
        });
        await next();
    });
}

/// <summary>
/// The ingest API's limit, taken after authentication: calls with a valid key count against that key (whatever the
/// header spelling: Bearer with extra spaces, X-Api-Key beside a junk Authorization), calls without a valid key count
/// against the client address, so inventing keys buys no extra attempts.
/// </summary>
internal sealed class IngestThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<string> limiter;

    public IngestThrottle(Microsoft.Extensions.Options.IOptionsMonitor<RateLimitOptions> options) =>
        limiter = PartitionedRateLimiter.Create<string, string>(partition =>
            RateLimitPartition.GetFixedWindowLimiter(partition, _ => Protection.Window(options.CurrentValue.IngestPerMinute)));

    /// <summary>A permit for a call authenticated with this key (partitioned by the key's hash, never the key itself).</summary>
    public RateLimitLease ForKey(string keyHash) => limiter.AttemptAcquire($"key|{keyHash}");

    /// <summary>A permit for a call without a valid key, from this address.</summary>
    public RateLimitLease ForAddress(HttpContext http) => limiter.AttemptAcquire($"address|{http.Connection.RemoteIpAddress ?? IPAddress.Loopback}");

    public static IResult Refused(RateLimitLease lease, HttpResponse response)
    {
        if (lease.TryGetMetadata(MetadataName.RetryAfter, out var retry))
        {
            response.Headers.RetryAfter = ((int)Math.Ceiling(retry.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        return Results.Problem(title: "Too many requests", detail: "Too many requests. Wait a minute and try again.", statusCode: StatusCodes.Status429TooManyRequests);
    }

    public void Dispose() => limiter.Dispose();
}
