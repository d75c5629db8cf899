using HumanEval.Core.Agreement;
using HumanEval.Core.Decisions;
using HumanEval.Core.Rubrics;

namespace HumanEval.Core.Quality;

/// <summary>
/// A gold item's accepted answer on one criterion: one or more accepted scores and a tolerance around them (default
/// ±1 on an ordinal criterion, exact on a binary one; subjective items may accept several values).
/// </summary>
public sealed record GoldAnswer(string Criterion, IReadOnlyList<int> Accepted, int Tolerance)
{
    public static int DefaultTolerance(ScaleType scale) => scale == ScaleType.Binary ? 0 : 1;

    public bool Accepts(int score) => Accepted.Any(a => Math.Abs(a - score) <= Tolerance);
}

/// <summary>An evaluator's gold record: answers, correct ones, the accuracy with its Wilson 95% interval, and whether the pause rule stops their claims.</summary>
public sealed record GoldRecord(int Answered, int Correct, double? Accuracy, Interval? Interval, bool Paused);

/// <summary>
/// Gold items: a rating of a gold item is correct when every criterion with an accepted answer is within its tolerance
/// (a criterion left unscored counts as wrong). The pause rule: after at least <see cref="MinAnswers"/> gold answers
/// (default 8), when the Wilson 95% interval's upper bound of the evaluator's accuracy falls below
/// <see cref="Threshold"/> (default 0.7), new claims stop until a lead reviews and unpauses. The upper bound, not the
/// point estimate: an evaluator is paused only when even the most favourable reading of their record is too low
/// (6 of 10 correct has an upper bound of 0.83 and is not paused; 4 of 10 has 0.69 and is).
/// </summary>
public sealed record GoldRules(int MinAnswers = 8, double Threshold = 0.7)
{
    public static GoldRules Default { get; } = new();

    public static bool IsCorrect(IReadOnlyList<GoldAnswer> answers, IReadOnlyDictionary<string, int> scores)
    {
        ArgumentNullException.ThrowIfNull(answers);
        ArgumentNullException.ThrowIfNull(scores);
        return answers.All(a => scores.TryGetValue(a.Criterion, out var s) && a.Accepts(s));
    }

    public GoldRecord Record(int correct, int answered)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(correct);
        ArgumentOutOfRangeException.ThrowIfLessThan(answered, correct);
        var ci = Distributions.Wilson(correct, answered);
        return new GoldRecord(answered, correct, answered == 0 ? null : (double)correct / answered, ci,
            answered >= MinAnswers && ci is { } i && i.High < Threshold);
    }

    /// <summary>The record after each gold answer in order (true = correct): where the rule would first pause.</summary>
    public IReadOnlyList<GoldRecord> Replay(IEnumerable<bool> answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var list = new List<GoldRecord>();
        int n = 0, right = 0;
        foreach (var a in answers)
        {
            n++;
            right += a ? 1 : 0;
            list.Add(Record(right, n));
        }

        return list;
    }
}
