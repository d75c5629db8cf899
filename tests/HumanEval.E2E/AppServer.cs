using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using HumanEval.Core.Campaigns;
using HumanEval.Data;
using HumanEval.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace HumanEval.E2E;

/// <summary>
/// The real web app started as a process in Development (demo seed) on a free loopback port and a fresh SQLite
/// file, plus one headless Debian chromium driven by Playwright.
/// </summary>
public sealed class AppServer : IAsyncLifetime
{
    public const string Chromium = "/usr/bin/chromium";

    private readonly DirectoryInfo dataDir = Directory.CreateTempSubdirectory("humaneval-e2e-");
    private readonly StringBuilder log = new();
    private Process? process;
    private Process? second;
    private string? secondUrl;
    private IPlaywright? playwright;

    public string BaseUrl { get; private set; } = "";

    public IBrowser Browser { get; private set; } = null!;

    public string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public string Log
    {
        get
        {
            lock (log)
            {
                return log.ToString();
            }
        }
    }

    public async Task InitializeAsync()
    {
        if (!File.Exists(Chromium))
        {
            throw new InvalidOperationException($"{Chromium} is missing: install Debian's chromium (tests/run.sh does this when run as root).");
        }

        Directory.CreateDirectory(ScreenshotDirectory);
        // localhost, not an IP: WebAuthn (passkey sign-in on the login page) rejects IP-address origins.
        BaseUrl = $"http://localhost:{FreePort()}";
        process = await LaunchAsync(BaseUrl);

        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
            ],
        });
    }

    /// <summary>The SQLite file every instance of this fixture shares.</summary>
    public string DatabasePath => Path.Combine(dataDir.FullName, "e2e.db");

    /// <summary>
    /// A second app process on the same database file (as behind a load balancer): it shares the Data Protection keys
    /// (stored in the database), so a sign-in cookie from one instance works on the other.
    /// </summary>
    public async Task<string> StartSecondInstanceAsync()
    {
        if (second is null)
        {
            secondUrl = $"http://localhost:{FreePort()}";
            second = await LaunchAsync(secondUrl);
        }

        return secondUrl!;
    }

    /// <summary>SIGKILLs the second instance (no shutdown, nothing flushed) and starts it again on the same URL and database.</summary>
    public async Task KillAndRestartSecondInstanceAsync()
    {
        second!.Kill(entireProcessTree: true);
        await second.WaitForExitAsync();
        second.Dispose();
        second = await LaunchAsync(secondUrl!);
    }

    /// <summary>The per-person circuit cap the app runs with here.</summary>
    public const int CircuitsPerUser = 12;

    /// <summary>A signed-up account of its own (confirmed, with a password and one role), so no other test's open pages count against it.</summary>
    public async Task CreateUserAsync(string email, string password, string role)
    {
        await using var db = Db();
        var user = new ApplicationUser
        {
            Id = Guid.NewGuid().ToString(), UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email,
            NormalizedEmail = email.ToUpperInvariant(), EmailConfirmed = true, SecurityStamp = Guid.NewGuid().ToString("N"),
            ConcurrencyStamp = Guid.NewGuid().ToString(), DisplayName = email, CreatedAt = DateTime.UtcNow, LockoutEnabled = true,
        };
        user.PasswordHash = new Microsoft.AspNetCore.Identity.PasswordHasher<ApplicationUser>().HashPassword(user, password);
        db.Users.Add(user);
        var roleId = await db.Roles.Where(r => r.Name == role).Select(r => r.Id).SingleAsync();
        db.UserRoles.Add(new Microsoft.AspNetCore.Identity.IdentityUserRole<string> { UserId = user.Id, RoleId = roleId });
        await db.SaveChangesAsync();
    }

    /// <summary>A context on the shared database file, for seeding and for checking what the app stored.</summary>
    public AppDbContext Db() => new(new DbContextOptionsBuilder<AppDbContext>().UseSqlite($"Data Source={DatabasePath}").Options);

    /// <summary>An open campaign of its own (so other tests' ratings do not matter) with these evaluators on its roster.</summary>
    public async Task<int> SeedCampaignAsync(string name, IReadOnlyCollection<string> evaluators, int examples, int k)
    {
        await using var db = Db();
        var version = await db.RubricVersions.Where(v => v.IsCurrent).Select(v => v.Id).FirstAsync();
        var ids = await db.Users.Where(u => evaluators.Contains(u.Email!)).Select(u => u.Id).ToListAsync();
        var now = DateTime.UtcNow;
        var campaign = new Campaign
        {
            Name = name,
            RubricVersionId = version,
            K = k,
            State = CampaignState.Open,
            Seed = 7,
            FairShareSlack = null,
            CreatedAt = now,
            Roster = ids.Select(id => new RosterMember { EvaluatorId = id, AddedAt = now }).ToList(),
            Examples = Enumerable.Range(0, examples).Select(i => new Example
            {
                ExternalId = $"{name.ToLowerInvariant().Replace(' ', '-')}-{i}", Input = $"Question {i}", Output = $"Answer {i}", Model = "m", PromptVersion = "v1", ImportedAt = now, Position = i,
            }).ToList(),
        };
        db.Campaigns.Add(campaign);
        await db.SaveChangesAsync();
        return campaign.Id;
    }

    private async Task<Process> LaunchAsync(string baseUrl)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "HumanEval.Web.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(baseUrl);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ConnectionStrings__HumanEval"] = $"Data Source={DatabasePath}";
        // Every test's browser comes from 127.0.0.1 and many leave their pages open: the per-address cap is lifted here,
        // the per-person cap is the one CircuitProtocolTests drives past.
        start.Environment["HumanEval__Circuits__PerAddress"] = "100000";
        start.Environment["HumanEval__Circuits__PerUser"] = CircuitsPerUser.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var launched = Process.Start(start)!;
        launched.OutputDataReceived += (_, e) => Append(e.Data);
        launched.ErrorDataReceived += (_, e) => Append(e.Data);
        launched.BeginOutputReadLine();
        launched.BeginErrorReadLine();
        await WaitForHealthAsync(launched, baseUrl);
        return launched;
    }

    public async Task DisposeAsync()
    {
        if (second is { HasExited: false })
        {
            second.Kill(entireProcessTree: true);
            await second.WaitForExitAsync();
        }

        second?.Dispose();
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        playwright?.Dispose();
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process?.Dispose();
        // The server's own log, next to the screenshots, for whoever reads a failed run.
        await File.WriteAllTextAsync(Path.Combine(ScreenshotDirectory, "server.log"), Log);
        dataDir.Delete(recursive: true);
    }

    /// <summary>A new browser context (own cookies), with console errors and failed requests collected.</summary>
    public async Task<(IPage Page, List<string> Problems)> NewPageAsync(string? locale = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            Locale = locale,
            ViewportSize = new ViewportSize { Width = 1366, Height = 860 },
        });
        // Generous: CI shares 2 cores between the app, chromium and the test runner.
        context.SetDefaultTimeout(60_000);
        context.SetDefaultNavigationTimeout(60_000);
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                problems.Add($"console: {message.Text}");
            }
        };
        page.PageError += (_, error) => problems.Add($"page error: {error}");
        page.Console += (_, message) => File.AppendAllText(Path.Combine(ScreenshotDirectory, "console.log"), $"{message.Type}: {message.Text}\n");
        page.Response += (_, response) =>
        {
            if (response.Status >= 400 && !response.Url.Contains("/Account/AccessDenied", StringComparison.Ordinal))
            {
                problems.Add($"HTTP {response.Status} {response.Url}");
            }
        };
        return (page, problems);
    }

    public async Task LoginAsync(IPage page, string email, string password = "Demo!2345")
    {
        // On a busy 2-core machine a click can land while the login page is still settling; try the form again
        // rather than fail the whole test on a lost click.
        for (var attempt = 1; ; attempt++)
        {
            await page.GotoAsync("/Account/Login");
            await page.GetByLabel("Email").FillAsync(email);
            await page.GetByLabel("Password").FillAsync(password);
            await page.GetByRole(AriaRole.Button, new() { Name = "Log in", Exact = true }).ClickAsync();
            try
            {
                await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.Ordinal),
                    new() { WaitUntil = WaitUntilState.Commit, Timeout = 20_000 });
                return;
            }
            catch (TimeoutException) when (attempt < 3)
            {
            }
        }
    }

    /// <summary>Waits until the page's circuit is connected, so clicks reach the server.</summary>
    public static Task WaitInteractiveAsync(IPage page) =>
        page.Locator("[data-interactive]").First.WaitForAsync(new() { Timeout = 30_000 });

    public Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = true });

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.AppendLine(line);
        }
    }

    private async Task WaitForHealthAsync(Process process, string baseUrl)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The app exited with code {process.ExitCode}:\n{Log}");
            }

            try
            {
                if ((await http.GetAsync($"{baseUrl}/health")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Still starting.
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"The app did not become healthy within 90 s:\n{Log}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(Name)]
public sealed class AppCollection : ICollectionFixture<AppServer>
{
    public const string Name = "app";
}
