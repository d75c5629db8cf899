using HumanEval.Core.Rubrics;

namespace HumanEval.Core.Tests.Rubrics;

public sealed class RubricParserTests
{
    private const string Minimal = """
        {
          "name": "Tiny",
          "criteria": [
            { "key": "accuracy", "label": "Accuracy", "scale": "ordinal", "min": 1, "max": 3,
              "anchors": { "1": "wrong", "2": "partly", "3": "right" } },
            { "key": "safety", "label": "Safety", "scale": "binary", "required": false,
              "anchors": { "0": "unsafe", "1": "safe" } }
          ]
        }
        """;

    private static RubricException Invalid(string json, string key = "tiny") =>
        Assert.Throws<RubricException>(() => RubricParser.Parse(key, "rubrics/tiny.json", json));

    [Fact]
    public async Task The_shipped_default_rubric_has_the_five_criteria_with_anchors_for_every_level()
    {
        var files = await RubricDirectory.LoadAsync(Path.Combine(AppContext.BaseDirectory, "rubrics"));

        var rubric = Assert.Single(files, f => f.Rubric.Key == "default").Rubric;
        Assert.Equal(["accuracy", "helpfulness", "tone", "completeness", "safety"], rubric.Criteria.Select(c => c.Key));
        foreach (var c in rubric.Criteria.Take(4))
        {
            Assert.Equal((ScaleType.Ordinal, 1, 5), (c.Scale, c.Min, c.Max));
            Assert.Equal([1, 2, 3, 4, 5], c.Anchors.Select(a => a.Level));
        }

        var safety = rubric.Find("safety")!;
        Assert.Equal((ScaleType.Binary, 0, 1), (safety.Scale, safety.Min, safety.Max));
        Assert.StartsWith("Unsafe", safety.AnchorFor(0));
        Assert.StartsWith("Safe", safety.AnchorFor(1));
        Assert.All(rubric.Criteria, c => Assert.True(c.Required));
        Assert.False(string.IsNullOrWhiteSpace(rubric.Guidelines));
    }

    [Fact]
    public void A_good_file_parses_with_scales_required_flags_and_sorted_anchors()
    {
        var rubric = RubricParser.Parse("tiny", "tiny.json", Minimal);

        Assert.Equal("Tiny", rubric.Name);
        var accuracy = rubric.Criteria[0];
        Assert.Equal([1, 2, 3], accuracy.Levels);
        Assert.True(accuracy.Required);
        Assert.Equal("partly", accuracy.AnchorFor(2));
        Assert.True(accuracy.Accepts(3));
        Assert.False(accuracy.Accepts(4));
        Assert.False(rubric.Criteria[1].Required);
        Assert.Equal(64, rubric.ContentHash.Length);
    }

    [Fact]
    public void The_version_hash_changes_with_content_but_not_with_line_endings()
    {
        var lf = RubricParser.Parse("tiny", "tiny.json", Minimal).ContentHash;
        var crlf = RubricParser.Parse("tiny", "tiny.json", Minimal.Replace("\n", "\r\n")).ContentHash;
        var edited = RubricParser.Parse("tiny", "tiny.json", Minimal.Replace("\"partly\"", "\"half right\"")).ContentHash;

        Assert.Equal(lf, crlf);
        Assert.NotEqual(lf, edited);
    }

    [Fact]
    public void Broken_json_names_the_file_and_the_line()
    {
        var ex = Invalid("{\n  \"name\": \"x\",\n  \"criteria\": [\n    { \"key\": \"a\" \n  ]\n}");

        Assert.Contains("rubrics/tiny.json", ex.Message);
        var problem = Assert.Single(ex.Problems);
        Assert.Contains("not valid JSON", problem.Message);
        Assert.NotNull(problem.Line);
        Assert.InRange(problem.Line!.Value, 4, 5);
    }

    [Fact]
    public void A_missing_name_and_missing_criteria_are_both_reported()
    {
        var ex = Invalid("{ \"description\": \"no name\" }");

        Assert.Contains(ex.Problems, p => p.Message.Contains("\"name\" is missing"));
        Assert.Contains(ex.Problems, p => p.Path == "criteria" && p.Message.Contains("missing"));
    }

    [Fact]
    public void An_unknown_scale_is_named_with_its_line_and_path()
    {
        var json = Minimal.Replace("\"scale\": \"ordinal\"", "\"scale\": \"likert\"");

        var problem = Assert.Single(Invalid(json).Problems);

        Assert.Equal("criteria[0].scale", problem.Path);
        Assert.Equal(4, problem.Line);
        Assert.Contains("unknown scale 'likert'", problem.Message);
    }

    [Fact]
    public void An_anchor_outside_the_scale_is_rejected()
    {
        var json = Minimal.Replace("\"3\": \"right\"", "\"3\": \"right\", \"7\": \"beyond\"");

        var problem = Assert.Single(Invalid(json).Problems);

        Assert.Equal("criteria[0].anchors.7", problem.Path);
        Assert.Contains("outside the scale 1..3", problem.Message);
    }

    [Fact]
    public void Duplicate_criterion_keys_are_rejected()
    {
        var json = Minimal.Replace("\"key\": \"safety\"", "\"key\": \"accuracy\"");

        var problem = Assert.Single(Invalid(json).Problems);

        Assert.Equal("criteria[1].key", problem.Path);
        Assert.Contains("duplicate criterion key 'accuracy'", problem.Message);
    }

    [Fact]
    public void A_misspelled_field_is_not_silently_ignored()
    {
        var json = Minimal.Replace("\"required\": false", "\"requried\": false");

        var problem = Assert.Single(Invalid(json).Problems);

        Assert.Equal("criteria[1].requried", problem.Path);
        Assert.Contains("unknown field 'requried'", problem.Message);
    }

    [Theory]
    [InlineData("\"min\": 1, \"max\": 3", "\"min\": 3, \"max\": 3", "criteria[0].max", "greater than min")]
    [InlineData("\"min\": 1, \"max\": 3", "\"max\": 3", "criteria[0].min", "needs integer \"min\" and \"max\"")]
    [InlineData("\"min\": 1, \"max\": 3", "\"min\": 1, \"max\": 30", "criteria[0].max", "at most 11 levels")]
    [InlineData("\"min\": 1, \"max\": 3", "\"min\": 1.5, \"max\": 3", "criteria[0].min", "whole number")]
    [InlineData("\"scale\": \"binary\",", "\"scale\": \"binary\", \"max\": 5,", "criteria[1].scale", "always 0..1")]
    [InlineData("\"required\": false", "\"required\": \"no\"", "criteria[1].required", "true or false")]
    [InlineData("\"key\": \"safety\"", "\"key\": \"Safety Score\"", "criteria[1].key", "lower-case")]
    [InlineData("\"label\": \"Safety\",", "", "criteria[1]", "\"label\" is missing")]
    [InlineData("\"0\": \"unsafe\"", "\"0\": \"\"", "criteria[1].anchors.0", "non-empty sentence")]
    public void Each_kind_of_bad_criterion_gets_its_own_message(string find, string replace, string path, string message)
    {
        var json = Minimal.Replace(find, replace);
        Assert.NotEqual(Minimal, json);

        var ex = Invalid(json);

        Assert.Contains(ex.Problems, p => p.Path == path && p.Message.Contains(message));
    }

    [Fact]
    public void An_empty_criteria_list_is_rejected()
    {
        var problem = Assert.Single(Invalid("{ \"name\": \"x\", \"criteria\": [] }").Problems);

        Assert.Equal("criteria", problem.Path);
        Assert.Contains("at least one criterion", problem.Message);
    }

    [Fact]
    public void A_file_name_that_cannot_be_a_key_is_rejected()
    {
        var ex = Invalid(Minimal, key: "My Rubric");

        Assert.Contains(ex.Problems, p => p.Message.Contains("rubric key 'My Rubric'"));
    }

    [Fact]
    public async Task A_folder_with_one_broken_file_fails_naming_that_file()
    {
        var dir = Directory.CreateTempSubdirectory("rubrics-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(dir.FullName, "good.json"), Minimal);
            await File.WriteAllTextAsync(Path.Combine(dir.FullName, "broken.json"), Minimal.Replace("\"max\": 3", "\"max\": \"three\""));

            var ex = await Assert.ThrowsAsync<RubricException>(() => RubricDirectory.LoadAsync(dir.FullName));

            Assert.EndsWith("broken.json", ex.FileName);
            Assert.Contains("criteria[0].max", ex.Message);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
