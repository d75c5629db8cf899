using HumanEval.Core.Assignment;
using HumanEval.Core.Campaigns;
using HumanEval.Core.Sessions;

namespace HumanEval.Data.Workflow;

/// <summary>A roster row; <paramref name="FairShare"/> is the campaign's fair-share cap (null: none), beside the member's holdings (reserved + submitted).</summary>
public sealed record RosterEntry(string EvaluatorId, string Email, string DisplayName, EvaluatorKind Type, bool Active, int Reserved, int Submitted, int ActiveMinutesThisWeek, EvaluatorStatus Status,
    int Sessions = 0, double HoursThisWeek = 0, double? WeeklyHourLimit = null, int? FairShare = null)
{
    public bool AtFairShare => FairShare is { } cap && Reserved + Submitted >= cap;
}

public sealed record SessionRow(string Email, DateTime StartedAt, DateTime? EndedAt, string? EndReason, int ActiveMinutes, int Items, bool Capped);

public sealed record ApiKeyRow(int Id, string Name, string Prefix, DateTime CreatedAt, DateTime? RevokedAt, DateTime? LastUsedAt);

/// <summary>A campaign as its page shows it: identity, state, the settings (a copy the form may edit) and progress.</summary>
public sealed record CampaignDetail(int Id, string Name, CampaignState State, long Seed, CampaignSettings Settings, string RubricName, int RubricNumber, bool HasRatings, int Examples, int Complete, int Ratings);

