using HumanEval.Core.Agreement;

namespace HumanEval.Core.Tests.Agreement;

public sealed class EvaluatorAgreementTests
{
    [Fact]
    public void A_lenient_rater_shows_a_positive_offset_against_the_others()
    {
        // Rater 2 always scores one point above raters 0 and 1, who agree.
        var table = Tables.FromRaterRows([2, 3, 1, 4], [2, 3, 1, 4], [3, 4, 2, 5]);

        var stats = EvaluatorAgreement.Compute(table);

        Assert.Equal(3, stats.Count);
        var lenient = stats.Single(s => s.Rater == 2);
        Assert.Equal(4, lenient.Items);
        Assert.Equal(1.0, lenient.MeanOffset);
        Assert.Equal(0.0, lenient.Exact);
        Assert.Equal(1.0, lenient.WithinOne);
        // Rater 0 against (rater 1, rater 2): median 2.5 on item 1 → not exact, within one; mean offset −0.5.
        var steady = stats.Single(s => s.Rater == 0);
        Assert.Equal(-0.5, steady.MeanOffset);
        Assert.Equal(0.0, steady.Exact);
    }

    [Fact]
    public void Examples_nobody_else_rated_do_not_count()
    {
        var table = Tables.FromRaterRows([1, 5], [1, null]);

        var stats = EvaluatorAgreement.Compute(table);

        Assert.Equal(1, stats.Single(s => s.Rater == 0).Items);
        Assert.Equal(1.0, stats.Single(s => s.Rater == 0).Exact);
    }

    [Fact]
    public void Drift_is_the_offset_slope_per_hour()
    {
        // Offset grows by 0.5 every 30 minutes → +1 per hour.
        (double, double)[] points = [(0, 0), (30, 0.5), (60, 1), (90, 1.5)];

        Assert.Equal(1.0, EvaluatorAgreement.DriftPerHour(points)!.Value, 12);
        Assert.Null(EvaluatorAgreement.DriftPerHour([(5, 1), (5, 2), (5, 0)]));
        Assert.Null(EvaluatorAgreement.DriftPerHour([(5, 1)]));
        Assert.Null(EvaluatorAgreement.DriftPerHour(points, minPoints: 10));
        Assert.Null(EvaluatorAgreement.DriftPerHour(points, minSpanMinutes: 120));
    }
}
