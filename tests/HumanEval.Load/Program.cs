using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using HumanEval.Cli;
using HumanEval.Core.Assignment;
using HumanEval.Core.Campaigns;
using HumanEval.Core.Import;
using HumanEval.Data;
using HumanEval.Data.Entities;
using HumanEval.Data.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace HumanEval.Load;

/// <summary>
/// Usage: dotnet run -c Release --project tests/HumanEval.Load -- [protocol[+assets][+deflate]|browser] [evaluators=50] [ratings-each=5] [think-ms=1000] [key-gap-ms=0]
/// (or "attack [attempts=1500]": the circuit-exhaustion attack of the security review, see AttackAsync)
/// Starts the Release web app on its own SQLite file pinned to core 0 (taskset), creates the evaluators and an open
/// campaign, opens one rating page per evaluator (pin the driver to core 1 with `taskset -c 1`), measures the server's
/// RSS growth per open circuit, then has everyone rate concurrently and reports the latency from the Submit click to
/// the next example on screen.
/// Drivers: "protocol" (default) speaks the Blazor circuit protocol itself (<see cref="Circuit.CircuitClient"/>: one
/// SignalR connection per evaluator, render batches applied to a virtual DOM, no browser), so the driver's core is not
/// the bottleneck; "browser" opens one Playwright context per evaluator in one headless chromium and measures inside
/// the page (a real browser's work, which saturates the driver's core from about 25 pages on).
/// </summary>
internal static class Program
{
    private const string Password = "Load!2345";
    private const int Warm = 8;

    private static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "attack")
        {
            return await AttackAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1500);
        }

        var browserDriver = args.Length > 0 && args[0] == "browser";
        // "protocol", optionally with "+assets" (fetch each page's stylesheets and scripts) and "+deflate" (WebSocket compression).
        var withAssets = args.Length > 0 && args[0].StartsWith("protocol", StringComparison.Ordinal) && args[0].Contains("+assets", StringComparison.Ordinal);
        var withDeflate = args.Length > 0 && args[0].StartsWith("protocol", StringComparison.Ordinal) && args[0].Contains("+deflate", StringComparison.Ordinal);
        if (args.Length > 0 && (args[0] == "browser" || args[0].StartsWith("protocol", StringComparison.Ordinal)))
        {
            args = args[1..];
        }

        var n = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 50;
        var each = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
        var think = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1000;
        var keyGap = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 0;
        var root = FindRoot();
        var web = Path.Combine(root, "src", "HumanEval.Web", "bin", "Release", "net10.0", "HumanEval.Web.dll");
        if (!File.Exists(web))
        {
            Console.Error.WriteLine($"Build the app first: dotnet build -c Release src/HumanEval.Web ({web} is missing)");
            return 2;
        }

        var dir = Directory.CreateTempSubdirectory("humaneval-load-");
        var connection = $"Data Source={Path.Combine(dir.FullName, "load.db")}";
        var port = FreePort();
        var baseUrl = $"http://localhost:{port}";
        using var server = StartServer(web, baseUrl, connection);
        try
        {
            await WaitForHealthAsync(baseUrl);
            var campaignId = await SetUpAsync(connection, n, each);
            Console.WriteLine($"server pid {server.Id} on core 0; {n} evaluators, {each} ratings each, think {think} ms; driver on cores {Environment.ProcessorCount}");

            await using var driver = browserDriver ? await BrowserDriver.StartAsync(baseUrl) : (IDriver)new ProtocolDriver(baseUrl, withAssets, withDeflate);

            // Warm the server: eight rating pages that stay open and each rate twice (JIT and tiering of every path the
            // measurement uses), then measure the growth for n more pages. RSS is split: anonymous memory (heaps) and
            // shared memory (the JIT's double-mapped code, which grows while hot methods are recompiled, once per process).
            for (var w = 0; w < Warm; w++)
            {
                var warm = await driver.OpenAsync($"load{n + 1 + w}@load.local", Password, campaignId);
                await warm.RateOneAsync(keyGap);
                await warm.RateOneAsync(keyGap);
            }

            await Task.Delay(5000);
            var before = Memory(server.Id);
            var pages = new List<ITab>();
            var open = Stopwatch.StartNew();
            for (var i = 1; i <= n; i++)
            {
                pages.Add(await driver.OpenAsync($"load{i}@load.local", Password, campaignId));
            }

            await Task.Delay(5000);
            var after = Memory(server.Id);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{n} rating pages open in {open.Elapsed.TotalSeconds:F0} s: server RSS {before.Rss / 1e6:F0} MB -> {after.Rss / 1e6:F0} MB, {(after.Rss - before.Rss) / 1e6 / n:F2} MB per circuit " +
                $"(anonymous {(after.Anon - before.Anon) / 1e6 / n:F2} MB, JIT code/shared {(after.Shmem - before.Shmem) / 1e6 / n:F2} MB)"));

            var latencies = new List<double>();
            var failures = 0;
            var cpuBefore = CpuTicks();
            var run = Stopwatch.StartNew();
            await Task.WhenAll(pages.Select((page, i) => Task.Run(async () =>
            {
                await Task.Delay(i * think / Math.Max(1, n));
                for (var r = 0; r < each; r++)
                {
                    try
                    {
                        var ms = await page.RateOneAsync(keyGap);
                        lock (latencies)
                        {
                            latencies.Add(ms);
                        }
                    }
                    catch (Exception ex) when (ex is TimeoutException or PlaywrightException or InvalidOperationException)
                    {
                        if (Interlocked.Increment(ref failures) <= 3)
                        {
                            Console.Error.WriteLine($"evaluator {i + 1}: {ex.Message}");
                            await page.RecordFailureAsync(Path.Combine(Path.GetTempPath(), $"load-failure-{i + 1}"));
                        }
                    }

                    await Task.Delay(think);
                }
            })));
            latencies.Sort();
            var cpuAfter = CpuTicks();
            Console.WriteLine(string.Join(", ", cpuBefore.Keys.Select(core =>
            {
                var (busy, total) = (cpuAfter[core].Busy - cpuBefore[core].Busy, cpuAfter[core].Total - cpuBefore[core].Total);
                return string.Create(CultureInfo.InvariantCulture, $"{core} busy {100.0 * busy / Math.Max(1, total):F0}%");
            })) + $" during the rating phase (core 0: server; core 1: the {(browserDriver ? "browser" : "protocol")} driver)");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"submit -> next example: n {latencies.Count}, p50 {P(latencies, 50):F0} ms, p90 {P(latencies, 90):F0} ms, p99 {P(latencies, 99):F0} ms, max {latencies.LastOrDefault():F0} ms; failures {failures}; {latencies.Count / run.Elapsed.TotalSeconds:F1} ratings/s; server RSS {Memory(server.Id).Rss / 1e6:F0} MB"));

            // What the database holds must match what the driver saw: every measured submit is one stored rating with five
            // scores, from a distinct evaluator per example, never more than k per example.
            var (ratings, scores, overK, twice) = await StoredAsync(connection, campaignId);
            var expected = (Warm * 2) + latencies.Count;
            Console.WriteLine($"stored: {ratings} ratings (driver counted {expected}), {scores} scores, {overK} examples over k, {twice} evaluator-example pairs rated twice");
            return ratings == expected && scores == 5 * ratings && overK == 0 && twice == 0 && failures == 0 ? 0 : 1;
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            dir.Delete(recursive: true);
        }
    }

    /// <summary>
    /// "attack [attempts=1500]": the security review's circuit-exhaustion attack against the Release app with its
    /// default caps. An anonymous client asks for a page that would start a circuit and then for the hub, attempts
    /// times; one signed-in evaluator opens rating pages until refused; then everything closes. Prints what was
    /// refused and the server's RSS before, at the peak and 10 s after the sockets closed.
    /// </summary>
    private static async Task<int> AttackAsync(int attempts)
    {
        var root = FindRoot();
        var web = Path.Combine(root, "src", "HumanEval.Web", "bin", "Release", "net10.0", "HumanEval.Web.dll");
        var dir = Directory.CreateTempSubdirectory("humaneval-attack-");
        var connection = $"Data Source={Path.Combine(dir.FullName, "attack.db")}";
        var baseUrl = $"http://localhost:{FreePort()}";
        using var server = StartServer(web, baseUrl, connection, capped: true);
        try
        {
            await WaitForHealthAsync(baseUrl);
            var campaignId = await SetUpAsync(connection, 1, 5);
            await Task.Delay(3000);
            var before = Memory(server.Id);
            var clock = Stopwatch.StartNew();
            int noCircuitPage = 0, hub401 = 0, anonymousOpened = 0;
            for (var i = 0; i < attempts; i++)
            {
                await using var anonymous = new Circuit.CircuitClient(baseUrl);
                try
                {
                    await anonymous.OpenAsync("/not-found");
                    anonymousOpened++;
                }
                catch (InvalidOperationException)
                {
                    noCircuitPage++;
                }

                try
                {
                    await anonymous.ConnectAsync();
                    anonymousOpened += string.IsNullOrEmpty(await anonymous.StartCircuitAsync("/")) ? 0 : 1;
                }
                catch (HttpRequestException e) when (e.StatusCode == HttpStatusCode.Unauthorized)
                {
                    hub401++;
                }
            }

            var anonymousSeconds = clock.Elapsed.TotalSeconds;
            var afterAnonymous = Memory(server.Id);
            var signedIn = new List<Circuit.CircuitClient>();
            int opened = 0, refused = 0;
            for (var i = 0; i < 200; i++)
            {
                var client = new Circuit.CircuitClient(baseUrl);
                signedIn.Add(client);
                await client.SignInAsync("load1@load.local", Password);
                try
                {
                    await client.OpenAsync($"/work/{campaignId}");
                    opened++;
                }
                catch (InvalidOperationException)
                {
                    refused++;
                }
            }

            await Task.Delay(3000);
            var peak = Memory(server.Id);
            foreach (var client in signedIn)
            {
                await client.DisposeAsync();
            }

            await Task.Delay(10_000);
            var closed = Memory(server.Id);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"anonymous: {attempts} attempts in {anonymousSeconds:F0} s, page without a circuit {noCircuitPage}, hub 401 {hub401}, circuits opened {anonymousOpened}; " +
                $"one evaluator: 200 rating pages asked, {opened} opened, {refused} refused; " +
                $"server RSS {before.Rss / 1e6:F0} MB before, {afterAnonymous.Rss / 1e6:F0} MB after the anonymous attempts, {peak.Rss / 1e6:F0} MB at the signed-in peak, {closed.Rss / 1e6:F0} MB 10 s after closing"));
            return anonymousOpened == 0 ? 0 : 1;
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            dir.Delete(recursive: true);
        }
    }

    private static async Task<int> SetUpAsync(string connection, int n, int each)
    {
        await using var services = CliApp.Services("Sqlite", connection);
        var now = DateTime.UtcNow;
        var ids = new List<string>();
        for (var i = 0; i <= n + Warm; i++)
        {
            await using var scope = services.CreateAsyncScope();
            var accounts = scope.ServiceProvider.GetRequiredService<UserAccounts>();
            await accounts.CreateAsync(new NewUser($"load{i}@load.local", $"Load {i}", Roles.Evaluator, Password,
                i % 2 == 0 ? EvaluatorKind.DomainExpert : EvaluatorKind.RepresentativeUser), now);
            ids.Add(await scope.ServiceProvider.GetRequiredService<AppDbContext>().Users.Where(u => u.Email == $"load{i}@load.local").Select(u => u.Id).SingleAsync());
        }

        var factory = services.GetRequiredService<IDbContextFactory<AppDbContext>>();
        var admin = new CampaignAdmin(factory, TimeProvider.System);
        var rosters = new RosterAdmin(factory, TimeProvider.System, new Reservations(factory, TimeProvider.System));
        await using var db = await factory.CreateDbContextAsync();
        var rubric = await db.RubricVersions.Where(v => v.IsCurrent).Select(v => v.Id).FirstAsync();
        var campaign = (await admin.CreateAsync(new CampaignSettings
        {
            Name = "Load", RubricVersionId = rubric, K = 3, MinExperts = 0, SessionCapMinutes = 480, ReservationTimeoutMinutes = 60, FairSharePercent = null,
        }, "load-driver")).Value;
        var rows = Enumerable.Range(0, (n + Warm + 1) * (each + 3)).Select(i => new ExampleRow(i + 1, $"load-{i:D6}",
            $"Customer question {i}: how do I move my plan to annual billing?", $"Answer {i}: open **Billing → Plan**, choose *Annual*, confirm.", null, null, $"m{i % 2}", "v1", null)).ToList();
        await services.GetRequiredService<ExampleImporter>().ImportAsync(campaign, rows, null);
        await rosters.AddToRosterAsync(campaign, ids, "load-driver");
        await admin.SetStateAsync(campaign, CampaignState.Open, "load-driver");
        return campaign;
    }

    private static async Task<(int Ratings, int Scores, int OverK, int Twice)> StoredAsync(string connection, int campaignId)
    {
        await using var services = CliApp.Services("Sqlite", connection);
        await using var db = await services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var ratings = db.Ratings.Where(r => r.CampaignId == campaignId);
        var k = await db.Campaigns.Where(c => c.Id == campaignId).Select(c => c.K).SingleAsync();
        var perExample = await ratings.GroupBy(r => r.ExampleId).Select(g => g.Count()).ToListAsync();
        var twice = await ratings.GroupBy(r => new { r.ExampleId, r.EvaluatorId }).CountAsync(g => g.Count() > 1);
        return (await ratings.CountAsync(), await ratings.SelectMany(r => r.Scores).CountAsync(), perExample.Count(c => c > k), twice);
    }

    private static Process StartServer(string web, string baseUrl, string connection, bool capped = false)
    {
        var start = new ProcessStartInfo("taskset") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(web)! };
        foreach (var arg in new[] { "-c", "0", "dotnet", web, "--urls", baseUrl })
        {
            start.ArgumentList.Add(arg);
        }

        // Development: static web assets (blazor.web.js, MudBlazor) are served from the build output only in Development unless published.
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ConnectionStrings__HumanEval"] = connection;
        start.Environment["HumanEval__RateLimits__SignInPerMinute"] = "100000";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        // Every driver's page comes from 127.0.0.1: the per-address circuit cap is lifted (the attack mode keeps it).
        if (!capped)
        {
            start.Environment["HumanEval__Circuits__PerAddress"] = "100000";
        }

        // The production setting the README recommends for many open circuits: a 4 MB gen0 budget keeps the heap (and
        // RSS) close to what circuits really hold. Override with LOAD_GEN0SIZE (empty: the runtime's default).
        var gen0 = Environment.GetEnvironmentVariable("LOAD_GEN0SIZE") ?? "0x400000";
        if (gen0.Length > 0)
        {
            start.Environment["DOTNET_GCgen0size"] = gen0;
        }
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { Console.Error.WriteLine($"server: {e.Data}"); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitForHealthAsync(string baseUrl)
    {
        using var http = new HttpClient();
        for (var i = 0; i < 120; i++)
        {
            try
            {
                if ((await http.GetAsync($"{baseUrl}/health")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(500);
        }

        throw new TimeoutException("the server did not become healthy");
    }

    /// <summary>Resident set of the server (taskset execs dotnet, so its pid is the server's): total, anonymous, shared.</summary>
    private static (long Rss, long Anon, long Shmem) Memory(int pid)
    {
        var lines = File.ReadLines($"/proc/{pid}/status").ToList();
        long Field(string name) => long.Parse(lines.First(l => l.StartsWith(name, StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        return (Field("VmRSS:"), Field("RssAnon:"), Field("RssShmem:"));
    }

    /// <summary>Busy and total jiffies per core from /proc/stat, to show which side of the loopback is saturated.</summary>
    private static Dictionary<string, (long Busy, long Total)> CpuTicks()
    {
        var result = new Dictionary<string, (long Busy, long Total)>();
        foreach (var line in File.ReadLines("/proc/stat").Where(l => l.StartsWith("cpu", StringComparison.Ordinal) && char.IsDigit(l[3])))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var values = parts.Skip(1).Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            var idle = values[3] + values[4];
            result[parts[0]] = (values.Sum() - idle, values.Sum());
        }

        return result;
    }

    private static double P(List<double> sorted, int p) => sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p / 100.0 * sorted.Count) - 1)];

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "HumanEval.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("run from inside the repository");
    }
}
