namespace HumanEval.Data.Entities;

/// <summary>An LLM judge's score for one (example, criterion), with the judge model and prompt version that produced it.</summary>
public sealed class JudgeScore
{
    public long Id { get; set; }

    public int CampaignId { get; set; }

    public long ExampleId { get; set; }

    public string CriterionKey { get; set; } = "";

    public double Score { get; set; }

    public string JudgeModel { get; set; } = "";

    public string JudgePromptVersion { get; set; } = "";

    public string? Rationale { get; set; }

    public DateTime ImportedAt { get; set; }
}
