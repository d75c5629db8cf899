using HumanEval.Core.Agreement;

namespace HumanEval.Core.Tests.Agreement;

public sealed class RatingSetBuilderTests
{
    [Fact]
    public void Ids_from_spans_and_strings_are_the_same_ids_and_duplicates_are_refused_whether_or_not_the_row_repeats_the_last_ids()
    {
        var builder = new RatingSetBuilder();
        var line = "a,r1,tone".AsSpan();
        Assert.True(builder.TryAdd(line[..1], line[2..4], line[5..], 4));
        Assert.False(builder.TryAdd("a", "r1", "tone", 5));          // same ids as the last row
        Assert.True(builder.TryAdd("b", "r1", "tone", 2));
        Assert.True(builder.TryAdd("a", "r2", "tone", 4));           // back to an earlier item: a lookup, not the cache
        Assert.False(builder.TryAdd("a".AsSpan(), "r2".AsSpan(), "tone".AsSpan(), 3));
        Assert.True(builder.TryAdd("b", "r2", "tone", null));        // present but missing
        Assert.True(builder.TryAdd("a", "r1", "accuracy", 3));       // another criterion keeps its own duplicates
        Assert.True(builder.TryAddJudge("b".AsSpan(), "tone".AsSpan(), 2));
        Assert.False(builder.TryAddJudge("b", "tone", 3));

        var built = builder.Build();
        Assert.Equal(["accuracy", "tone"], built.Select(c => c.Criterion));
        var tone = built[1];
        Assert.Equal(["a", "b"], tone.Table.ItemIds);
        Assert.Equal(2, tone.Table.RaterCount);
        Assert.Equal(3, tone.Table.RatingCount);
        Assert.Equal([null, 2.0], tone.Judge!);
    }

    [Fact]
    public void More_criteria_than_the_short_list_still_resolve_to_one_entry_each()
    {
        var builder = new RatingSetBuilder();
        for (var round = 0; round < 2; round++)
        {
            for (var c = 0; c < 40; c++)
            {
                Assert.True(builder.TryAdd($"item{round}", "r1", $"c{c:D2}", c % 5));
            }
        }

        Assert.Equal(40, builder.Build().Count);
        Assert.All(builder.Build(), c => Assert.Equal(2, c.Table.RatingCount));
    }
}
