using System.CommandLine;
using System.Text.Json;
using HumanEval.Core.Agreement;

namespace HumanEval.Cli;

/// <summary><c>humaneval agreement</c>: inter-rater and judge–human agreement as one JSON document.</summary>
public static class AgreementCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var ratings = new Option<FileInfo>("--ratings") { Description = "CSV with item_id,rater_id,criterion,score.", Required = true };
        var judge = new Option<FileInfo?>("--judge") { Description = "CSV with item_id,criterion,judge_score." };
        var minShared = new Option<int>("--min-shared") { Description = "Rater pairs sharing fewer items are left out of pairwise kappa.", DefaultValueFactory = _ => 5 };
        var ci = new Option<bool>("--ci") { Description = "Add bootstrap 95% confidence intervals (1,000 draws over items, seeded)." };
        var draws = new Option<int>("--draws") { Description = "Bootstrap draws with --ci.", DefaultValueFactory = _ => Bootstrap.DefaultDraws };
        var seed = new Option<int>("--seed") { Description = "Bootstrap seed with --ci.", DefaultValueFactory = _ => Bootstrap.DefaultSeed };
        var gate = new Option<double?>("--min-judge-agreement") { Description = "Exit 1 when any criterion's judge agreement is below this (0–1)." };
        var on = new Option<string>("--on")
        {
            Description = "Which judge agreement the verdict and gate read: auto (exact for 0/1 criteria, within_one otherwise), exact or within_one.",
            DefaultValueFactory = _ => "auto",
        };
        on.AcceptOnlyFromAmong("auto", "exact", "within_one");
        var timings = new Option<bool>("--timings") { Description = "Print how long reading the files and computing took to stderr (stdout stays pure JSON)." };

        var command = new Command("agreement", "Compute agreement per criterion (Krippendorff's alpha, Fleiss, pairwise Cohen, ICC, percent, judge vs humans).");
        foreach (var option in new Option[] { ratings, judge, minShared, ci, draws, seed, gate, on, timings })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (result, ct) =>
        {
            var threshold = result.GetValue(gate);
            var judgeFile = result.GetValue(judge);
            if (threshold is not null && judgeFile is null)
            {
                await stderr.WriteLineAsync("--min-judge-agreement needs --judge.");
                return 2;
            }

            if (threshold is < 0 or > 1)
            {
                await stderr.WriteLineAsync("--min-judge-agreement must be between 0 and 1.");
                return 2;
            }

            var clock = System.Diagnostics.Stopwatch.StartNew();
            var builder = new RatingSetBuilder();
            try
            {
                RatingsCsv.ReadRatings(result.GetValue(ratings)!.FullName, builder);
                if (judgeFile is not null)
                {
                    RatingsCsv.ReadJudge(judgeFile.FullName, builder);
                }
            }
            catch (InputException ex)
            {
                await stderr.WriteLineAsync($"error: {ex.Message}");
                return 2;
            }

            var read = clock.Elapsed;
            var options = new AgreementOptions
            {
                MinShared = result.GetValue(minShared),
                ConfidenceIntervals = result.GetValue(ci),
                BootstrapDraws = result.GetValue(draws),
                Seed = result.GetValue(seed),
            };
            var target = threshold ?? JudgeGate.DefaultTarget;
            var metricChoice = result.GetValue(on);
            var reports = new List<CriterionAgreement>();
            var verdicts = new Dictionary<string, JudgeVerdict>();
            // Criteria are independent: computed in parallel, collected in criterion order, so the output is the same
            // byte for byte on any number of cores (each bootstrap is seeded per criterion).
            var results = builder.Build().Where(c => c.Table.RatingCount > 0).AsParallel().AsOrdered().Select(c =>
            {
                // With --judge the judge block is always there (n = 0 and nulls when this criterion has no judge score),
                // so the output's shape does not depend on the data.
                var judgeScores = judgeFile is null ? null : c.Judge ?? new double?[c.Table.ItemCount];
                var report = AgreementReport.Compute(c.Criterion, c.Table, judgeScores, options);
                JudgeVerdict? verdict = null;
                if (judgeScores is not null)
                {
                    var metric = metricChoice switch
                    {
                        "exact" => JudgeMetric.Exact,
                        "within_one" => JudgeMetric.WithinOne,
                        _ => JudgeGate.DefaultMetric(JudgeGate.LooksBinary(c.Table, judgeScores)),
                    };
                    verdict = JudgeGate.Evaluate(c.Table, judgeScores, metric, target, JudgeGate.DefaultMargin,
                        options.ConfidenceIntervals, options.BootstrapDraws, options.Seed);
                }

                return (Report: report, Verdict: verdict);
            }).ToList();
            foreach (var (report, verdict) in results)
            {
                reports.Add(report);
                if (verdict is not null)
                {
                    verdicts[report.Criterion] = verdict;
                }
            }

            if (reports.Count == 0)
            {
                await stderr.WriteLineAsync($"error: no ratings in {result.GetValue(ratings)!.FullName} (a header and no rows with a score)");
                return 2;
            }

            await stdout.WriteAsync(AgreementJson.Write(reports, options, verdicts));
            await stdout.WriteLineAsync();
            if (result.GetValue(timings))
            {
                var total = clock.Elapsed;
                await stderr.WriteLineAsync(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"timings: read {read.TotalSeconds:F3} s, statistics and JSON {(total - read).TotalSeconds:F3} s, {reports.Sum(r => r.Ratings)} ratings"));
            }

            if (threshold is { } min)
            {
                var failing = reports
                    .Select(r => (r.Criterion, Verdict: verdicts[r.Criterion]))
                    .Where(r => r.Verdict.Judge is null || r.Verdict.Judge < min)
                    .ToList();
                foreach (var (criterion, verdict) in failing)
                {
                    await stderr.WriteLineAsync(verdict.Judge is not { } value
                        ? $"judge agreement gate: {criterion} has no items with both a judge score and a human rating"
                        : $"judge agreement gate: {criterion} {(verdict.Metric == JudgeMetric.Exact ? "exact" : "within_one")} = {value:0.####} < {min}");
                }

                return failing.Count == 0 ? 0 : 1;
            }

            return 0;
        });
        return command;
    }
}

/// <summary>The JSON shape of <c>humaneval agreement</c> (snake_case; null where a coefficient is undefined).</summary>
public static class AgreementJson
{
    public static string Write(IReadOnlyList<CriterionAgreement> reports, AgreementOptions options,
        IReadOnlyDictionary<string, JudgeVerdict>? verdicts = null)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteStartObject("criteria");
            foreach (var r in reports)
            {
                w.WriteStartObject(r.Criterion);
                w.WriteNumber("items", r.Items);
                w.WriteNumber("raters", r.Raters);
                w.WriteNumber("ratings", r.Ratings);
                w.WriteStartObject("krippendorff_alpha");
                JsonFields.Number(w, "nominal", r.KrippendorffAlpha.Nominal);
                JsonFields.Number(w, "ordinal", r.KrippendorffAlpha.Ordinal);
                JsonFields.Number(w, "interval", r.KrippendorffAlpha.Interval);
                w.WriteEndObject();
                JsonFields.Number(w, "fleiss_kappa", r.FleissKappa);
                w.WriteStartObject("pairwise_cohen_kappa");
                JsonFields.Number(w, "unweighted", r.PairwiseCohenKappa.Unweighted);
                JsonFields.Number(w, "linear", r.PairwiseCohenKappa.Linear);
                JsonFields.Number(w, "quadratic", r.PairwiseCohenKappa.Quadratic);
                w.WriteNumber("pairs", r.PairwiseCohenKappa.Pairs);
                w.WriteEndObject();
                JsonFields.Number(w, "icc2_1", r.Icc21);
                w.WriteStartObject("percent_agreement");
                JsonFields.Number(w, "exact", r.PercentAgreement.Exact);
                JsonFields.Number(w, "within_one", r.PercentAgreement.WithinOne);
                w.WriteEndObject();
                if (r.Judge is { } j)
                {
                    w.WriteStartObject("judge");
                    w.WriteNumber("n", j.N);
                    JsonFields.Number(w, "exact", j.Exact);
                    JsonFields.Number(w, "within_one", j.WithinOne);
                    JsonFields.Number(w, "quadratic_kappa", j.QuadraticKappa);
                    JsonFields.Number(w, "spearman", j.Spearman);
                    w.WriteEndObject();
                }

                if (verdicts is not null && verdicts.TryGetValue(r.Criterion, out var v))
                {
                    Verdict(w, v);
                }

                if (r.Intervals is { } ci)
                {
                    w.WriteStartObject("bootstrap_ci");
                    w.WriteNumber("draws", options.BootstrapDraws);
                    w.WriteNumber("seed", options.Seed);
                    w.WriteNumber("level", 0.95);
                    w.WriteStartObject("krippendorff_alpha");
                    JsonFields.Range(w, "nominal", ci.AlphaNominal);
                    JsonFields.Range(w, "ordinal", ci.AlphaOrdinal);
                    JsonFields.Range(w, "interval", ci.AlphaInterval);
                    w.WriteEndObject();
                    if (r.Judge is not null)
                    {
                        JsonFields.Range(w, "judge_exact", ci.JudgeExact);
                        JsonFields.Range(w, "judge_within_one", ci.JudgeWithinOne);
                    }

                    w.WriteEndObject();
                }

                w.WriteEndObject();
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>
    /// The judge verdict (<see cref="JudgeGate.Evaluate"/>): the metric read, the judge's share against the target and
    /// the paired difference judge − human against the ceiling margin; intervals only with <c>--ci</c>.
    /// </summary>
    private static void Verdict(Utf8JsonWriter w, JudgeVerdict v)
    {
        w.WriteStartObject("judge_verdict");
        w.WriteString("metric", v.Metric == JudgeMetric.Exact ? "exact" : "within_one");
        w.WriteNumber("target", v.Target);
        w.WriteNumber("margin", v.Margin);
        w.WriteNumber("items", v.Items);
        JsonFields.Number(w, "judge", v.Judge);
        JsonFields.Range(w, "judge_ci", v.JudgeInterval);
        JsonFields.Number(w, "human", v.Human);
        w.WriteNumber("paired_items", v.PairedItems);
        JsonFields.Number(w, "judge_minus_human", v.Difference);
        JsonFields.Range(w, "judge_minus_human_ci", v.DifferenceInterval);
        w.WriteString("vs_target", Snake(v.VsTarget.ToString()));
        w.WriteString("vs_ceiling", Snake(v.VsCeiling.ToString()));
        w.WriteString("summary", v.Summary);
        w.WriteEndObject();
    }

    private static string Snake(string name) =>
        string.Concat(name.Select((ch, i) => char.IsUpper(ch) && i > 0 ? "_" + char.ToLowerInvariant(ch) : char.ToLowerInvariant(ch).ToString()));
}
