namespace HumanEval.Core.Tests;

public sealed class RuleResultTests
{
    [Fact]
    public void Allowed_has_no_problems_and_a_refusal_keeps_its_reasons_in_order()
    {
        Assert.True(RuleResult.Allowed.Ok);
        Assert.Equal("", RuleResult.Allowed.Message);
        Assert.True(RuleResult.Refused([]).Ok); // no reasons given: nothing refused

        var refused = RuleResult.Refused("Give the campaign a name.", "The budget cannot be negative.");
        Assert.False(refused.Ok);
        Assert.Equal(["Give the campaign a name.", "The budget cannot be negative."], refused.Problems);
        Assert.Equal("Give the campaign a name. The budget cannot be negative.", refused.Message);
    }

    [Fact]
    public void And_allows_only_when_both_allow_and_lists_the_first_rules_problems_first()
    {
        var a = RuleResult.Refused("a");
        var b = RuleResult.Refused("b", "c");
        Assert.Same(a, a.And(RuleResult.Allowed));
        Assert.Same(b, RuleResult.Allowed.And(b));
        Assert.True(RuleResult.Allowed.And(RuleResult.Allowed).Ok);
        Assert.Equal(["a", "b", "c"], a.And(b).Problems);
    }

    [Fact]
    public void A_result_with_a_value_carries_it_only_when_made()
    {
        var made = RuleResult<int>.Made(42);
        Assert.True(made.Ok);
        Assert.Equal(42, made.Value);

        var refused = RuleResult<int>.Refused("Import examples before opening the campaign.");
        Assert.False(refused.Ok);
        Assert.Equal(0, refused.Value);
        Assert.Equal("Import examples before opening the campaign.", refused.Message);
    }
}
