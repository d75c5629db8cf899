using HumanEval.Core.Import;

namespace HumanEval.Core.Tests.Import;

public sealed class ExampleFileTests
{
    private static ParsedFile Csv(string text) => ExampleFile.Read(new StringReader(text), ExampleFormat.Csv);

    private static ParsedFile Jsonl(string text) => ExampleFile.Read(new StringReader(text), ExampleFormat.Jsonl);

    [Fact]
    public void A_good_csv_keeps_known_fields_and_puts_unknown_columns_into_metadata()
    {
        var file = Csv("external_id,input,output,model,prompt_version,channel,metadata\n" +
                       "a1,\"Hi, how do I reset?\",\"Go to **Settings**\nthen Reset\",m1,v2,chat,\"{\"\"locale\"\":\"\"en\"\"}\"\n" +
                       "a2,Q,A,,,,\n");

        Assert.True(file.Ok, string.Join("; ", file.Errors));
        Assert.Equal(2, file.Rows.Count);
        var first = file.Rows[0];
        Assert.Equal(("a1", "Hi, how do I reset?", "Go to **Settings**\nthen Reset", "m1", "v2"), (first.ExternalId, first.Input, first.Output, first.Model, first.PromptVersion));
        Assert.Equal("{\"locale\":\"en\",\"channel\":\"chat\"}", first.Metadata);
        Assert.Null(file.Rows[1].Model);
        Assert.Null(file.Rows[1].Metadata);
        Assert.Equal(4, file.Rows[1].Line);
    }

    [Fact]
    public void A_good_jsonl_file_parses_with_metadata_object_and_extra_properties()
    {
        var file = Jsonl("{\"external_id\":\"x\",\"input\":\"q\",\"output\":\"<script>alert(1)</script>\",\"metadata\":{\"a\":1},\"score_hint\":3}\n\n{\"external_id\":\"y\",\"input\":\"q2\",\"output\":\"a2\"}\n");

        Assert.True(file.Ok, string.Join("; ", file.Errors));
        Assert.Equal("<script>alert(1)</script>", file.Rows[0].Output);
        Assert.Equal("{\"a\":1,\"score_hint\":3}", file.Rows[0].Metadata);
        Assert.Equal(3, file.Rows[1].Line);
    }

    [Theory]
    [InlineData("external_id,input,output\na1,q,\n", 2, "output", "is required")]
    [InlineData("external_id,input,output\na1,q,a\na1,q,b\n", 3, "external_id", "duplicate id 'a1'")]
    [InlineData("external_id,input,output,metadata\na1,q,a,[1]\n", 2, "metadata", "must be a JSON object")]
    [InlineData("external_id,output\na1,a\n", 1, "input", "column is missing")]
    [InlineData("", 1, "(header)", "the file is empty")]
    public void Each_bad_csv_line_is_named_with_its_field(string text, int line, string field, string message)
    {
        var file = Csv(text);

        Assert.False(file.Ok);
        Assert.Contains(file.Errors, e => e.Line == line && e.Field == field && e.Message.Contains(message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("{\"external_id\":\"a\",\"input\":\"q\",\"output\":\"a\"}\n{not json}\n", 2, "(line)", "not valid JSON")]
    [InlineData("[1,2]\n", 1, "(line)", "one JSON object")]
    [InlineData("{\"external_id\":\"a\",\"input\":\"q\",\"output\":\"a\",\"metadata\":\"x\"}\n", 1, "metadata", "JSON object")]
    [InlineData("{\"external_id\":\"a\",\"input\":{\"x\":1},\"output\":\"a\"}\n", 1, "input", "must be text")]
    public void Each_bad_jsonl_line_is_named_with_its_field(string text, int line, string field, string message)
    {
        var file = Jsonl(text);

        Assert.False(file.Ok);
        Assert.Contains(file.Errors, e => e.Line == line && e.Field == field && e.Message.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void Too_long_text_is_rejected_with_the_limit()
    {
        var file = Csv($"external_id,input,output\na1,q,{new string('x', ExampleFile.MaxTextLength + 1)}\n");

        var error = Assert.Single(file.Errors);
        Assert.Equal("output", error.Field);
        Assert.Contains("at most 200,000", error.Message);
    }

    [Fact]
    public void One_bad_line_means_no_rows_are_offered_for_import_from_a_failed_file()
    {
        var file = Csv("external_id,input,output\na1,q,a\na2,,a\na3,q,a\n");

        Assert.False(file.Ok);
        Assert.Single(file.Errors);
    }
}
