using HumanEval.Data.Entities;
using HumanEval.Web.Tests.Data;
using HumanEval.Web.Tests.Hosting;
using Microsoft.EntityFrameworkCore;

namespace HumanEval.Web.Tests.Cli;

/// <summary><c>humaneval import</c> as a process against a migrated SQLite file.</summary>
public sealed class ImportCliTests
{
    private static async Task<AppProcess.Result> Import(WorkflowDb wf, int campaignId, string file) =>
        await AppProcess.RunAsync("humaneval.dll", ["import", "--campaign", campaignId.ToString(System.Globalization.CultureInfo.InvariantCulture), file],
            new Dictionary<string, string> { ["ConnectionStrings__HumanEval"] = $"Data Source={wf.Path}" });

    [Fact]
    public async Task A_good_file_imports_and_importing_it_again_adds_nothing()
    {
        await using var wf = new WorkflowDb();
        var (campaignId, _) = await wf.SeedAsync(examples: 0, evaluators: 1);
        var file = Path.Combine(Path.GetTempPath(), $"import-{Guid.NewGuid():N}.jsonl");
        await File.WriteAllLinesAsync(file, Enumerable.Range(1, 50).Select(i => $"{{\"external_id\":\"ex{i}\",\"input\":\"q{i}\",\"output\":\"a{i}\",\"model\":\"m\",\"team\":\"t{i % 3}\"}}"));
        try
        {
            var first = await Import(wf, campaignId, file);
            var second = await Import(wf, campaignId, file);

            Assert.True(first.ExitCode == 0, first.Stderr);
            Assert.Contains("Imported 50 examples; 0 already present.", first.Stdout);
            Assert.Contains("Imported 0 examples; 50 already present.", second.Stdout);
            var (_, factory) = wf.Instance();
            await using var db = await factory.CreateDbContextAsync();
            Assert.Equal(50, await db.Examples.CountAsync());
            Assert.Equal("{\"team\":\"t1\"}", (await db.Examples.SingleAsync(e => e.ExternalId == "ex1")).Metadata);
            Assert.Equal(Enumerable.Range(0, 50), await db.Examples.OrderBy(e => e.Position).Select(e => e.Position).ToListAsync());
            Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.Action == "examples.imported"));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task A_file_with_one_bad_line_imports_nothing_and_names_the_line()
    {
        await using var wf = new WorkflowDb();
        var (campaignId, _) = await wf.SeedAsync(examples: 0, evaluators: 1);
        var file = Path.Combine(Path.GetTempPath(), $"import-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file, "external_id,input,output\nok1,q,a\nbad,,a\nok2,q,a\n");
        try
        {
            var run = await Import(wf, campaignId, file);

            Assert.Equal(2, run.ExitCode);
            Assert.Contains("line 3, input: is required", run.Stderr);
            Assert.Contains("nothing was written", run.Stderr);
            var (_, factory) = wf.Instance();
            await using var db = await factory.CreateDbContextAsync();
            Assert.Equal(0, await db.Examples.CountAsync());
        }
        finally
        {
            File.Delete(file);
        }
    }
}
