using HumanEval.Core.Agreement;
using HumanEval.Core.Assignment;
using HumanEval.Core.Operations;
using HumanEval.Core.Sessions;

namespace HumanEval.Core;

/// <summary>The words pages, the CLI and the workbook use for Core's states: one place, so Excel never says "WithinBudget".</summary>
public static class Words
{
    public static string Of(Reliability reading) => reading switch
    {
        Reliability.Good => "good",
        Reliability.Tentative => "tentative",
        Reliability.Unreliable => "unreliable",
        _ => "not enough data",
    };

    public static string Of(BudgetState state) => state switch
    {
        BudgetState.WithinBudget => "within budget",
        BudgetState.Warning => "over 80% of the budget",
        BudgetState.Exhausted => "budget reached: claims stopped",
        _ => "no budget set",
    };

    public static string Of(TurnaroundStatus status) => status switch
    {
        TurnaroundStatus.OnTime => "on time",
        TurnaroundStatus.Late => "late",
        TurnaroundStatus.OnTrack => "on track",
        TurnaroundStatus.AtRisk => "at risk",
        _ => "breached",
    };

    public static string Of(Sessions.EvaluatorStatus status) => status switch
    {
        Sessions.EvaluatorStatus.RatingNow => "rating now",
        Sessions.EvaluatorStatus.Capped => "capped",
        Sessions.EvaluatorStatus.OnBreak => "on break",
        Sessions.EvaluatorStatus.WeeklyLimit => "weekly limit reached",
        Sessions.EvaluatorStatus.Inactive => "inactive",
        _ => "idle",
    };

    public static string Of(Quality.Provenance provenance) => provenance switch
    {
        Quality.Provenance.Unanimous => "unanimous",
        Quality.Provenance.Majority => "majority",
        Quality.Provenance.Adjudicated => "adjudicated",
        _ => "unresolved",
    };

    public static string Of(Quality.ReviewReason reason) => reason switch
    {
        Quality.ReviewReason.Spread => "spread",
        Quality.ReviewReason.Split => "split",
        Quality.ReviewReason.Flagged => "flagged",
        _ => "judge disagrees",
    };

    public static string Of(Quality.DisagreementCategory category) => category switch
    {
        Quality.DisagreementCategory.AmbiguousExample => "ambiguous example",
        Quality.DisagreementCategory.GuidelineGap => "guideline gap",
        Quality.DisagreementCategory.EvaluatorError => "evaluator error",
        Quality.DisagreementCategory.EdgeCase => "edge case",
        _ => "subjective",
    };

    public static string Of(Assignment.EvaluatorKind kind) => kind == Assignment.EvaluatorKind.DomainExpert ? "domain expert" : "representative user";

    public static string Of(Agreement.TargetVerdict verdict) => verdict switch
    {
        Agreement.TargetVerdict.Meets => "meets",
        Agreement.TargetVerdict.Below => "below",
        Agreement.TargetVerdict.Inconclusive => "inconclusive",
        _ => "not enough data",
    };
}
