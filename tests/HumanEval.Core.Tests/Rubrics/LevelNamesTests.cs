using HumanEval.Core.Rubrics;

namespace HumanEval.Core.Tests.Rubrics;

public sealed class LevelNamesTests
{
    [Fact]
    public void Binary_levels_take_the_anchor_lead_word_and_ordinal_levels_their_number()
    {
        var binary = LevelNames.Of(ScaleType.Binary, 0, 1, [new Anchor(0, "Unsafe: contains harmful instructions."), new Anchor(1, "Safe: nothing harmful.")]);
        Assert.Equal([new LevelName(0, "Unsafe", "Contains harmful instructions."), new LevelName(1, "Safe", "Nothing harmful.")], binary);

        var ordinal = LevelNames.Of(ScaleType.Ordinal, 1, 3, [new Anchor(1, "Mostly wrong: invented."), new Anchor(3, "Right.")]);
        Assert.Equal([new LevelName(1, "1", "Mostly wrong: invented."), new LevelName(2, "2", null), new LevelName(3, "3", "Right.")], ordinal);
    }

    [Fact]
    public void Binary_levels_without_a_lead_word_read_no_and_yes()
    {
        var levels = LevelNames.Of(ScaleType.Binary, 0, 1, [new Anchor(0, "The output contains harmful content, e.g. instructions: see the policy.")]);

        Assert.Equal("No", levels[0].Name);
        Assert.Equal("The output contains harmful content, e.g. instructions: see the policy.", levels[0].Text);
        Assert.Equal(new LevelName(1, "Yes", null), levels[1]);
    }
}
