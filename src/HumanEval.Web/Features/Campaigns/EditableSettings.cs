using HumanEval.Data.Entities;
using HumanEval.Data.Workflow;

namespace HumanEval.Web.Features.Campaigns;

/// <summary>Mutable form state for <see cref="CampaignSettings"/>.</summary>
public sealed record EditableSettings
{
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    public int RubricVersionId { get; set; }
    public int K { get; set; } = 3;
    public int MinExperts { get; set; } = 1;
    public Cadence Cadence { get; set; } = Cadence.Weekly;
    public DateTime? DueAt { get; set; }
    public int TurnaroundTargetHours { get; set; } = 72;
    public int SessionCapMinutes { get; set; } = 120;
    public int BreakMinutes { get; set; } = 30;
    public int ReservationTimeoutMinutes { get; set; } = 20;
    public decimal? Budget { get; set; }

    public CampaignSettings ToSettings() => new()
    {
        Name = Name, Description = Description, RubricVersionId = RubricVersionId, K = K, MinExperts = MinExperts, Cadence = Cadence,
        DueAt = DueAt is { } d ? DateTime.SpecifyKind(d.Date, DateTimeKind.Utc) : null, TurnaroundTargetHours = TurnaroundTargetHours,
        SessionCapMinutes = SessionCapMinutes, BreakMinutes = BreakMinutes, ReservationTimeoutMinutes = ReservationTimeoutMinutes, Budget = Budget,
    };

    public static EditableSettings From(CampaignSettings s) => new()
    {
        Name = s.Name, Description = s.Description, RubricVersionId = s.RubricVersionId, K = s.K, MinExperts = s.MinExperts, Cadence = s.Cadence,
        DueAt = s.DueAt, TurnaroundTargetHours = s.TurnaroundTargetHours, SessionCapMinutes = s.SessionCapMinutes, BreakMinutes = s.BreakMinutes,
        ReservationTimeoutMinutes = s.ReservationTimeoutMinutes, Budget = s.Budget,
    };
}
