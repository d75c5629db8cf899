namespace HumanEval.Core.Rubrics;

/// <summary>Where a rubric file's problems are collected, each with its JSON path and the line it is on.</summary>
internal sealed class RubricReadContext(List<RubricProblem> problems, Dictionary<string, int> lines)
{
    public void Add(string path, string message) =>
        problems.Add(new RubricProblem(path.Length == 0 ? "(root)" : path, lines.TryGetValue(path, out var l) ? l : null, message));

    public bool HasProblems => problems.Count > 0;
}
