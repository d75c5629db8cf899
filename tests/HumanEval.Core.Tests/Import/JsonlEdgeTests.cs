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
