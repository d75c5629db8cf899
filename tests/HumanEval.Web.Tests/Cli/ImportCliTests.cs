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
    public async Task A_pairwise_campaign_takes_a_pairwise_file_and_refuses_an_absolute_one_by_its_columns()
    {
        await using var wf = new WorkflowDb();
        var (campaignId, _) = await wf.SeedAsync(examples: 0, evaluators: 1, configure: c => c.Kind = HumanEval.Core.Campaigns.CampaignKind.Pairwise);
        var pairs = Path.Combine(Path.GetTempPath(), $"import-{Guid.NewGuid():N}.csv");
        var single = Path.Combine(Path.GetTempPath(), $"import-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(pairs, "external_id,input,output_a,output_b,version_a,version_b\np1,q,old answer,new answer,v1,v2\np2,q2,a,b,v1,v2\n");
        await File.WriteAllTextAsync(single, "external_id,input,output\nx,q,a\n");
        try
        {
            var good = await Import(wf, campaignId, pairs);
            Assert.True(good.ExitCode == 0, good.Stderr);
            Assert.Contains("Imported 2 examples; 0 already present.", good.Stdout);
            var bad = await Import(wf, campaignId, single);
            Assert.Equal(2, bad.ExitCode);
            Assert.Contains("line 1, output: a pairwise campaign compares two outputs: use output_a and output_b instead of output", bad.Stderr);
            var missing = await Import(wf, 999, pairs);
            Assert.Equal(2, missing.ExitCode);
            Assert.Contains("campaign 999 does not exist; nothing was imported.", missing.Stderr);
            var (_, factory) = wf.Instance();
            await using var db = await factory.CreateDbContextAsync();
            var p1 = await db.Examples.SingleAsync(e => e.ExternalId == "p1");
            Assert.Equal(("old answer", "new answer", "v1", "v2"), (p1.Output, p1.OutputB, p1.VersionA, p1.VersionB));
            Assert.Equal(2, await db.Examples.CountAsync());
        }
        finally
        {
            File.Delete(pairs);
            File.Delete(single);
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
