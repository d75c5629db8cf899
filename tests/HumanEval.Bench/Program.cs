using System.Diagnostics;
using System.Globalization;
using HumanEval.Cli;
using HumanEval.Core.Agreement;

namespace HumanEval.Bench;

internal static class Program
{
    private static async Task<int> Main(string[] args)
    {

        // Benchmarks that print figures (not timed tests). Usage:
        //   dotnet run -c Release --project tests/HumanEval.Bench -- agreement [rows ...]
        //   dotnet run -c Release --project tests/HumanEval.Bench -- workflow [evaluators=50] [examples=2000] [think-ms=0]
        //   dotnet run -c Release --project tests/HumanEval.Bench -- export [ratings=100000]
        //   dotnet run -c Release --project tests/HumanEval.Bench -- grid
        // Default: 350,000 and 3,500,000 rows (10,000 / 100,000 items × 7 raters × 5 criteria), seeded.
        if (args.Length > 0 && args[0] == "storm")
        {
            // Used by the two-process concurrency test: claim and submit for these evaluators until nothing is left.
            return await HumanEval.Bench.WorkflowBench.StormAsync(args[1], int.Parse(args[2], CultureInfo.InvariantCulture), args[3..]);
        }

        if (args.Length > 0 && args[0] == "worker")
        {
            // Used by the kill-and-restart test: claim, draft, submit until killed.
            return await HumanEval.Bench.WorkflowBench.WorkerAsync(args[1], int.Parse(args[2], CultureInfo.InvariantCulture), args[3..]);
        }

        if (args.Length > 0 && args[0] == "grid")
        {
            return await ExportBench.GridAsync();
        }

        if (args.Length > 0 && args[0] == "export")
        {
            return await ExportBench.RunAsync(args[1..]);
        }

        if (args.Length > 0 && args[0] == "workflow")
        {
            return await HumanEval.Bench.WorkflowBench.RunAsync(args[1..]);
        }

        if (args.Length == 0 || args[0] != "agreement")
        {
            Console.Error.WriteLine("usage: HumanEval.Bench agreement [rows ...] | workflow [evaluators] [examples] | export [ratings] | grid");
            return 2;
        }

        var sizes = args.Length > 1 ? args[1..].Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray() : [350_000, 3_500_000];
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}, server GC off");
        Console.WriteLine("rows        | file MB | read s | stats s | total s | peak MB | ci s (1,000 draws, one criterion)");
        foreach (var rows in sizes)
        {
            var path = Path.Combine(Path.GetTempPath(), $"humaneval-bench-{rows}.csv");
            Generate(path, rows / 35);
            GC.Collect();
            var total = Stopwatch.StartNew();
            var builder = new RatingSetBuilder();
            RatingsCsv.ReadRatings(path, builder);
            var read = total.Elapsed;
            var criteria = builder.Build();
            var reports = criteria.Select(c => AgreementReport.Compute(c.Criterion, c.Table, null)).ToList();
            var json = AgreementJson.Write(reports, new AgreementOptions());
            var all = total.Elapsed;
            var peak = Process.GetCurrentProcess().PeakWorkingSet64 / 1024.0 / 1024.0;

            var ci = Stopwatch.StartNew();
            var first = criteria[0];
            Bootstrap.Alpha(first.Table);
            ci.Stop();

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{rows,11:N0} | {new FileInfo(path).Length / 1e6,7:F1} | {read.TotalSeconds,6:F2} | {(all - read).TotalSeconds,7:F2} | {all.TotalSeconds,7:F2} | {peak,7:F0} | {ci.Elapsed.TotalSeconds:F2}"));
            Console.WriteLine($"            alpha(accuracy) = {reports.First(r => r.Criterion == "accuracy").KrippendorffAlpha}, json {json.Length / 1024} KiB");
            File.Delete(path);
        }

        return 0;

        static void Generate(string path, int items)
        {
            // Each item has a true quality; raters add -1/0/+1 noise and a personal bias; safety is binary.
            var random = new Random(20261127);
            string[] criteria = ["accuracy", "helpfulness", "tone", "completeness", "safety"];
            int[] bias = [0, 0, 1, 0, -1, 0, 0];
            using var writer = new StreamWriter(path);
            writer.WriteLine("item_id,rater_id,criterion,score");
            for (var i = 0; i < items; i++)
            {
                var truth = random.Next(1, 6);
                for (var r = 0; r < bias.Length; r++)
                {
                    foreach (var c in criteria)
                    {
                        var score = c == "safety"
                            ? (random.NextDouble() < 0.92 ? 1 : 0)
                            : Math.Clamp(truth + bias[r] + random.Next(-1, 2), 1, 5);
                        writer.Write("ex");
                        writer.Write(i);
                        writer.Write(",rater");
                        writer.Write(r);
                        writer.Write(',');
                        writer.Write(c);
                        writer.Write(',');
                        writer.WriteLine(score);
                    }
                }
            }
        }
    }
}
