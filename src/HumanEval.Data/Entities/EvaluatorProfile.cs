namespace HumanEval.Data.Entities;

public enum EvaluatorType
{
    DomainExpert,
    RepresentativeUser,
}

/// <summary>What the product knows about a person who rates: who they are to a roster, and whether they are active.</summary>
public sealed class EvaluatorProfile
{
    public string UserId { get; set; } = "";

    public ApplicationUser User { get; set; } = null!;

    public EvaluatorType Type { get; set; }

    /// <summary>Expertise tags, e.g. "billing", "medical"; kept normalised (trimmed, lower-case, distinct).</summary>
    public List<string> Tags { get; set; } = [];

    public bool Active { get; set; } = true;

    public DateTime CreatedAt { get; set; }
}
