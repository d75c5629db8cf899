using HumanEval.Core.Assignment;
using HumanEval.Data.Workflow;
using Microsoft.EntityFrameworkCore;

namespace HumanEval.Web.Tests.Data;

/// <summary>The claim's SQL slot condition and Core's slot rule decide the same for every counter combination.</summary>
public sealed class ClaimConditionsTests
{
    [Fact]
    public async Task The_sql_condition_of_the_claim_agrees_with_cores_slot_rule_everywhere()
    {
        await using var wf = new WorkflowDb();
        // One example per (holders, expert holders) with 0 <= expert holders <= holders <= 5: 21 rows.
        var combos = (from h in Enumerable.Range(0, 6) from x in Enumerable.Range(0, h + 1) select (Holders: h, Experts: x)).ToList();
        var (campaignId, _) = await wf.SeedAsync(examples: combos.Count, evaluators: 0);
        var (_, factory) = wf.Instance();
        await using var db = await factory.CreateDbContextAsync();
        var ids = await db.Examples.Where(e => e.CampaignId == campaignId).OrderBy(e => e.Position).Select(e => e.Id).ToListAsync();
        for (var i = 0; i < combos.Count; i++)
        {
            var (h, x) = combos[i];
            await db.Examples.Where(e => e.Id == ids[i]).ExecuteUpdateAsync(s => s.SetProperty(e => e.HolderCount, h).SetProperty(e => e.ExpertHolderCount, x));
        }

        var checkedCases = 0;
        for (var k = 1; k <= 5; k++)
        {
            for (var minExperts = 0; minExperts <= k; minExperts++)
            {
                foreach (var kind in new[] { EvaluatorKind.DomainExpert, EvaluatorKind.RepresentativeUser })
                {
                    var bySql = (await db.Examples.Where(e => e.CampaignId == campaignId)
                        .Where(ClaimConditions.SlotOpen(k, minExperts, kind == EvaluatorKind.DomainExpert)).Select(e => e.Id).ToListAsync()).ToHashSet();
                    for (var i = 0; i < combos.Count; i++)
                    {
                        var byCore = AssignmentPolicy.SlotOpen(k, minExperts, combos[i].Holders, combos[i].Experts, kind);
                        Assert.True(byCore == bySql.Contains(ids[i]),
                            $"k {k}, min experts {minExperts}, {kind}, holders {combos[i].Holders} ({combos[i].Experts} experts): Core {byCore}, SQL {!byCore}");
                        checkedCases++;
                    }
                }
            }
        }

        Assert.Equal(21 * 2 * (2 + 3 + 4 + 5 + 6), checkedCases);
    }
}
