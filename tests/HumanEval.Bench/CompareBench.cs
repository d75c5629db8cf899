using System.Diagnostics;
using System.Globalization;
using HumanEval.Data;
using HumanEval.Data.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HumanEval.Bench;

/// <summary>
/// The Versions tab and <c>humaneval compare</c> on 100,000 ratings (20,000 examples × 5 raters, two versions,
/// 5 criteria, 4,000 draws): the page's whole path (query + Core), Core alone, and the CLI as a process on the
/// campaign's ratings.csv. Target: the page answers within 2 s on this machine.
/// </summary>
internal static class CompareBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var ratings = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
        const int k = 5;
        var examples = ratings / k;
        var dir = Directory.CreateTempSubdirectory("humaneval-compare-");
        try
        {
            var (services, factory, campaignId, evaluators) = await ExportBench.RatedCampaignAsync(dir, examples, k);
            await using (var db = await factory.CreateDbContextAsync())
            {
                await db.Examples.Where(e => e.CampaignId == campaignId).ExecuteUpdateAsync(s => s.SetProperty(e => e.PromptVersion, e => e.Id % 2 == 0 ? "v1" : "v2"));
            }

            Console.WriteLine($"machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}; {examples:N0} examples × {k} ratings = {examples * k:N0} ratings, 5 criteria, 4,000 draws");
            var queries = new ComparisonQueries(factory, TimeProvider.System);
            var times = new List<double>();
            for (var run = 0; run < 3; run++)
            {
                var sw = Stopwatch.StartNew();
                var report = await queries.CompareAsync(campaignId, ComparisonQueries.PromptVersion, "v1", "v2");
                times.Add(sw.Elapsed.TotalSeconds);
                if (run == 0)
                {
                    Console.WriteLine($"  decision: {report!.Decision.Headline}");
                }
            }

            var dims = Stopwatch.StartNew();
            await queries.DimensionsAsync(campaignId);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Versions tab (query + Core): first {times[0]:F2} s, then {times[1]:F2} s, {times[2]:F2} s; dimensions {dims.Elapsed.TotalSeconds:F2} s"));

            var csv = Path.Combine(dir.FullName, "ratings.csv");
            await using (var writer = new StreamWriter(csv))
            {
                await new AgreementQueries(factory).WriteCsvAsync(campaignId, writer);
            }

            var (rows, _, _) = HumanEval.Cli.RatingsCsv.ReadComparison(csv, "prompt_version", "pair_id");
            HumanEval.Core.Decisions.ComparedCriterion[] criteria = [new("accuracy", "Accuracy", false), new("helpfulness", "Helpfulness", false), new("tone", "Tone", false), new("completeness", "Completeness", false), new("safety", "Safety", true)];
            for (var run = 0; run < 3; run++)
            {
                var core = Stopwatch.StartNew();
                var build = HumanEval.Core.Decisions.VersionComparison.Compare(rows, criteria, new HumanEval.Core.Decisions.ComparisonOptions { Baseline = "v1", Candidate = "v2" });
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  Core alone on {rows.Count:N0} scores: {core.Elapsed.TotalSeconds:F2} s ({build.Design})"));
            }

            var cli = Path.Combine(AppContext.BaseDirectory, "humaneval.dll");
            var walls = new List<double>();
            for (var run = 0; run < 3; run++)
            {
                var start = new ProcessStartInfo("dotnet", ["exec", cli, "compare", "--ratings", csv, "--by", "prompt_version"]) { RedirectStandardOutput = true, RedirectStandardError = true };
                var wall = Stopwatch.StartNew();
                using var process = Process.Start(start)!;
                var stdout = process.StandardOutput.ReadToEndAsync();
                var stderr = process.StandardError.ReadToEndAsync();
                await process.WaitForExitAsync();
                walls.Add(wall.Elapsed.TotalSeconds);
                if (process.ExitCode != 0)
                {
                    Console.Error.WriteLine(await stderr);
                    return 1;
                }

                _ = await stdout;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"humaneval compare as a process on ratings.csv ({new FileInfo(csv).Length / 1e6:F1} MB): {walls.Min():F2} s best of 3 (median {walls.Order().ElementAt(1):F2} s)"));
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            dir.Delete(recursive: true);
        }
    }
}
