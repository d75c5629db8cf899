using HumanEval.Load;
using Microsoft.EntityFrameworkCore;

namespace HumanEval.E2E;

/// <summary>
/// The load benchmark's browserless evaluator (tests/HumanEval.Load) against the real app: it signs in, starts the
/// rating page's circuit over the Blazor protocol, scores and submits through the page's own event handlers, and what
/// it saw on its virtual page matches what the database stored. Keeps the benchmark honest as the pages change.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class CircuitProtocolTests(AppServer app)
{
    [Fact]
    public async Task A_browserless_evaluator_rates_through_the_circuit_protocol_and_every_submit_is_stored_with_its_scores()
    {
        var logBefore = app.Log.Length;
        var campaignId = await app.SeedCampaignAsync("Protocol client", ["evaluator6@demo.local"], examples: 3, k: 1);
        await using var driver = new ProtocolDriver(app.BaseUrl);
        var tab = await driver.OpenAsync("evaluator6@demo.local", "Demo!2345", campaignId);

        var seen = new List<string?> { tab.ExampleId };
        for (var i = 0; i < 3; i++)
        {
            var ms = await tab.RateOneAsync(keyGap: 0);
            Assert.InRange(ms, 0.1, 60_000);
            seen.Add(tab.ExampleId);
        }

        // Three different examples on screen, then none: the campaign is done for this evaluator.
        Assert.Equal(3, seen.Take(3).Distinct().Count());
        Assert.All(seen.Take(3), id => Assert.Matches("^Item [0-9]+$", id));
        Assert.Null(seen[3]);

        await using var db = app.Db();
        var ratings = await db.Ratings.AsNoTracking().Include(r => r.Scores).Where(r => r.CampaignId == campaignId).ToListAsync();
        Assert.Equal(3, ratings.Count);
        Assert.All(ratings, r => Assert.Equal(
            [("accuracy", 4), ("completeness", 5), ("helpfulness", 3), ("safety", 1), ("tone", 4)],
            r.Scores.Select(s => (s.CriterionKey, s.Value)).OrderBy(s => s.CriterionKey)));
        Assert.Equal(3, await db.Examples.CountAsync(e => e.CampaignId == campaignId && e.SubmittedCount == 1));
        Assert.DoesNotContain("Exception", app.Log[logBefore..], StringComparison.Ordinal);
    }
}
