namespace HumanEval.Core.Agreement;

public enum Reliability
{
    NotEnoughData,
    Unreliable,
    Tentative,
    Good,
}

/// <summary>Plain-words readings of the coefficients, for people who do not read alphas for a living.</summary>
public static class Reading
{
    /// <summary>Krippendorff's guidance (2004/2011): α ≥ .800 reliable; .667 ≤ α &lt; .800 for tentative conclusions only; below, unreliable.</summary>
    public static Reliability OfAlpha(double? alpha) => alpha switch
    {
        null => Reliability.NotEnoughData,
        >= 0.8 => Reliability.Good,
        >= 0.667 => Reliability.Tentative,
        _ => Reliability.Unreliable,
    };

    public static string Describe(Reliability reliability) => reliability switch
    {
        Reliability.Good => "good: evaluators agree well enough to rely on the scores (α ≥ 0.800)",
        Reliability.Tentative => "tentative: use only for tentative conclusions (0.667 ≤ α < 0.800)",
        Reliability.Unreliable => "unreliable: evaluators disagree too much to trust these scores (α < 0.667); check the rubric anchors and evaluator training",
        _ => "not enough data: needs examples with at least two ratings and some variation",
    };
}
