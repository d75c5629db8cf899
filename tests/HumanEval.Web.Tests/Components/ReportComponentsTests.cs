using Bunit;
using HumanEval.Core.Agreement;
using HumanEval.Core.Rubrics;
using HumanEval.Data.Workflow;
using HumanEval.Web.Features.Reports;

namespace HumanEval.Web.Tests.Components;

public sealed class ReportComponentsTests : MudComponentTest
{
    private static CriterionReport Criterion(double judgeExact, Interval ci, JudgeVerdict verdict) => new(
        "accuracy", "Accuracy", ScaleType.Ordinal,
        new CriterionAgreement("accuracy", 40, 3, 120, new AlphaResult(0.6, 0.82, 0.8), null, new PairwiseKappa(0.5, 0.6, 0.7, 3), null,
            new PercentAgreementResult(0.9, 1.0), new JudgeAgreementResult(40, judgeExact, 0.97, 0.8, 0.75),
            new AgreementIntervals(null, new Interval(0.75, 0.88), null, ci, null)),
        0.82, new Interval(0.75, 0.88), Reliability.Good, 3.9,
        [new JudgeCell(4, 4, 30), new JudgeCell(5, 3, 2)], verdict);

    [Theory]
    [InlineData(0.92, 0.87, 0.96, TargetVerdict.Meets, CeilingVerdict.Matches, "matches the human ceiling; meets the 85% target on within one")]
    [InlineData(0.88, 0.80, 0.94, TargetVerdict.Inconclusive, CeilingVerdict.Matches, "matches the human ceiling; the 85% target on within one is inside the interval")]
    [InlineData(0.70, 0.60, 0.80, TargetVerdict.Below, CeilingVerdict.Below, "below the human ceiling; below the 85% target on within one")]
    public void The_judge_verdict_names_the_ceiling_and_the_target(double judge, double low, double high, TargetVerdict vsTarget, CeilingVerdict vsCeiling, string verdict)
    {
        var v = new JudgeVerdict(JudgeMetric.WithinOne, 0.85, 0.05, 40, judge, new Interval(low, high), 0.9, 40, judge - 0.9, new Interval(low - 0.9, high - 0.9), vsTarget, vsCeiling);
        var report = new CampaignAgreement(120, [Criterion(judge, new Interval(low, high), v)], [], "judge-x / p1",
            [new JudgeDisagreement("ex-9", "Accuracy", 5, 3)]);

        var cut = Render<JudgeSection>(p => p.Add(c => c.Report, report));

        var row = cut.Find("[data-testid=judge-agreement] tbody tr");
        Assert.Contains(verdict, row.TextContent);
        Assert.Contains("90%", row.TextContent);
        Assert.Contains("ex-9", cut.Markup);
        Assert.Equal("30", cut.Find("table.confusion td.diag").TextContent);
        Assert.Contains("judge (rows) × human median (columns)", cut.Find("table.confusion caption").TextContent);
    }
}
