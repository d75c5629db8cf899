namespace HumanEval.Core.Rubrics;

/// <summary>One problem found in a rubric file, located by JSON path and (where known) line.</summary>
public sealed record RubricProblem(string Path, int? Line, string Message)
{
    public override string ToString() => Line is { } line ? $"line {line}, {Path}: {Message}" : $"{Path}: {Message}";
}

/// <summary>A rubric file that cannot be used. The message names the file and every problem found.</summary>
public sealed class RubricException(string fileName, IReadOnlyList<RubricProblem> problems)
    : Exception(Format(fileName, problems))
{
    public string FileName { get; } = fileName;

    public IReadOnlyList<RubricProblem> Problems { get; } = problems;

    private static string Format(string fileName, IReadOnlyList<RubricProblem> problems) =>
        $"Rubric file '{fileName}' is invalid:" + string.Concat(problems.Select(p => Environment.NewLine + "  - " + p));
}
