using System.Text.Json;
using HumanEval.Core.Pairwise;

namespace HumanEval.Cli;

/// <summary>The JSON document of <c>humaneval compare --pairwise</c>: the decision and plan as for versions, then per criterion the pairwise figures.</summary>
internal static class PairwiseJson
{
    public static string Write(PairwiseReport report, IReadOnlyDictionary<string, PairwiseJudgeAgreement>? judge = null) => ComparisonJson.Document(w =>
        {
            w.WriteStartObject();
            w.WriteString("baseline", report.Baseline);
            w.WriteString("candidate", report.Candidate);
            w.WriteString("design", "pairwise");
            w.WriteNumber("draws", report.Draws);
            w.WriteNumber("seed", report.Seed);
            ComparisonJson.DecisionAndPlan(w, report.Decision, report.Plan, ComparisonJson.TimeRule(report.Decision, report.CandidateFirstRating is not null));
            w.WriteStartObject("position_bias");
            Bias(w, report.Position);
            w.WriteStartObject("by_evaluator");
            foreach (var (evaluator, bias) in report.PositionByEvaluator)
            {
                w.WriteStartObject(evaluator);
                Bias(w, bias);
                w.WriteEndObject();
            }

            w.WriteEndObject();
            w.WriteEndObject();
            w.WritePropertyName("overall");
            Result(w, report.Overall);
            w.WriteStartArray("criteria");
            foreach (var c in report.Criteria)
            {
                Result(w, c);
            }

            w.WriteEndArray();
            if (judge is not null)
            {
                w.WriteStartObject("judge");
                foreach (var (criterion, j) in judge)
                {
                    w.WriteStartObject(criterion);
                    w.WriteNumber("examples", j.Examples);
                    ComparisonJson.Number(w, "with_ties", j.WithTies);
                    w.WriteNumber("non_tie_examples", j.NonTieExamples);
                    ComparisonJson.Number(w, "without_ties", j.WithoutTies);
                    ComparisonJson.Number(w, "human_with_ties", j.HumanWithTies);
                    ComparisonJson.Number(w, "human_without_ties", j.HumanWithoutTies);
                    w.WriteNumber("rater_pairs", j.RaterPairs);
                    w.WriteEndObject();
                }

                w.WriteEndObject();
            }

            w.WriteEndObject();
        });

    private static void Result(Utf8JsonWriter w, PairwiseResult r)
    {
        w.WriteStartObject();
        w.WriteString("criterion", r.Key);
        w.WriteNumber("examples", r.Examples);
        w.WriteNumber("ratings", r.Ratings);
        w.WriteNumber("wins", r.Pooled.Wins);
        w.WriteNumber("losses", r.Pooled.Losses);
        w.WriteNumber("ties", r.Pooled.Ties);
        w.WriteNumber("both_unacceptable", r.BothUnacceptable);
        ComparisonJson.Number(w, "win_rate", r.WinRate);
        ComparisonJson.Range(w, "win_rate_ci", r.WinRateInterval);
        w.WriteNumber("p_better", Math.Round(r.PBetter, 6));
        w.WriteNumber("expected_loss_win_rate", Math.Round(r.ExpectedLoss, 6));
        w.WriteStartObject("pooled");
        ComparisonJson.Number(w, "win_rate", r.Pooled.Rate);
        w.WriteNumber("p_better", Math.Round(r.Pooled.PBetter, 6));
        ComparisonJson.Range(w, "ci", r.Pooled.Interval);
        w.WriteEndObject();
        w.WriteStartObject("preference");
        ComparisonJson.Diff(w, "", r.Preference);
        w.WriteEndObject();
        ComparisonJson.Number(w, "krippendorff_alpha_ordinal", r.Alpha);
        w.WriteEndObject();
    }

    private static void Bias(Utf8JsonWriter w, PositionBias b)
    {
        w.WriteNumber("left", b.Left);
        w.WriteNumber("right", b.Right);
        ComparisonJson.Number(w, "left_share", b.LeftShare);
        ComparisonJson.Range(w, "ci", b.Interval);
        w.WriteBoolean("flagged", b.Flagged);
    }
}
