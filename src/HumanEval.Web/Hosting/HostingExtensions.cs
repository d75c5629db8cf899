using HumanEval.Data;
using HumanEval.Data.Entities;
using HumanEval.Data.Workflow;
using HumanEval.Web.Components;
using HumanEval.Web.Components.Account;
using HumanEval.Web.Features.Audit;
using HumanEval.Web.Features.Campaigns;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using MudBlazor.Services;

namespace HumanEval.Web.Hosting;

internal static class HostingExtensions
{
    public static WebApplicationBuilder AddHumanEval(this WebApplicationBuilder builder)
    {
        builder.UseRootDevelopmentSettings();
        // No "Server: Kestrel" header: nothing to tell a scanner which server and version to aim at.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        // Console logs cap the text a client can choose (messages, exception messages): see CappedConsoleFormatter.
        builder.Logging.AddConsole(o => o.FormatterName = CappedConsoleFormatter.FormatterName)
            .AddConsoleFormatter<CappedConsoleFormatter, Microsoft.Extensions.Logging.Console.SimpleConsoleFormatterOptions>();
        var services = builder.Services;
        services.AddOptions<AppOptions>().Bind(builder.Configuration.GetSection(AppOptions.Section));
        services.AddSingleton(TimeProvider.System);
        services.AddMemoryCache();
        // First hosted service: rubrics are checked and the schema migrated before anything else touches the database.
        services.AddHostedService<StartupInitializer>();
        // After the initializer: antiforgery brings Data Protection, whose key-ring hosted service reads the database.
        services.AddProtection(builder.Configuration);

        services.AddRazorComponents().AddInteractiveServerComponents();
        // API errors (and the framework's own 4xx/5xx on API routes) as RFC 9457 problem details.
        services.AddProblemDetails();
        services.AddCircuitLimits(builder.Configuration);
        // Behind a TLS-terminating proxy: trust X-Forwarded-For/-Proto only from the proxies named in configuration
        // (HumanEval:ForwardedHeaders:KnownProxies / KnownNetworks; loopback is trusted by default), so the client's
        // address (rate limits, circuit caps) and https (Secure cookies, HSTS) are the real ones.
        services.AddOptions<Microsoft.AspNetCore.Builder.ForwardedHeadersOptions>().Configure<IConfiguration>((o, config) =>
        {
            o.ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto;
            foreach (var proxy in config.GetSection("HumanEval:ForwardedHeaders:KnownProxies").Get<string[]>() ?? [])
            {
                o.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
            }

            foreach (var network in config.GetSection("HumanEval:ForwardedHeaders:KnownNetworks").Get<string[]>() ?? [])
            {
                o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        // Messages appear bottom left: top right is where the rating screen keeps the session clock, which must stay readable.
        services.AddMudServices(o => o.SnackbarConfiguration.PositionClass = MudBlazor.Defaults.Classes.Position.BottomLeft);

        services.AddHumanEvalWorkflow(builder.Environment.ContentRootPath);
        services.AddDatabaseDeveloperPageExceptionFilter();
        services.AddDataProtection().SetApplicationName("HumanEval").PersistKeysToDbContext<AppDbContext>();
        services.AddHealthChecks().AddDbContextCheck<AppDbContext>("database");

        services.AddCascadingAuthenticationState();
        services.AddScoped<IdentityRedirectManager>();
        services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();
        services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentityConstants.ApplicationScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.LeadOrAdmin, policy => policy.RequireRole(Roles.Lead, Roles.Admin));
        services.AddIdentityCore<ApplicationUser>(options =>
            {
                options.SignIn.RequireConfirmedAccount = true;
                options.User.RequireUniqueEmail = true;
                // The last resort against guessing from many addresses: one address is held off long before this
                // (SignInThrottle: 5 per account, 20 in all), so it cannot lock anyone out.
                options.Lockout.MaxFailedAccessAttempts = 25;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                AppDbContext.ConfigureIdentityStore(options);
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AppDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddTokenProvider<InvitationTokenProvider>(UserAccounts.InvitationProvider);
        // Cookies are checked against the security stamp every minute (default 30), so a lock or a removed role ends
        // access within a minute; the same interval as the circuits' revalidation.
        // (AppOptions.SessionCheckSeconds: tests shorten it to see a logout end a copied cookie.) Read from the final
        // configuration when the options are built, not here: tests and hosts add theirs late.
        services.AddOptions<SecurityStampValidatorOptions>().Configure<IOptions<AppOptions>>((o, app) =>
            o.ValidationInterval = app.Value.SessionCheck);
        services.AddSingleton<IEmailSender<ApplicationUser>, IdentityNoOpEmailSender>();
        services.AddSingleton(sp =>
        {
            // The defaults are Core's (SignInLimits); configuration only overrides what it names.
            var signIn = sp.GetRequiredService<IConfiguration>().GetSection("HumanEval:SignIn");
            var defaults = new HumanEval.Core.Accounts.SignInLimits();
            return new HumanEval.Core.Accounts.SignInThrottle(new HumanEval.Core.Accounts.SignInLimits(
                signIn.GetValue("PerAccountFromAddress", defaults.PerAccountFromAddress), signIn.GetValue("PerAddress", defaults.PerAddress),
                TimeSpan.FromMinutes(signIn.GetValue("WindowMinutes", defaults.Window.TotalMinutes))));
        });
        services.AddScoped<Components.Account.PasswordSignIn>();
        services.AddSingleton<Features.Evaluators.EvaluatorInvitations>();
        services.AddSingleton<Features.Users.UserAdministration>();
        services.TryAddSingleton<Features.Evaluators.IInvitationSender, Features.Evaluators.NoEmailInvitationSender>();
        services.AddHostedService<ReservationSweeper>();
        return builder;
    }

    public static WebApplication UseHumanEval(this WebApplication app)
    {
        app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment() && app.Configuration["AllowedHosts"] is null or "*")
        {
            // Any Host header is accepted and used in absolute links (invitations, resets): name the app's host.
            app.Logger.LogWarning("AllowedHosts is not set (or is '*'): set it to the host name(s) HumanEval is served under, e.g. AllowedHosts=humaneval.example.com");
        }

        if (app.Environment.IsDevelopment())
        {
            app.UseMigrationsEndPoint();
        }
        else
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
            app.UseHsts();
        }

        app.UseSecurityHeaders();
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseHttpsRedirection();
        // Explicitly here, after the security headers: left to the host they would run first, and their redirects
        // (to sign-in, to access denied) would go out without the headers.
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseUploadSizeCheck();
        app.UseAntiforgery();
        app.UseSignedInCircuitsOnly();

        app.MapStaticAssets();
        app.MapHealthChecks("/health").AllowAnonymous();
        app.MapIngestApi();
        app.MapExampleUpload();
        app.MapAuditExport();
        app.MapThemeStylesheets();
        // Our own policy (Protection.cs) already says frame-ancestors 'none'; the framework's second header would only add noise.
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = null);
        app.MapAdditionalIdentityEndpoints();
        return app;
    }
}
