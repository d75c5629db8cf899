namespace HumanEval.Data.Entities;

public sealed class Score
{
    public long Id { get; set; }

    public long RatingId { get; set; }

    public string CriterionKey { get; set; } = "";

    public int Value { get; set; }

    public string? Comment { get; set; }
}
