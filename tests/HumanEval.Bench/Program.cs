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
        //   dotnet run -c Release --project tests/HumanEval.Bench -- compare [ratings=100000]
        //   dotnet run -c Release --project tests/HumanEval.Bench -- review [ratings=100000]
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

        if (args.Length > 0 && args[0] == "compare")
        {
            return await CompareBench.RunAsync(args[1..]);
        }

        if (args.Length > 0 && args[0] == "review")
        {
            return await ReviewBench.RunAsync(args[1..]);
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
        // The figure that matters is the whole `humaneval agreement` process as a user runs it (start-up, JIT, read,
        // statistics, JSON): the CLI built beside this bench is started 5 times per size and the fastest run counts,
        // with its own read / statistics split (--timings). Targets: ≤ 0.45 s for 350 k ratings, ≤ 2 s for 3.5 M.
        var cli = Path.Combine(AppContext.BaseDirectory, "humaneval.dll");
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}; whole process = dotnet {Path.GetFileName(cli)} agreement --ratings FILE");
        Console.WriteLine("rows        | file MB | process s (min of 5) | read s | stats+JSON s | median s | ci s (1,000 draws, one criterion, in process)");
        foreach (var rows in sizes)
        {
            var path = Path.Combine(Path.GetTempPath(), $"humaneval-bench-{rows}.csv");
            Generate(path, rows / 35);
            var runs = new List<(double Wall, string Timings)>();
            for (var run = 0; run < 5; run++)
            {
                var start = new ProcessStartInfo("dotnet", ["exec", cli, "agreement", "--ratings", path, "--timings"])
                {
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                };
                var wall = Stopwatch.StartNew();
                using var process = Process.Start(start)!;
                var stdout = process.StandardOutput.ReadToEndAsync();
                var stderr = process.StandardError.ReadToEndAsync();
                await process.WaitForExitAsync();
                wall.Stop();
                if (process.ExitCode != 0)
                {
                    Console.Error.WriteLine(await stderr);
                    return 1;
                }

                _ = await stdout;
                runs.Add((wall.Elapsed.TotalSeconds, (await stderr).Trim()));
            }

            var best = runs.MinBy(r => r.Wall);
            var split = System.Text.RegularExpressions.Regex.Match(best.Timings, @"read ([0-9.]+) s, statistics and JSON ([0-9.]+) s");
            var median = runs.Select(r => r.Wall).Order().ElementAt(runs.Count / 2);

            var builder = new RatingSetBuilder();
            RatingsCsv.ReadRatings(path, builder);
            var first = builder.Build()[0];
            var ci = Stopwatch.StartNew();
            Bootstrap.Alpha(first.Table);
            ci.Stop();

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{rows,11:N0} | {new FileInfo(path).Length / 1e6,7:F1} | {best.Wall,20:F2} | {split.Groups[1].Value,6} | {split.Groups[2].Value,12} | {median,8:F2} | {ci.Elapsed.TotalSeconds:F2}"));
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
