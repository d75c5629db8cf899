using System.Diagnostics;
using System.Globalization;
using HumanEval.Data;
using HumanEval.Data.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HumanEval.Bench;

/// <summary>
/// The quality screens on a large campaign (default 100,000 ratings: 20,000 examples × 5 raters, 5 criteria): the
/// Review tab's queue, one page of the examples grid's consensus (25 examples), one review case, and the roster's
/// behaviour flags (speed, straight-lining and the outlier test for every evaluator).
/// </summary>
internal static class ReviewBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var ratings = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
        const int k = 5;
        var examples = ratings / k;
        var dir = Directory.CreateTempSubdirectory("humaneval-review-");
        try
        {
            var (services, factory, campaignId, evaluators) = await ExportBench.RatedCampaignAsync(dir, examples, k);
            Console.WriteLine($"machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}; {examples:N0} examples × {k} ratings = {examples * k:N0} ratings");
            var queries = services.GetRequiredService<ReviewQueries>();
            var desk = services.GetRequiredService<ReviewDesk>();
            var behaviour = services.GetRequiredService<BehaviourQueries>();
            static async Task<double> Time(Func<Task> action)
            {
                var sw = Stopwatch.StartNew();
                await action();
                return sw.Elapsed.TotalSeconds;
            }

            IReadOnlyList<ReviewQueueRow>? queue = null;
            var queueTimes = new List<double>();
            for (var run = 0; run < 3; run++)
            {
                queueTimes.Add(await Time(async () => queue = await queries.QueueAsync(campaignId)));
            }

            List<long> page;
            await using (var db = await factory.CreateDbContextAsync())
            {
                page = await db.Examples.Where(e => e.CampaignId == campaignId).OrderBy(e => e.Id).Take(25).Select(e => e.Id).ToListAsync();
            }

            var consensus = await Time(() => queries.ConsensusOfAsync(campaignId, page));
            var review = await Time(() => desk.CaseAsync(campaignId, queue![0].ExternalId));
            var flags = await Time(() => behaviour.ForCampaignAsync(campaignId));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"review queue: {queue!.Count:N0} examples; first {queueTimes[0]:F2} s, then {queueTimes[1]:F2} s, {queueTimes[2]:F2} s"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"grid consensus (25 examples) {consensus:F3} s; one review case {review:F2} s; roster behaviour ({evaluators.Count} evaluators) {flags:F2} s"));
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            dir.Delete(recursive: true);
        }
    }
}
