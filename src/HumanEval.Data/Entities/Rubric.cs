namespace HumanEval.Data.Entities;

/// <summary>A rubric file in <c>rubrics/</c>, identified by its key (the file name). Its content lives in versions.</summary>
public sealed class Rubric
{
    public int Id { get; set; }

    public string Key { get; set; } = "";

    /// <summary>False when the file is no longer in the rubric folder; its versions stay for the ratings that used them.</summary>
    public bool Active { get; set; } = true;

    public List<RubricVersion> Versions { get; set; } = [];
}

/// <summary>One content of a rubric file. Ratings point at the version they were made under; versions are never rewritten.</summary>
public sealed class RubricVersion
{
    public int Id { get; set; }

    public int RubricId { get; set; }

    public Rubric Rubric { get; set; } = null!;

    /// <summary>1, 2, 3… in the order the contents were first loaded.</summary>
    public int Number { get; set; }

    /// <summary>SHA-256 (hex) of the normalised file content.</summary>
    public string ContentHash { get; set; } = "";

    public string Name { get; set; } = "";

    public string? Description { get; set; }

    public string? Guidelines { get; set; }

    /// <summary>The file as it was loaded, so the version can be shown or re-parsed exactly.</summary>
    public string Content { get; set; } = "";

    /// <summary>True for the version that matches the file now on disk.</summary>
    public bool IsCurrent { get; set; }

    public DateTime LoadedAt { get; set; }

    public List<Criterion> Criteria { get; set; } = [];

    /// <summary>Short form of the hash for display.</summary>
    public string ShortHash => ContentHash.Length > 12 ? ContentHash[..12] : ContentHash;
}

/// <summary>One scored dimension of a rubric version.</summary>
public sealed class Criterion
{
    public int Id { get; set; }

    public int RubricVersionId { get; set; }

    public RubricVersion RubricVersion { get; set; } = null!;

    public int Position { get; set; }

    public string Key { get; set; } = "";

    public string Label { get; set; } = "";

    public string? Description { get; set; }

    public Core.Rubrics.ScaleType Scale { get; set; }

    public int Min { get; set; }

    public int Max { get; set; }

    public bool Required { get; set; }

    public List<CriterionAnchor> Anchors { get; set; } = [];
}

public sealed class CriterionAnchor
{
    public int Level { get; set; }

    public string Text { get; set; } = "";
}
