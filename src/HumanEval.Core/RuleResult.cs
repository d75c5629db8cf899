namespace HumanEval.Core;

/// <summary>
/// The one way a rule answers "may this happen?": allowed (no problems), or refused with reasons written for the person
/// who asked, which the page shows as they are. Rules in Core return it; services return it (or a record derived from
/// it when they have more to say: an outcome kind the page branches on, a new id, a link), so every screen, the CLI
/// and the tests read a refusal the same way, <c>result.Problems</c>. Exceptions are kept for faults and programming
/// errors, never for a rule saying no.
/// </summary>
public record RuleResult(IReadOnlyList<string> Problems)
{
    /// <summary>Allowed: nothing to report.</summary>
    public static RuleResult Allowed { get; } = new([]);

    /// <summary>Refused for these reasons (an empty list means allowed).</summary>
    public static RuleResult Refused(params IEnumerable<string> problems) => new([.. problems]);

    /// <summary>Both rules' problems, in order: allowed only when both allow.</summary>
    public RuleResult And(RuleResult other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return other.Ok ? this : Ok ? other : new([.. Problems, .. other.Problems]);
    }

    public bool Ok => Problems.Count == 0;

    /// <summary>The problems as one sentence list, for a snackbar, a log line or the CLI.</summary>
    public string Message => string.Join(" ", Problems);
}

/// <summary>A rule's answer that carries what was made when allowed (an id, a version); <see cref="Value"/> is default when refused.</summary>
public sealed record RuleResult<T>(T Value, IReadOnlyList<string> Problems) : RuleResult(Problems)
{
    public static RuleResult<T> Made(T value) => new(value, []);

    public static new RuleResult<T> Refused(params IEnumerable<string> problems) => new(default!, [.. problems]);
}
