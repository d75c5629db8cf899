using HumanEval.Data;
using Microsoft.EntityFrameworkCore;

namespace HumanEval.Web.Tests.Data;

/// <summary>
/// No SQL Server engine runs here, so the query shapes the comparison reads with are proven to translate on the SQL
/// Server provider (translation needs no connection): the constant-key aggregate, the per-example first rating, the
/// scores by rating-id range and the decimal-to-double sum.
/// </summary>
public sealed class SqlServerTranslationTests
{
    private static AppDbContext SqlServer() => new(new DbContextOptionsBuilder<AppDbContext>()
        .UseSqlServer("Server=nowhere;Database=HumanEval;TrustServerCertificate=True").Options);

    [Fact]
    public void The_comparison_queries_translate_for_sql_server()
    {
        using var db = SqlServer();
        const int campaignId = 7;
        var totals = db.Ratings.AsNoTracking().Where(r => r.CampaignId == campaignId).GroupBy(r => 1)
            .Select(g => new { Min = g.Min(r => r.Id), Max = g.Max(r => r.Id), Count = g.Count(), Cost = g.Sum(r => (double)r.Cost), First = g.Min(r => r.SubmittedAt), Last = g.Max(r => r.SubmittedAt) })
            .ToQueryString();
        Assert.Contains("[Cost] AS float)", totals, StringComparison.Ordinal);
        Assert.Contains("[SupersededAt] IS NULL", totals, StringComparison.Ordinal); // current versions only

        var firsts = db.Ratings.AsNoTracking().Where(r => r.CampaignId == campaignId).GroupBy(r => r.ExampleId)
            .Select(g => new { g.Key, First = g.Min(r => r.SubmittedAt) }).ToQueryString();
        Assert.Contains("GROUP BY [r].[ExampleId]", firsts.Replace("[r0]", "[r]", StringComparison.Ordinal), StringComparison.Ordinal);

        long min = 1, max = 9;
        var scores = db.Scores.AsNoTracking().Where(s => s.RatingId >= min && s.RatingId <= max).Select(s => new { s.RatingId, s.CriterionKey, s.Value }).ToQueryString();
        Assert.Contains("[s].[RatingId] >= @", scores, StringComparison.Ordinal);
    }
}
