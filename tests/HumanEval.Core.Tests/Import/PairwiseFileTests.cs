using HumanEval.Core.Campaigns;
using HumanEval.Core.Import;

namespace HumanEval.Core.Tests.Import;

/// <summary>A pairwise campaign's import file: two outputs and their versions, the same all-or-nothing validation by line.</summary>
public sealed class PairwiseFileTests
{
    private static ParsedFile Csv(string text, CampaignKind kind = CampaignKind.Pairwise) => ExampleFile.Read(new StringReader(text), ExampleFormat.Csv, kind);

    [Fact]
    public void A_good_pairwise_csv_and_jsonl_keep_both_outputs_and_versions()
    {
        var file = Csv("external_id,input,output_a,output_b,version_a,version_b,context,channel\np1,Q,\"A, one\",B two, v1 ,v2,ctx,chat\n");
        Assert.True(file.Ok, string.Join("; ", file.Errors));
        var row = file.Rows.Single();
        Assert.Equal(("p1", "Q", "A, one", "B two", "v1", "v2", "ctx"), (row.ExternalId, row.Input, row.Output, row.OutputB, row.VersionA, row.VersionB, row.Context));
        Assert.Equal("{\"channel\":\"chat\"}", row.Metadata);

        var jsonl = ExampleFile.Read(new StringReader("{\"external_id\":\"p2\",\"input\":\"Q\",\"output_a\":\"a\",\"output_b\":\"b\",\"version_a\":\"old\",\"version_b\":\"new\"}\n"), ExampleFormat.Jsonl, CampaignKind.Pairwise);
        Assert.True(jsonl.Ok);
        Assert.Equal(("a", "b", "old", "new"), (jsonl.Rows[0].Output, jsonl.Rows[0].OutputB, jsonl.Rows[0].VersionA, jsonl.Rows[0].VersionB));
    }

    [Fact]
    public void Bad_lines_are_named_and_nothing_is_read()
    {
        var file = Csv("external_id,input,output_a,output_b,version_a,version_b\np1,Q,a,b,v1,v2\np2,Q,a,,v1,v2\np3,Q,a,b,v1,v1\n");
        Assert.False(file.Ok);
        Assert.Equal(["line 3, output_b: is required", "line 4, version_b: is the same as version_a ('v1'); a pair compares two versions"], file.Errors.Select(e => e.ToString()));

        var header = Csv("external_id,input,output,version_a\np1,Q,a,v1\n");
        Assert.Equal(
        [
            "line 1, output_a: column is missing from the header", "line 1, output_b: column is missing from the header",
            "line 1, version_b: column is missing from the header",
            "line 1, output: a pairwise campaign compares two outputs: use output_a and output_b instead of output",
        ], header.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void A_file_for_the_other_kind_of_campaign_is_refused_by_its_columns()
    {
        var intoAbsolute = Csv("external_id,input,output,output_b\np1,Q,a,b\n", CampaignKind.Absolute);
        Assert.Equal("line 1, output_b: output_b belongs to a pairwise campaign's file; this campaign is absolute (one output per example)", intoAbsolute.Errors.Single().ToString());
        var jsonl = ExampleFile.Read(new StringReader("{\"external_id\":\"p\",\"input\":\"Q\",\"output\":\"a\",\"version_b\":\"v2\"}\n"), ExampleFormat.Jsonl, CampaignKind.Absolute);
        Assert.Equal("line 1, version_b: version_b belongs to a pairwise campaign's file; this campaign is absolute (one output per example)", jsonl.Errors.Single().ToString());
        Assert.Equal(["external_id", "input", "output_a", "output_b", "version_a", "version_b"], ExampleFile.RequiredColumns(CampaignKind.Pairwise));
    }
}
