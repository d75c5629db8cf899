using System.Globalization;
using System.Text.Json;
using HumanEval.Core.Agreement;
using HumanEval.Core.Decisions;

namespace HumanEval.Cli;

/// <summary>
/// The JSON of <c>humaneval compare</c>: the version comparison's document, and the pieces the pairwise document
/// shares with it (the decision and plan blocks, numbers rounded to 6 places, intervals as [low, high]).
/// </summary>
internal static class ComparisonJson
{
    /// <summary>The version comparison as one JSON document.</summary>
    public static string Write(ComparisonReport report, string by, bool hasPairs, bool hasTimes) => Document(w =>
        {
            w.WriteStartObject();
            w.WriteString("by", by);
            w.WriteString("baseline", report.Baseline);
            w.WriteString("candidate", report.Candidate);
            w.WriteString("design", report.Design == Design.Paired ? "paired" : "unpaired");
            w.WriteNumber("pairs", report.Pairs);
            w.WriteNumber("left_out", report.LeftOut);
            w.WriteBoolean("pair_column", hasPairs);
            w.WriteNumber("draws", report.Draws);
            w.WriteNumber("seed", report.Seed);
            DecisionAndPlan(w, report.Decision, report.Plan, TimeRule(report.Decision, hasTimes));
            w.WritePropertyName("overall");
            Criterion(w, report.Overall);
            w.WriteStartArray("criteria");
            foreach (var c in report.Criteria)
            {
                Criterion(w, c);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });

    /// <summary>One indented JSON document (non-ASCII text kept readable), written by <paramref name="write"/>.</summary>
    public static string Document(Action<Utf8JsonWriter> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            write(w);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Criterion(Utf8JsonWriter w, CriterionComparison c)
    {
        w.WriteStartObject();
        w.WriteString("criterion", c.Key);
        w.WriteString("label", c.Label);
        w.WriteBoolean("binary", c.Binary);
        Version(w, "baseline", c.Baseline);
        Version(w, "candidate", c.Candidate);
        Diff(w, "", c.Raw);
        Diff(w, "adjusted_", c.Adjusted);
        if (c.Failures is { } f)
        {
            w.WriteStartObject("failures");
            w.WriteNumber("baseline_failed", f.BaselineFailures);
            w.WriteNumber("baseline_examples", f.BaselineExamples);
            Number(w, "baseline_rate", f.BaselineRate);
            Range(w, "baseline_ci", f.BaselineInterval);
            w.WriteNumber("candidate_failed", f.CandidateFailures);
            w.WriteNumber("candidate_examples", f.CandidateExamples);
            Number(w, "candidate_rate", f.CandidateRate);
            Range(w, "candidate_ci", f.CandidateInterval);
            w.WriteNumber("p_candidate_worse", Math.Round(f.PCandidateWorse, 6));
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    private static void Version(Utf8JsonWriter w, string name, VersionSummary v)
    {
        w.WriteStartObject(name);
        w.WriteString("version", v.Version);
        w.WriteNumber("examples", v.Examples);
        w.WriteNumber("ratings", v.Ratings);
        Number(w, "mean", v.Mean);
        Number(w, "sd", v.Sd);
        Range(w, "ci", v.Interval);
        w.WriteEndObject();
    }

    internal static void Diff(Utf8JsonWriter w, string prefix, Difference? d)
    {
        Number(w, prefix + "delta", d?.Delta);
        Range(w, prefix + "ci", d?.Interval);
        Number(w, prefix + "p_better", d?.PBetter);
        Number(w, prefix + "expected_loss", d?.ExpectedLoss);
    }

    /// <summary>Comparison figures are rounded to 6 places.</summary>
    internal static void Number(Utf8JsonWriter w, string name, double? value) => JsonFields.Number(w, name, value, 6);

    internal static void Range(Utf8JsonWriter w, string name, Interval? ci) => JsonFields.Range(w, name, ci, 6);

    /// <summary>The decision and plan blocks, the same in both kinds of comparison.</summary>
    internal static void DecisionAndPlan(Utf8JsonWriter w, Decision decision, Plan plan, string timeRule)
    {
        w.WriteStartObject("decision");
        w.WriteString("kind", Kind(decision.Kind));
        w.WriteString("headline", decision.Headline);
        w.WriteStartArray("missing");
        foreach (var m in decision.Missing)
        {
            w.WriteStringValue(m);
        }

        w.WriteEndArray();
        w.WriteString("time_rule", timeRule);
        if (decision.ReadyAt is { } ready)
        {
            w.WriteString("ready_at", ready.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
        }
        else
        {
            w.WriteNull("ready_at");
        }

        w.WriteEndObject();
        w.WriteStartObject("plan");
        w.WriteNumber("sd", Math.Round(plan.Sd, 4));
        w.WriteBoolean("sd_observed", plan.SdObserved);
        w.WriteNumber("min_effect", plan.Effect);
        w.WriteNumber("planned_per_version", plan.PerVersion);
        w.WriteNumber("have_per_version", plan.Have);
        w.WriteNumber("more_per_version", plan.MorePerVersion);
        w.WriteNumber("ratings_per_example", Math.Round(plan.RatingsPerExample, 3));
        w.WriteEndObject();
    }

    /// <summary>The time rule as the decision states it; "not checked (no rated_at column)" when the file had no times to check.</summary>
    internal static string TimeRule(Decision decision, bool hasTimes) =>
        !hasTimes && decision.TimeRule.Contains("not checked", StringComparison.Ordinal) ? "not checked (no rated_at column)" : decision.TimeRule;

    internal static string Kind(DecisionKind kind) => kind switch
    {
        DecisionKind.Ship => "ship",
        DecisionKind.KeepBaseline => "keep_baseline",
        DecisionKind.Equivalent => "equivalent",
        DecisionKind.DoNotPromote => "do_not_promote",
        _ => "not_yet",
    };
}
