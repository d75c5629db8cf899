using HumanEval.Core.Agreement;
using HumanEval.Web.Components.Shared;

namespace HumanEval.Web.Tests.Components;

public sealed class FormatsTests
{
    [Theory]
    [InlineData(Reliability.NotEnoughData, "not enough data")]
    [InlineData(Reliability.Good, "good")]
    [InlineData(Reliability.Unreliable, "unreliable")]
    public void A_reliability_reading_reads_as_words(Reliability reading, string words) =>
        Assert.Equal(words, Formats.Reading(reading));
}
