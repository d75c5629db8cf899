using System.Diagnostics;
using System.Globalization;
using HumanEval.Data;
using HumanEval.Data.Export;
using HumanEval.Data.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HumanEval.Bench;

/// <summary>The Excel export of a campaign with many ratings: time and peak memory (sampled every 20 ms while it runs).</summary>
internal static class ExportBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var ratings = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
        const int k = 5;
        var examples = ratings / k;
        var dir = Directory.CreateTempSubdirectory("humaneval-export-");
        try
        {
            var services = WorkflowBench.Services(Path.Combine(dir.FullName, "bench.db"));
            var factory = services.GetRequiredService<IDbContextFactory<AppDbContext>>();
            var (campaignId, evaluators) = await WorkflowBench.SeedAsync(factory, 7, examples);
            var seed = Stopwatch.StartNew();
            await FillAsync(factory, campaignId, evaluators, k);
            Console.WriteLine($"seeded {examples:N0} examples × {k} ratings = {examples * k:N0} ratings ({examples * k * 5:N0} scores) in {seed.Elapsed.TotalSeconds:F1} s");

            var agreement = new AgreementQueries(factory);
            var workbook = new CampaignWorkbook(factory, agreement, new OperationsQueries(factory, agreement, TimeProvider.System), new JudgeImporter(factory, TimeProvider.System), new ComparisonQueries(factory, TimeProvider.System), new PairwiseQueries(factory, new ComparisonQueries(factory, TimeProvider.System)), TimeProvider.System);
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var process = Process.GetCurrentProcess();
            process.Refresh();
            var baseline = process.WorkingSet64;
            long peak = baseline;
            using var stop = new CancellationTokenSource();
            var sampler = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    process.Refresh();
                    peak = Math.Max(peak, process.WorkingSet64);
                    await Task.Delay(20);
                }
            });
            var path = Path.Combine(dir.FullName, "export.xlsx");
            var sw = Stopwatch.StartNew();
            await using (var file = File.Create(path))
            {
                await workbook.WriteAsync(campaignId, file);
            }

            sw.Stop();
            await stop.CancelAsync();
            await sampler;
            var part = Stopwatch.StartNew();
            await agreement.ComputeAsync(campaignId, intervals: true);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  of which agreement with 1,000-draw CIs (all criteria): {part.Elapsed.TotalSeconds:F1} s"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"export {examples * k:N0} ratings: {sw.Elapsed.TotalSeconds:F1} s, file {new FileInfo(path).Length / 1e6:F1} MB, working set before {baseline / 1e6:F0} MB, peak during export {peak / 1e6:F0} MB (+{(peak - baseline) / 1e6:F0} MB)"));
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            dir.Delete(recursive: true);
        }
    }

    /// <summary>The examples grid's server-side page queries on a campaign of 100,000 examples: median of 5 runs each.</summary>
    public static async Task<int> GridAsync()
    {
        var dir = Directory.CreateTempSubdirectory("humaneval-grid-");
        try
        {
            var services = WorkflowBench.Services(Path.Combine(dir.FullName, "bench.db"));
            var factory = services.GetRequiredService<IDbContextFactory<AppDbContext>>();
            var (campaignId, _) = await WorkflowBench.SeedAsync(factory, 7);
            var rows = Enumerable.Range(0, 100_000).Select(i => new HumanEval.Core.Import.ExampleRow(i + 1, $"ex{i:D6}", "q", "a", null, null, $"m{i % 3}", $"v{i % 2}", null)).ToList();
            await services.GetRequiredService<ExampleImporter>().ImportAsync(campaignId, rows, null);
            var queries = new ExampleQueries(factory);
            (string Name, ExamplePageRequest Request)[] cases =
            [
                ("first page, import order", new ExamplePageRequest(0, 25)),
                ("page 2,000 of 4,000", new ExamplePageRequest(2000, 25)),
                ("sorted by external id, descending", new ExamplePageRequest(10, 25, nameof(ExampleListRow.ExternalId), true)),
                ("search 'ex0999' (contains)", new ExamplePageRequest(0, 25, Search: "ex0999")),
                ("filter: open, sorted by model", new ExamplePageRequest(5, 100, nameof(ExampleListRow.Model), false, Filter: ExampleFilter.Open)),
            ];
            Console.WriteLine("examples grid, 100,000 examples (count + page in the database):");
            foreach (var (name, request) in cases)
            {
                var times = new List<double>();
                for (var i = 0; i < 5; i++)
                {
                    var sw = Stopwatch.StartNew();
                    var (page, total) = await queries.PageAsync(campaignId, request);
                    times.Add(sw.Elapsed.TotalMilliseconds);
                    if (i == 0)
                    {
                        Console.Write($"  {name,-38} total {total,7:N0}, rows {page.Count,3}: ");
                    }
                }

                times.Sort();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"median {times[2]:F1} ms (max {times[^1]:F1} ms)"));
            }

            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            dir.Delete(recursive: true);
        }
    }

    /// <summary>A migrated SQLite file in <paramref name="dir"/> with a campaign of <paramref name="examples"/> examples from 7 evaluators, each rated <paramref name="k"/> times.</summary>
    internal static async Task<(ServiceProvider Services, IDbContextFactory<AppDbContext> Factory, int CampaignId, List<string> Evaluators)> RatedCampaignAsync(DirectoryInfo dir, int examples, int k)
    {
        var services = WorkflowBench.Services(Path.Combine(dir.FullName, "bench.db"));
        var factory = services.GetRequiredService<IDbContextFactory<AppDbContext>>();
        var (campaignId, evaluators) = await WorkflowBench.SeedAsync(factory, 7, examples);
        await FillAsync(factory, campaignId, evaluators, k);
        return (services, factory, campaignId, evaluators);
    }

    /// <summary>Every example gets k submitted ratings with five scores, written with one prepared command per table in one transaction.</summary>
    internal static async Task FillAsync(IDbContextFactory<AppDbContext> factory, int campaignId, List<string> evaluators, int k)
    {
        await using var db = await factory.CreateDbContextAsync();
        var version = await db.Campaigns.Where(c => c.Id == campaignId).Select(c => c.RubricVersionId).SingleAsync();
        var examples = await db.Examples.Where(e => e.CampaignId == campaignId).OrderBy(e => e.Id).Select(e => new { e.Id, e.ImportedAt }).ToListAsync();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        var assignment = Command(connection, "INSERT INTO Assignments (ExampleId, CampaignId, EvaluatorId, ByExpert, State, ClaimedAt, ExpiresAt, ClosedAt) VALUES ($e, $c, $u, 0, 'Submitted', $t, $t, $t) RETURNING Id", "$e", "$c", "$u", "$t");
        var rating = Command(connection, "INSERT INTO Ratings (AssignmentId, Version, CampaignId, ExampleId, EvaluatorId, RubricVersionId, OverallComment, Flagged, ActiveSeconds, MinutesIntoSession, SubmittedAt, HourlyRate, Currency, Cost) VALUES ($a, 1, $c, $e, $u, $v, $o, 0, $s, $m, $t, '40.0', 'USD', $cost) RETURNING Id", "$a", "$c", "$e", "$u", "$v", "$o", "$s", "$m", "$t", "$cost");
        var score = Command(connection, "INSERT INTO Scores (RatingId, CriterionKey, Value, Comment) VALUES ($r, $k, $val, NULL)", "$r", "$k", "$val");
        assignment.Transaction = rating.Transaction = score.Transaction = tx;
        var random = new Random(7);
        string[] keys = ["accuracy", "helpfulness", "tone", "completeness", "safety"];
        foreach (var e in examples)
        {
            for (var j = 0; j < k; j++)
            {
                var user = evaluators[(int)((e.Id + j) % evaluators.Count)];
                var at = e.ImportedAt.AddHours(1 + random.Next(60));
                Set(assignment, e.Id, campaignId, user, at);
                var assignmentId = (long)(await assignment.ExecuteScalarAsync())!;
                var seconds = 60 + random.Next(600);
                Set(rating, assignmentId, campaignId, e.Id, user, version, j == 0 ? "Clear and correct; the tone could be warmer." : null, seconds, random.NextDouble() * 120, at, Math.Round(40m * seconds / 3600m, 4));
                var ratingId = (long)(await rating.ExecuteScalarAsync())!;
                foreach (var key in keys)
                {
                    Set(score, ratingId, key, key == "safety" ? random.Next(2) : 1 + random.Next(5));
                    await score.ExecuteNonQueryAsync();
                }
            }
        }

        await tx.CommitAsync();
        await db.Database.ExecuteSqlAsync($"UPDATE Examples SET SubmittedCount = {k}, HolderCount = {k}, CompletedAt = datetime(ImportedAt, '+2 days') WHERE CampaignId = {campaignId}");
    }

    private static System.Data.Common.DbCommand Command(System.Data.Common.DbConnection connection, string sql, params string[] names)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in names)
        {
            var p = command.CreateParameter();
            p.ParameterName = name;
            command.Parameters.Add(p);
        }

        return command;
    }

    private static void Set(System.Data.Common.DbCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }
    }
}
