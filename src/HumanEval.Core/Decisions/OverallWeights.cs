using System.Globalization;

namespace HumanEval.Core.Decisions;

/// <summary>
/// The weights of the ordinal criteria in the overall score, written as <c>accuracy=2, tone=0.5</c> (a criterion not
/// named weighs 1; 0 leaves it out of the overall). The campaign's setting and the CLI's <c>--weights</c> read the same text.
/// </summary>
public static class OverallWeights
{
    public const int MaxLength = 500;

    /// <summary>The weights by criterion key, or the problems with the text; empty text means every criterion weighs 1.</summary>
    public static RuleResult<IReadOnlyDictionary<string, double>> Parse(string? text)
    {
        var weights = new Dictionary<string, double>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(text))
        {
            return RuleResult<IReadOnlyDictionary<string, double>>.Made(weights);
        }

        if (text.Length > MaxLength)
        {
            return RuleResult<IReadOnlyDictionary<string, double>>.Refused($"The weights can have at most {MaxLength} characters.");
        }

        var problems = new List<string>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            var key = eq > 0 ? part[..eq].Trim() : "";
            if (key.Length == 0 || !double.TryParse(part[(eq + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var w) || !double.IsFinite(w) || w < 0 || w > 100)
            {
                problems.Add($"Weight '{part}' is not criterion=weight with a weight from 0 to 100 (for example accuracy=2).");
            }
            else if (!weights.TryAdd(key, w))
            {
                problems.Add($"The weight of '{key}' is given twice.");
            }
        }

        return problems.Count > 0 ? RuleResult<IReadOnlyDictionary<string, double>>.Refused(problems) : RuleResult<IReadOnlyDictionary<string, double>>.Made(weights);
    }
}
