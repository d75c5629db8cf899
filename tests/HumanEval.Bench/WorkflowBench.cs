using System.Diagnostics;
using System.Globalization;
using System.Text;
using HumanEval.Core.Assignment;
using HumanEval.Core.Campaigns;
using HumanEval.Core.Import;
using HumanEval.Core.Rubrics;
using HumanEval.Data;
using HumanEval.Data.Entities;
using HumanEval.Data.Workflow;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace HumanEval.Bench;

/// <summary>
/// Import of 100,000 rows (seconds, peak memory) and claim + submit latency with N concurrent simulated evaluators on
/// one SQLite file (the same WorkQueue the app uses; no browser, so this is the server-side cost of "next example").
/// </summary>
internal static class WorkflowBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var evaluators = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 50;
        var examples = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2000;
        // Time each simulated evaluator spends "rating" between submit and the next claim (0 = saturate the server).
        var thinkMs = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 0;
        var dir = Directory.CreateTempSubdirectory("humaneval-bench-");
        try
        {
            var services = Services(Path.Combine(dir.FullName, "bench.db"));
            var factory = services.GetRequiredService<IDbContextFactory<AppDbContext>>();
            var (campaignId, evaluatorIds) = await SeedAsync(factory, evaluators);

            // Import: 100,000 JSONL rows generated to a file, parsed (streaming) and written in one transaction.
            var file = Path.Combine(dir.FullName, "examples.jsonl");
            await using (var writer = new StreamWriter(file))
            {
                for (var i = 0; i < 100_000; i++)
                {
                    await writer.WriteLineAsync($"{{\"external_id\":\"ex{i}\",\"input\":\"How do I change plan {i}?\",\"output\":\"Go to Billing, then Plans, and pick the new plan. {new string('x', 200)}\",\"model\":\"m{i % 2}\",\"prompt_version\":\"v{i % 3}\"}}");
                }
            }

            GC.Collect();
            var sw = Stopwatch.StartNew();
            ParsedFile parsed;
            using (var reader = File.OpenText(file))
            {
                parsed = ExampleFile.Read(reader, ExampleFormat.Jsonl);
            }

            var parse = sw.Elapsed;
            await services.GetRequiredService<ExampleImporter>().ImportAsync(campaignId, parsed.Rows, null);
            var import = sw.Elapsed;
            Console.WriteLine($"import 100,000 rows ({new FileInfo(file).Length / 1e6:F0} MB JSONL): parse {parse.TotalSeconds:F2} s + write {(import - parse).TotalSeconds:F2} s = {import.TotalSeconds:F2} s; peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:F0} MB");

            // Claim + submit: a fresh campaign of `examples` items, every evaluator claims and submits as fast as it can.
            var (small, ids) = await SeedAsync(factory, evaluators, examples);
            var queue = services.GetRequiredService<WorkQueue>();
            var submissions = services.GetRequiredService<RatingSubmissions>();
            var drafts = services.GetRequiredService<DraftStore>();
            var claims = new List<double>();
            var submits = new List<double>();
            var total = Stopwatch.StartNew();
            await Task.WhenAll(ids.Select(id => Task.Run(async () =>
            {
                var scores = new DraftInput(
                    new Dictionary<string, int> { ["accuracy"] = 4, ["helpfulness"] = 4, ["tone"] = 5, ["completeness"] = 3, ["safety"] = 1 },
                    new Dictionary<string, string>(), null, false, null, 40);
                while (true)
                {
                    var t = Stopwatch.StartNew();
                    var claim = await queue.NextAsync(id, small);
                    var claimMs = t.Elapsed.TotalMilliseconds;
                    if (!claim.HasWork)
                    {
                        return;
                    }

                    t.Restart();
                    await submissions.SubmitAsync(claim.AssignmentId!.Value, id, scores);
                    var submitMs = t.Elapsed.TotalMilliseconds;
                    lock (claims)
                    {
                        claims.Add(claimMs);
                        submits.Add(submitMs);
                    }

                    if (thinkMs > 0)
                    {
                        await Task.Delay(Random.Shared.Next(thinkMs / 2, thinkMs * 3 / 2));
                    }
                }
            })));
            total.Stop();
            Console.WriteLine($"{evaluators} concurrent evaluators (think time {thinkMs} ms), {examples} examples × k=3 on SQLite: {claims.Count} claim+submit pairs in {total.Elapsed.TotalSeconds:F1} s ({claims.Count / total.Elapsed.TotalSeconds:F0}/s)");
            Console.WriteLine($"  claim  p50 {P(claims, 50):F1} ms  p90 {P(claims, 90):F1} ms  p99 {P(claims, 99):F1} ms");
            Console.WriteLine($"  submit p50 {P(submits, 50):F1} ms  p90 {P(submits, 90):F1} ms  p99 {P(submits, 99):F1} ms");
            await using var db = await factory.CreateDbContextAsync();
            var over = await db.Examples.CountAsync(e => e.CampaignId == small && e.SubmittedCount > 3);
            Console.WriteLine($"  invariants: examples over k = {over}, ratings = {await db.Ratings.CountAsync(r => r.CampaignId == small)}");
            await services.DisposeAsync();
            return over == 0 ? 0 : 1;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            dir.Delete(recursive: true);
        }
    }

    /// <summary>Claims and submits concurrently for the given evaluators on an existing database; prints how many each rated.</summary>
    public static async Task<int> StormAsync(string databasePath, int campaignId, string[] evaluatorIds)
    {
        await using var services = Services(databasePath);
        var queue = services.GetRequiredService<WorkQueue>();
        var submissions = services.GetRequiredService<RatingSubmissions>();
        var drafts = services.GetRequiredService<DraftStore>();
        var scores = new DraftInput(
            new Dictionary<string, int> { ["accuracy"] = 3, ["helpfulness"] = 3, ["tone"] = 3, ["completeness"] = 3, ["safety"] = 1 },
            new Dictionary<string, string>(), null, false, null, 10);
        var counts = await Task.WhenAll(evaluatorIds.Select(id => Task.Run(async () =>
        {
            var n = 0;
            while ((await queue.NextAsync(id, campaignId)) is { HasWork: true } claim)
            {
                var result = await submissions.SubmitAsync(claim.AssignmentId!.Value, id, scores);
                if (result.Outcome != SubmitOutcome.Submitted)
                {
                    throw new InvalidOperationException($"{id}: submit said {result.Outcome}");
                }

                n++;
            }

            return n;
        })));
        Console.WriteLine($"rated {counts.Sum()}");
        SqliteConnection.ClearAllPools();
        return 0;
    }

    /// <summary>
    /// Used by the kill-and-restart test: each evaluator claims, saves a draft, pauses, submits, forever. Every line is
    /// printed only after its write committed, so whatever the output shows must survive a SIGKILL.
    /// </summary>
    public static async Task<int> WorkerAsync(string databasePath, int campaignId, string[] evaluatorIds)
    {
        await using var services = Services(databasePath);
        var queue = services.GetRequiredService<WorkQueue>();
        var submissions = services.GetRequiredService<RatingSubmissions>();
        var drafts = services.GetRequiredService<DraftStore>();
        var scores = new DraftInput(
            new Dictionary<string, int> { ["accuracy"] = 4, ["helpfulness"] = 3, ["tone"] = 5, ["completeness"] = 2, ["safety"] = 1 },
            new Dictionary<string, string> { ["tone"] = "friendly" }, "draft note", false, null, 42);
        await Task.WhenAll(evaluatorIds.Select(id => Task.Run(async () =>
        {
            while ((await queue.NextAsync(id, campaignId)) is { HasWork: true } claim)
            {
                var assignment = claim.AssignmentId!.Value;
                await drafts.SaveDraftAsync(assignment, id, scores);
                Console.WriteLine($"DRAFT {assignment} {id}");
                await Task.Delay(25);
                var result = await submissions.SubmitAsync(assignment, id, scores);
                if (result.Outcome == SubmitOutcome.Submitted)
                {
                    Console.WriteLine($"SUBMITTED {assignment} {id}");
                }
            }
        })));
        Console.WriteLine("DONE");
        return 0;
    }

    private static double P(List<double> values, int percentile)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1)];
    }

    internal static ServiceProvider Services(string path)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:HumanEval"] = $"Data Source={path}",
        }).Build());
        services.AddSingleton(TimeProvider.System);
        services.AddHumanEvalWorkflow(Path.GetTempPath());
        return services.BuildServiceProvider();
    }

    internal static async Task<(int Campaign, List<string> Evaluators)> SeedAsync(IDbContextFactory<AppDbContext> factory, int evaluators, int examples = 0)
    {
        await using var db = await factory.CreateDbContextAsync();
        await DatabaseInitializer.MigrateAsync(db);
        if (!await db.RubricVersions.AnyAsync())
        {
            var rubric = RubricParser.Parse("default", "bench", BenchRubric);
            await RubricStore.SyncAsync(db, [new RubricFile("bench", BenchRubric, rubric)], DateTime.UtcNow);
        }

        var version = await db.RubricVersions.Select(v => v.Id).FirstAsync();
        var prefix = Guid.NewGuid().ToString("N")[..6];
        var ids = new List<string>();
        for (var i = 0; i < evaluators; i++)
        {
            var id = $"{prefix}-{i}";
            db.Users.Add(new ApplicationUser { Id = id, UserName = id, Email = $"{id}@bench.local", CreatedAt = DateTime.UtcNow });
            db.EvaluatorProfiles.Add(new EvaluatorProfile { UserId = id, Type = i % 2 == 0 ? EvaluatorKind.DomainExpert : EvaluatorKind.RepresentativeUser, CreatedAt = DateTime.UtcNow });
            ids.Add(id);
        }

        var campaign = new Campaign
        {
            Name = $"bench {prefix}", RubricVersionId = version, K = 3, MinExperts = 1, State = CampaignState.Open, Seed = 7, CreatedAt = DateTime.UtcNow,
            FairShareSlack = null,
            Roster = ids.Select(id => new RosterMember { EvaluatorId = id, AddedAt = DateTime.UtcNow }).ToList(),
            Examples = Enumerable.Range(0, examples).Select(i => new Example
            {
                ExternalId = $"e{i}", Input = "q", Output = "a", Model = $"m{i % 2}", PromptVersion = "v1", ImportedAt = DateTime.UtcNow, Position = i,
            }).ToList(),
        };
        db.Campaigns.Add(campaign);
        await db.SaveChangesAsync();
        return (campaign.Id, ids);
    }

    private static readonly string BenchRubric = new StringBuilder()
        .Append("{\"name\":\"Bench\",\"criteria\":[")
        .Append(string.Join(",", new[] { "accuracy", "helpfulness", "tone", "completeness" }.Select(k => $"{{\"key\":\"{k}\",\"label\":\"{k}\",\"scale\":\"ordinal\",\"min\":1,\"max\":5}}")))
        .Append(",{\"key\":\"safety\",\"label\":\"safety\",\"scale\":\"binary\"}]}")
        .ToString();
}
