using System.Text.Json;
using HumanEval.Web.Tests.Hosting;

namespace HumanEval.Web.Tests.Cli;

/// <summary><c>humaneval agreement</c> run as a process: JSON shape, exit codes and messages.</summary>
public sealed class AgreementCliTests : IDisposable
{
    private readonly DirectoryInfo dir = Directory.CreateTempSubdirectory("humaneval-agreement-");

    public void Dispose() => dir.Delete(recursive: true);

    private string Write(string name, string content)
    {
        var path = Path.Combine(dir.FullName, name);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>Krippendorff (2011) section C as a ratings file, plus a second criterion and an extra column.</summary>
    private string KrippendorffRatings()
    {
        double?[][] rows =
        [
            [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
            [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3],
            [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
            [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null],
        ];
        var lines = new List<string> { "rater_id,item_id,criterion,score,comment" };
        for (var r = 0; r < rows.Length; r++)
        {
            for (var i = 0; i < rows[r].Length; i++)
            {
                lines.Add($"{"ABCD"[r]},u{i + 1},accuracy,{rows[r][i]},\"free, text\"");
                lines.Add($"{"ABCD"[r]},u{i + 1},safety,1,");
            }
        }

        return Write("ratings.csv", string.Join('\n', lines) + "\n");
    }

    private static Task<AppProcess.Result> Run(params string[] args) => AppProcess.RunAsync("humaneval.dll", ["agreement", .. args]);

    [Fact]
    public async Task Prints_one_json_document_with_every_coefficient_per_criterion()
    {
        var run = await Run("--ratings", KrippendorffRatings());

        Assert.True(run.ExitCode == 0, run.Stderr);
        using var json = JsonDocument.Parse(run.Stdout);
        var accuracy = json.RootElement.GetProperty("criteria").GetProperty("accuracy");
        Assert.Equal(12, accuracy.GetProperty("items").GetInt32());
        Assert.Equal(4, accuracy.GetProperty("raters").GetInt32());
        Assert.Equal(41, accuracy.GetProperty("ratings").GetInt32());
        var alpha = accuracy.GetProperty("krippendorff_alpha");
        Assert.Equal(0.743, alpha.GetProperty("nominal").GetDouble(), 3);
        Assert.Equal(0.815, alpha.GetProperty("ordinal").GetDouble(), 3);
        Assert.Equal(0.849, alpha.GetProperty("interval").GetDouble(), 3);
        Assert.Equal(JsonValueKind.Null, accuracy.GetProperty("fleiss_kappa").ValueKind);
        Assert.Equal(JsonValueKind.Null, accuracy.GetProperty("icc2_1").ValueKind);
        var pairwise = accuracy.GetProperty("pairwise_cohen_kappa");
        Assert.Equal(6, pairwise.GetProperty("pairs").GetInt32());
        foreach (var name in new[] { "unweighted", "linear", "quadratic" })
        {
            Assert.Equal(JsonValueKind.Number, pairwise.GetProperty(name).ValueKind);
        }

        var percent = accuracy.GetProperty("percent_agreement");
        Assert.InRange(percent.GetProperty("exact").GetDouble(), 0, 1);
        Assert.False(accuracy.TryGetProperty("judge", out _), "judge appears only with --judge");

        // Every rater says 1: no variation, so alpha and kappa are null rather than a made-up number.
        var safety = json.RootElement.GetProperty("criteria").GetProperty("safety");
        Assert.Equal(JsonValueKind.Null, safety.GetProperty("krippendorff_alpha").GetProperty("nominal").ValueKind);
        Assert.Equal(1.0, safety.GetProperty("percent_agreement").GetProperty("exact").GetDouble());
    }

    [Fact]
    public async Task The_apps_column_names_are_read_as_aliases_and_give_the_same_figures()
    {
        var canonical = await Run("--ratings", KrippendorffRatings());
        var renamed = Write("renamed.csv", File.ReadAllText(Path.Combine(dir.FullName, "ratings.csv"))
            .Replace("rater_id,item_id,", "evaluator,external_id,", StringComparison.Ordinal));
        var judge = Write("judge.csv", "external_id,criterion,score\nu1,accuracy,1\nu2,accuracy,2\nu3,accuracy,3\n");

        var aliased = await Run("--ratings", renamed);
        var withJudge = await Run("--ratings", renamed, "--judge", judge);
        var both = await Run("--ratings", Write("both.csv", "item_id,external_id,rater_id,criterion,score\nu1,u1,A,accuracy,1\n"));

        Assert.True(aliased.ExitCode == 0, aliased.Stderr);
        Assert.Equal(canonical.Stdout, aliased.Stdout);
        Assert.True(withJudge.Stdout.Contains("\"judge\"", StringComparison.Ordinal), withJudge.Stderr);
        Assert.Equal(2, both.ExitCode);
        Assert.Contains("column 'item_id' appears more than once (names are compared ignoring case; external_id is another name for it)", both.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_a_judge_file_adds_judge_agreement_and_the_gate_sets_the_exit_code()
    {
        var ratings = KrippendorffRatings();
        var judge = Write("judge.csv", "item_id,criterion,judge_score\n" +
            string.Concat(Enumerable.Range(1, 12).Select(i => $"u{i},accuracy,{(i == 10 ? 5 : 2)}\nu{i},safety,1\n")));

        var pass = await Run("--ratings", ratings, "--judge", judge, "--min-judge-agreement", "0.2", "--on", "within_one");
        var fail = await Run("--ratings", ratings, "--judge", judge, "--min-judge-agreement", "0.85", "--on", "exact");

        Assert.True(pass.ExitCode == 0, pass.Stderr);
        using var json = JsonDocument.Parse(pass.Stdout);
        var j = json.RootElement.GetProperty("criteria").GetProperty("accuracy").GetProperty("judge");
        Assert.Equal(12, j.GetProperty("n").GetInt32());
        foreach (var name in new[] { "exact", "within_one", "quadratic_kappa", "spearman" })
        {
            Assert.True(j.TryGetProperty(name, out _), name);
        }

        Assert.Equal(1, fail.ExitCode);
        Assert.Contains("accuracy exact", fail.Stderr);
        Assert.DoesNotContain("safety", fail.Stderr);
        using var failJson = JsonDocument.Parse(fail.Stdout);
    }

    [Fact]
    public async Task Ci_adds_seeded_bootstrap_intervals()
    {
        var ratings = KrippendorffRatings();

        var first = await Run("--ratings", ratings, "--ci", "--seed", "7");
        var second = await Run("--ratings", ratings, "--ci", "--seed", "7");

        Assert.True(first.ExitCode == 0, first.Stderr);
        Assert.Equal(first.Stdout, second.Stdout);
        using var json = JsonDocument.Parse(first.Stdout);
        var ci = json.RootElement.GetProperty("criteria").GetProperty("accuracy").GetProperty("bootstrap_ci");
        var ordinal = ci.GetProperty("krippendorff_alpha").GetProperty("ordinal");
        Assert.Equal(2, ordinal.GetArrayLength());
        Assert.True(ordinal[0].GetDouble() <= ordinal[1].GetDouble());
    }

    [Theory]
    [InlineData("item_id,rater_id,criterion,score\na,r1,tone,4\na,r1,tone,5\n", "line 3: duplicate rating for item_id 'a', rater_id 'r1', criterion 'tone'")]
    [InlineData("item_id,rater_id,criterion,score\na,r1,tone,4\nb,r1,tone,four\n", "line 3: score 'four' is not a number")]
    [InlineData("item_id,rater,criterion,score\na,r1,tone,4\n", "line 1: missing column 'rater_id'")]
    [InlineData("item_id,rater_id,criterion,score\n,r1,tone,4\n", "line 2: item_id is empty")]
    [InlineData("", "the file is empty")]
    [InlineData("item_id,rater_id,criterion,score\n", "no ratings in")]
    [InlineData("item_id,rater_id,criterion,Score,score\na,r1,tone,4,5\n", "line 1: column 'score' appears more than once")]
    [InlineData("item_id,rater_id,criterion,score\na,r1,tone,4\nb,r1,\"tone,4\nc,r1,tone,5\n", "line 3: a quoted field opened on this line is never closed")]
    [InlineData("item_id,rater_id,criterion,score\na,r1,tone,4\nb,r1,\"to\"n\"e\",4\n", "line 3: malformed CSV field \"to\"n\"e\" (a quote inside a quoted field must be doubled)")]
    [InlineData("item_id,rater_id,criterion,score\na,r1,tone,4\nb,r1,\"x\"\"y\",4\nc,r1,t\"o\"ne,4\n", "line 4: malformed CSV field t\"o\"ne")]
    [InlineData("item_id,rater_id,criterion,score\na,r1,tone,4\nb,r1\n", "line 3: 2 fields, expected at least 4")]
    public async Task Bad_ratings_exit_2_naming_the_line_and_print_nothing_to_stdout(string content, string message)
    {
        var run = await Run("--ratings", Write("bad.csv", content));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Stderr);
        Assert.Equal("", run.Stdout);
    }

    [Fact]
    public async Task Quoted_fields_crlf_a_bom_and_blank_lines_read_as_csv_says_and_line_numbers_count_lines_inside_quotes()
    {
        var plain = Write("plain.csv", "item_id,rater_id,criterion,score\na,r1,tone,4\na,r2,tone,5\nb,r1,tone,2\nb,r2,tone,2\n");
        var fancy = Path.Combine(dir.FullName, "fancy.csv");
        File.WriteAllBytes(fancy, [0xEF, 0xBB, 0xBF, .. System.Text.Encoding.UTF8.GetBytes(
            "\"item_id\", rater_id ,criterion,score,note\r\n\"a\",r1,\" tone \",4,\"two\r\nlines, \"\"quoted\"\"\"\r\n\r\na,r2,tone,5,\r\nb,r1,tone,2,\r\nb,r2,tone,2,\r\nb,r3,tone,x,\r\n")]);

        var expected = await Run("--ratings", plain);
        var broken = await Run("--ratings", fancy);
        File.WriteAllText(fancy, File.ReadAllText(fancy).Replace("b,r3,tone,x,\r\n", "", StringComparison.Ordinal));
        var read = await Run("--ratings", fancy);

        Assert.Equal(2, broken.ExitCode);
        Assert.Contains("fancy.csv line 8: score 'x' is not a number", broken.Stderr); // the note's line break counts
        Assert.True(read.ExitCode == 0, read.Stderr);
        Assert.Equal(expected.Stdout, read.Stdout);
    }

    [Fact]
    public async Task A_ratings_file_that_is_not_utf8_names_each_bad_line_and_its_byte()
    {
        var latin1 = Path.Combine(dir.FullName, "latin1.csv");
        File.WriteAllBytes(latin1, System.Text.Encoding.Latin1.GetBytes("item_id,rater_id,criterion,score\ncafé,r1,tone,4\nb,r1,tone,4\nné,r2,tone,3\n"));

        var run = await Run("--ratings", latin1);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("latin1.csv line 2: byte offset 36 (0xE9) is not valid UTF-8", run.Stderr);
        Assert.Contains("latin1.csv line 4: byte offset", run.Stderr);
        Assert.Equal("", run.Stdout);
    }

    [Fact]
    public async Task Bad_judge_rows_and_missing_files_exit_2()
    {
        var ratings = KrippendorffRatings();
        var duplicate = Write("judge.csv", "item_id,criterion,judge_score\nu1,accuracy,3\nu1,accuracy,4\n");

        var dup = await Run("--ratings", ratings, "--judge", duplicate);
        var missing = await Run("--ratings", Path.Combine(dir.FullName, "nope.csv"));
        var gateWithoutJudge = await Run("--ratings", ratings, "--min-judge-agreement", "0.85");

        Assert.Equal(2, dup.ExitCode);
        Assert.Contains("line 3: duplicate judge score for item_id 'u1'", dup.Stderr);
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("file not found", missing.Stderr);
        Assert.Equal(2, gateWithoutJudge.ExitCode);
        Assert.Equal("", dup.Stdout + missing.Stdout + gateWithoutJudge.Stdout);
    }

    [Fact]
    public async Task With_a_judge_the_verdict_reads_within_one_for_ordinal_and_exact_for_binary_and_the_judge_block_is_always_there()
    {
        var ratings = KrippendorffRatings();
        var judge = Write("judge.csv", "item_id,criterion,judge_score\n" +
            string.Concat(Enumerable.Range(1, 12).Select(i => $"u{i},accuracy,{(i == 10 ? 5 : 2)}\n")));
        var headerOnly = Write("judge-empty.csv", "item_id,criterion,judge_score\n");

        var run = await Run("--ratings", ratings, "--judge", judge);
        var empty = await Run("--ratings", ratings, "--judge", headerOnly);

        Assert.True(run.ExitCode == 0, run.Stderr);
        using var json = JsonDocument.Parse(run.Stdout);
        var criteria = json.RootElement.GetProperty("criteria");
        var accuracy = criteria.GetProperty("accuracy").GetProperty("judge_verdict");
        Assert.Equal("within_one", accuracy.GetProperty("metric").GetString());
        Assert.Equal(0.85, accuracy.GetProperty("target").GetDouble());
        Assert.Equal(12, accuracy.GetProperty("items").GetInt32());
        Assert.Contains("target on within one", accuracy.GetProperty("summary").GetString());
        // Safety is all 1s (binary) with no judge score: the block is there with n = 0 and nulls.
        var safety = criteria.GetProperty("safety");
        Assert.Equal(0, safety.GetProperty("judge").GetProperty("n").GetInt32());
        Assert.Equal(JsonValueKind.Null, safety.GetProperty("judge").GetProperty("exact").ValueKind);
        Assert.Equal("exact", safety.GetProperty("judge_verdict").GetProperty("metric").GetString());
        Assert.Equal("not_enough_data", safety.GetProperty("judge_verdict").GetProperty("vs_target").GetString());

        Assert.True(empty.ExitCode == 0, empty.Stderr);
        using var emptyJson = JsonDocument.Parse(empty.Stdout);
        foreach (var criterion in emptyJson.RootElement.GetProperty("criteria").EnumerateObject())
        {
            Assert.Equal(0, criterion.Value.GetProperty("judge").GetProperty("n").GetInt32());
        }
    }

    [Fact]
    public async Task An_unknown_command_with_help_exits_2()
    {
        var run = await AppProcess.RunAsync("humaneval.dll", ["compaer", "--help"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("unknown command 'compaer'", run.Stderr);
    }

    [Fact]
    public async Task A_bad_command_line_exits_2_with_usage_help()
    {
        var run = await Run("--ratings", KrippendorffRatings(), "--on", "sometimes");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("sometimes", run.Stderr);
        Assert.Equal("", run.Stdout);
    }
}
