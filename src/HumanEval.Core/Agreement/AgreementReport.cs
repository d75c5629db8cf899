namespace HumanEval.Core.Agreement;

public sealed record AgreementOptions
{
    /// <summary>Pairs of raters sharing fewer items are left out of the mean pairwise kappa.</summary>
    public int MinShared { get; init; } = 5;

    public bool ConfidenceIntervals { get; init; }

    public int BootstrapDraws { get; init; } = Bootstrap.DefaultDraws;

    public int Seed { get; init; } = Bootstrap.DefaultSeed;
}

public sealed record AgreementIntervals(
    Interval? AlphaNominal, Interval? AlphaOrdinal, Interval? AlphaInterval, Interval? JudgeExact, Interval? JudgeWithinOne);

/// <summary>Every agreement figure of one criterion. The app, the CLI and the export all read these.</summary>
public sealed record CriterionAgreement(
    string Criterion,
    int Items,
    int Raters,
    int Ratings,
    AlphaResult KrippendorffAlpha,
    double? FleissKappa,
    PairwiseKappa PairwiseCohenKappa,
    double? Icc21,
    PercentAgreementResult PercentAgreement,
    JudgeAgreementResult? Judge,
    AgreementIntervals? Intervals);

public static class AgreementReport
{
    public static CriterionAgreement Compute(string criterion, RatingTable table, IReadOnlyList<double?>? judge, AgreementOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        options ??= new AgreementOptions();
        var judgeResult = judge is null ? null : JudgeAgreement.Compute(table, judge);
        AgreementIntervals? intervals = null;
        if (options.ConfidenceIntervals)
        {
            var alpha = Bootstrap.Alpha(table, options.BootstrapDraws, options.Seed);
            Interval? exact = null, within = null;
            if (judge is not null)
            {
                var per = JudgeAgreement.PerItem(table, judge);
                exact = Bootstrap.Mean(per.Select(p => p.Exact).ToList(), options.BootstrapDraws, options.Seed);
                within = Bootstrap.Mean(per.Select(p => p.WithinOne).ToList(), options.BootstrapDraws, options.Seed);
            }

            intervals = new AgreementIntervals(alpha.Nominal, alpha.Ordinal, alpha.Interval, exact, within);
        }

        return new CriterionAgreement(
            criterion,
            table.RatedItemCount,
            table.ActiveRaterCount,
            table.RatingCount,
            Krippendorff.Compute(table),
            Kappa.Fleiss(table),
            Kappa.MeanPairwise(table, options.MinShared),
            Icc.TwoWayRandomSingle(table),
            PercentAgreement.Compute(table),
            judgeResult,
            intervals);
    }
}
