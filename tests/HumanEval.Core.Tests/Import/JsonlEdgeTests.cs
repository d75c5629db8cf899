using HumanEval.Core.Import;

namespace HumanEval.Core.Tests.Import;

public sealed class JsonlEdgeTests
{
    [Theory]
    [InlineData("{\"external_id\":\"a\",\"input\":\"x\",\"input\":\"y\",\"output\":\"o\"}", "input")]
    [InlineData("{\"external_id\":\"a\",\"input\":\"bad \\ud800 surrogate\",\"output\":\"o\"}", "input")]
    [InlineData("{\"external_id\":\"a\",\"input\":\"x\",\"output\":\"o\",\"metadata\":{\"k\":1,\"k\":2}}", "metadata")]
    public void A_duplicate_key_or_a_lone_surrogate_is_a_line_error_naming_the_field_not_a_crash(string line, string field)
    {
        var parsed = ExampleFile.Read(new StringReader("{\"external_id\":\"ok\",\"input\":\"i\",\"output\":\"o\"}\n" + line + "\n"), ExampleFormat.Jsonl);

        Assert.False(parsed.Ok);
        var error = Assert.Single(parsed.Errors);
        Assert.Equal(2, error.Line);
        Assert.Equal(field, error.Field);
    }

    [Fact]
    public void A_judge_file_with_a_duplicate_key_or_a_lone_surrogate_is_a_line_error_too()
    {
        var parsed = JudgeFile.Read(new StringReader(
            "{\"external_id\":\"a\",\"criterion\":\"tone\",\"score\":3,\"score\":4}\n{\"external_id\":\"b\",\"criterion\":\"tone\",\"score\":3,\"rationale\":\"\\udc00\"}\n"), ExampleFormat.Jsonl);

        Assert.Equal([1, 2], parsed.Errors.Select(e => e.Line));
    }
}

public sealed class JudgeFileLimitTests
{
    [Fact]
    public void Reading_stops_at_the_row_cap_with_one_error()
    {
        var lines = new System.Text.StringBuilder("external_id,criterion,score\n");
        for (var i = 0; i <= ExampleFile.MaxRows + 10; i++)
        {
            lines.Append("e").Append(i).Append(",tone,3\n");
        }

        var parsed = JudgeFile.Read(new StringReader(lines.ToString()), ExampleFormat.Csv);

        Assert.Equal(ExampleFile.MaxRows, parsed.Rows.Count); // nothing is imported while an error stands; memory stops here
        var error = Assert.Single(parsed.Errors);
        Assert.Equal(ExampleFile.MaxRows + 2, error.Line);
        Assert.Contains("split the file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Errors_are_listed_up_to_the_cap_and_over_long_fields_are_refused()
    {
        var bad = string.Concat(Enumerable.Range(0, 500).Select(i => $"{{\"external_id\":\"e{i}\",\"criterion\":\"tone\",\"score\":\"x\"}}\n"));
        var many = JudgeFile.Read(new StringReader(bad), ExampleFormat.Jsonl);
        Assert.Equal(ExampleFile.MaxErrorsListed, many.Errors.Count);

        var longId = JudgeFile.Read(new StringReader($"{{\"external_id\":\"{new string('a', 201)}\",\"criterion\":\"tone\",\"score\":3}}\n"), ExampleFormat.Jsonl);
        Assert.Equal("external_id", Assert.Single(longId.Errors).Field);
    }
}
