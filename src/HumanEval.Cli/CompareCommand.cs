using System.CommandLine;
using HumanEval.Core.Decisions;
using HumanEval.Core.Pairwise;
using HumanEval.Core.Rubrics;

namespace HumanEval.Cli;

/// <summary>
/// <c>humaneval compare</c>: is the candidate version better than the baseline, by how much, how sure, and what
/// would it cost to be sure — Core's <see cref="VersionComparison"/> on a ratings CSV, as one JSON document. With
/// <c>--fail-unless ship</c> it is a gate for a pipeline: exit 1 unless the decision is Ship.
/// </summary>
public static class CompareCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var ratings = new Option<FileInfo>("--ratings") { Description = "CSV with item_id,rater_id,criterion,score and the --by column (the app's ratings.csv has model, prompt_version, pair_key, rated_at).", Required = true };
        var by = new Option<string?>("--by") { Description = "The column that names the version, e.g. prompt_version or model (not with --pairwise)." };
        var pairwiseJudge = new Option<FileInfo?>("--judge") { Description = "With --pairwise: CSV item_id,criterion,judge_preference (same scale), compared with the human majority." };
        var pairwise = new Option<bool>("--pairwise") { Description = "Read pairwise ratings: item_id,rater_id,criterion,preference (-2 A much better … 2 B much better),version_a,version_b[,both_unacceptable,a_on_left,rated_at]." };
        var baseline = new Option<string?>("--baseline") { Description = "The version compared against (default: the first in sort order when there are two)." };
        var candidate = new Option<string?>("--candidate") { Description = "The version under test (default: the other one when there are two)." };
        var criteria = new Option<string?>("--criteria") { Description = "Comma-separated criteria to compare (default: all in the file)." };
        var weights = new Option<string?>("--weights") { Description = "Weights of the ordinal criteria in the overall score, e.g. accuracy=2,tone=0.5 (default 1 each)." };
        var binary = new Option<string?>("--binary") { Description = "Comma-separated pass/fail criteria (score 0 fails). Default: from --rubric, else criteria whose every score is 0 or 1." };
        var rubric = new Option<FileInfo?>("--rubric") { Description = "A rubric file (rubrics/*.json): labels and which criteria are binary." };
        var pairBy = new Option<string>("--pair-by") { Description = "Column pairing examples that hold the same input under both versions.", DefaultValueFactory = _ => "pair_id" };
        var draws = new Option<int>("--draws") { Description = "Bayesian bootstrap draws.", DefaultValueFactory = _ => VersionComparison.DefaultDraws };
        var seed = new Option<int>("--seed") { Description = "Bootstrap seed.", DefaultValueFactory = _ => VersionComparison.DefaultSeed };
        var minHours = new Option<double>("--min-hours") { Description = "Hours since the candidate's first rated_at before a call; 0 turns the rule off.", DefaultValueFactory = _ => DecisionRule.Default.MinHours };
        var planned = new Option<int?>("--planned") { Description = "Examples each version needs before a call (default: the planner's number for --min-effect)." };
        var minEffect = new Option<double>("--min-effect") { Description = "Smallest difference worth detecting, in points (planner, 80% power, two-sided 5%).", DefaultValueFactory = _ => DecisionRule.Default.MinimumEffect };
        var now = new Option<DateTime?>("--now") { Description = "The time the 72-hour rule is checked at (ISO 8601; default: now)." };
        var failUnless = new Option<string?>("--fail-unless") { Description = "Exit 1 unless the decision is this one (ship)." };
        failUnless.AcceptOnlyFromAmong("ship");

        var command = new Command("compare", "Compare two versions (model, prompt version, any column): difference, P(better), expected loss, safety, the decision and the plan.");
        foreach (var option in new Option[] { ratings, by, pairwise, pairwiseJudge, baseline, candidate, criteria, weights, binary, rubric, pairBy, draws, seed, minHours, planned, minEffect, now, failUnless })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (result, ct) =>
        {
            try
            {
                var path = result.GetValue(ratings)!.FullName;
                var rule = new DecisionRule { MinHours = result.GetValue(minHours), PlannedExamplesPerVersion = result.GetValue(planned), MinimumEffect = result.GetValue(minEffect) };
                if (rule.Validate() is { Ok: false } invalidRule)
                {
                    throw new InputException(invalidRule.Message);
                }

                if (result.GetValue(pairwise))
                {
                    var pairs = RatingsCsv.ReadPairwise(path);
                    if (pairs.Count == 0)
                    {
                        throw new InputException($"{path}: no ratings (a header and no rows)");
                    }

                    var offered = pairs.SelectMany(p => new[] { p.VersionA, p.VersionB }).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
                    var (pb, pc) = PickVersions(offered, result.GetValue(baseline), result.GetValue(candidate), "version");
                    var keys = pairs.Select(p => p.Criterion).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
                    var pairwiseReport = PairwiseComparison.Compare(pairs, (result.GetValue(criteria) is { } only ? Split(only) : keys).Select(k => (k, k)).ToList(), new ComparisonOptions
                    {
                        Baseline = pb, Candidate = pc, Draws = result.GetValue(draws), Seed = result.GetValue(seed), Rule = rule,
                        Now = (result.GetValue(now) ?? DateTime.UtcNow).ToUniversalTime(),
                    });
                    Dictionary<string, PairwiseJudgeAgreement>? judged = null;
                    if (result.GetValue(pairwiseJudge) is { } judgeFile)
                    {
                        var verdicts = RatingsCsv.ReadPairwiseJudge(judgeFile.FullName);
                        judged = pairwiseReport.Criteria.ToDictionary(c => c.Key, c => PairwiseJudge.Compare(
                            pairs.Where(p => p.Criterion == c.Key).Select(p => (p.Example, p.Evaluator, p.BothUnacceptable ? 0 : p.Preference)),
                            verdicts.Where(v => v.Key.Criterion == c.Key).ToDictionary(v => v.Key.Item, v => v.Value, StringComparer.Ordinal)), StringComparer.Ordinal);
                    }

                    await stdout.WriteLineAsync(PairwiseJson.Write(pairwiseReport, judged));
                    return result.GetValue(failUnless) is "ship" && pairwiseReport.Decision.Kind != DecisionKind.Ship ? 1 : 0;
                }

                if (result.GetValue(pairwiseJudge) is not null)
                {
                    throw new InputException("--judge goes with --pairwise (the version comparison reads judge scores through humaneval agreement)");
                }

                if (result.GetValue(by) is not { } byColumn)
                {
                    throw new InputException("--by names the version column (or give --pairwise for a pairwise file)");
                }

                var column = byColumn.Trim().ToLowerInvariant();
                var (rows, hasPairs, hasTimes) = RatingsCsv.ReadComparison(path, column, result.GetValue(pairBy)!.Trim().ToLowerInvariant());
                if (rows.Count == 0)
                {
                    throw new InputException($"{path}: no ratings (a header and no rows with a score)");
                }

                var versions = rows.Select(r => r.Version).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
                var (b, c) = PickVersions(versions, result.GetValue(baseline), result.GetValue(candidate), column);
                var compared = Criteria(rows, result.GetValue(criteria), result.GetValue(weights), result.GetValue(binary), result.GetValue(rubric));

                if (result.GetValue(draws) is < 100 or > 100_000)
                {
                    throw new InputException("--draws must be between 100 and 100,000");
                }

                var report = VersionComparison.Compare(rows, compared, new ComparisonOptions
                {
                    Baseline = b, Candidate = c, Draws = result.GetValue(draws), Seed = result.GetValue(seed), Rule = rule,
                    Now = (result.GetValue(now) ?? DateTime.UtcNow).ToUniversalTime(),
                });
                await stdout.WriteLineAsync(ComparisonJson.Write(report, column, hasPairs, hasTimes));
                return result.GetValue(failUnless) is "ship" && report.Decision.Kind != DecisionKind.Ship ? 1 : 0;
            }
            catch (InputException ex)
            {
                await stderr.WriteLineAsync($"error: {ex.Message}");
                return 2;
            }
            catch (ArgumentException ex)
            {
                await stderr.WriteLineAsync($"error: {ex.Message}");
                return 2;
            }
        });
        return command;
    }

    private static (string Baseline, string Candidate) PickVersions(List<string> versions, string? baseline, string? candidate, string column)
    {
        string Listed() => string.Join(", ", versions.Select(v => $"'{v}'"));
        foreach (var v in new[] { baseline, candidate }.OfType<string>())
        {
            if (!versions.Contains(v))
            {
                throw new InputException($"{column} '{v}' is not in the file (it has {Listed()})");
            }
        }

        if (baseline is not null && candidate is not null)
        {
            return baseline == candidate ? throw new InputException("--baseline and --candidate must differ") : (baseline, candidate);
        }

        var others = versions.Where(v => v != baseline && v != candidate).ToList();
        if (versions.Count < 2)
        {
            throw new InputException($"the file has one {column} ({Listed()}); a comparison needs two");
        }

        if ((baseline ?? candidate) is null ? versions.Count != 2 : others.Count != 1)
        {
            throw new InputException($"the file has {versions.Count} values of {column} ({Listed()}): choose them with --baseline and --candidate");
        }

        return baseline is not null ? (baseline, others[0]) : candidate is not null ? (others[0], candidate) : (versions[0], versions[1]);
    }

    private static List<ComparedCriterion> Criteria(List<ComparedRating> rows, string? only, string? weights, string? binary, FileInfo? rubricFile)
    {
        var inFile = rows.Select(r => r.Criterion).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var chosen = only is null ? inFile : Split(only);
        foreach (var c in chosen.Where(c => !inFile.Contains(c)))
        {
            throw new InputException($"criterion '{c}' has no ratings in the file (it has {string.Join(", ", inFile)})");
        }

        Rubric? rubric = null;
        if (rubricFile is not null)
        {
            try
            {
                rubric = RubricParser.Parse(Path.GetFileNameWithoutExtension(rubricFile.Name), rubricFile.Name, File.ReadAllText(rubricFile.FullName));
            }
            catch (Exception ex) when (ex is RubricException or IOException)
            {
                throw new InputException(ex.Message);
            }
        }

        var declared = binary is null ? null : Split(binary).ToHashSet(StringComparer.Ordinal);
        var parsed = OverallWeights.Parse(weights);
        if (!parsed.Ok)
        {
            throw new InputException("--weights: " + parsed.Message);
        }

        var weightOf = parsed.Value;
        foreach (var key in weightOf.Keys.Where(k => !chosen.Contains(k)))
        {
            throw new InputException($"--weights: criterion '{key}' is not compared (criteria: {string.Join(", ", chosen)})");
        }

        return chosen.Select(key =>
        {
            var fromRubric = rubric?.Criteria.FirstOrDefault(c => c.Key == key);
            var isBinary = declared?.Contains(key) ?? (fromRubric is not null
                ? fromRubric.Scale == ScaleType.Binary
                : rows.Where(r => r.Criterion == key).All(r => r.Score is 0 or 1));
            return new ComparedCriterion(key, fromRubric?.Label ?? key, isBinary, isBinary && fromRubric is not null ? fromRubric.Min : 0, weightOf.GetValueOrDefault(key, 1));
        }).ToList();
    }

    private static List<string> Split(string list) => list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();
}
