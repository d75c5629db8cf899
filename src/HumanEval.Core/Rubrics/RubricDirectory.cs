namespace HumanEval.Core.Rubrics;

/// <summary>A rubric as read from its file, with the exact content (kept with the version for display and audit).</summary>
public sealed record RubricFile(string Path, string Content, Rubric Rubric);

/// <summary>Loads every <c>*.json</c> rubric in a folder; the file name (without extension) is the rubric key.</summary>
public static class RubricDirectory
{
    /// <exception cref="RubricException">A file is invalid (the first invalid file, with all its problems).</exception>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    public static async Task<IReadOnlyList<RubricFile>> LoadAsync(string directory, CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"Rubric folder '{Path.GetFullPath(directory)}' does not exist.");
        }

        var rubrics = new List<RubricFile>();
        foreach (var file in Directory.EnumerateFiles(directory, "*.json").Order(StringComparer.Ordinal))
        {
            var content = await File.ReadAllTextAsync(file, cancellationToken);
            rubrics.Add(new RubricFile(file, content, RubricParser.Parse(Path.GetFileNameWithoutExtension(file), file, content)));
        }

        return rubrics;
    }
}
