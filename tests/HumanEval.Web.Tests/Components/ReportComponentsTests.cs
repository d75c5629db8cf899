using Bunit;
using HumanEval.Core.Agreement;
using HumanEval.Core.Rubrics;
using HumanEval.Data.Workflow;
using HumanEval.Web.Features.Reports;

namespace HumanEval.Web.Tests.Components;

public sealed class ReportComponentsTests : MudComponentTest
{
    private static CriterionReport Criterion(double judgeExact, Interval ci) => new(
        "accuracy", "Accuracy", ScaleType.Ordinal,
        new CriterionAgreement("accuracy", 40, 3, 120, new AlphaResult(0.6, 0.82, 0.8), null, new PairwiseKappa(0.5, 0.6, 0.7, 3), null,
            new PercentAgreementResult(0.9, 1.0), new JudgeAgreementResult(40, judgeExact, 0.97, 0.8, 0.75),
            new AgreementIntervals(null, new Interval(0.75, 0.88), null, ci, null)),
        0.82, new Interval(0.75, 0.88), Reliability.Good, 3.9,
        [new JudgeCell(4, 4, 30), new JudgeCell(5, 3, 2)]);

    [Theory]
    [InlineData(0.92, 0.87, 0.96, "pass (whole CI above target)")]
    [InlineData(0.88, 0.80, 0.94, "pass (CI includes target)")]
    [InlineData(0.70, 0.60, 0.80, "fail (whole CI below target)")]
    public void The_judge_verdict_against_85_percent_reads_the_confidence_interval(double exact, double low, double high, string verdict)
    {
        var report = new CampaignAgreement(120, [Criterion(exact, new Interval(low, high))], [], "judge-x / p1",
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
