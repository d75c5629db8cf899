using System.Text.Json.Nodes;
using HumanEval.Core.Campaigns;
using HumanEval.Core.Import;
using Microsoft.EntityFrameworkCore;

namespace HumanEval.Data.Workflow;

/// <summary>What pairing two absolute campaigns would give (or gave): the pairs, and what found no partner.</summary>
public sealed record PairingResult(int Pairs, int OnlyInA, int OnlyInB, int DuplicateKeys, ImportSummary? Imported, IReadOnlyList<string> Problems)
{
    public bool Ok => Problems.Count == 0;
}

/// <summary>
/// Fills a pairwise campaign from two absolute campaigns — "last week's v1 outputs against this week's v2 outputs":
/// examples meet by their pair key (<see cref="ComparisonQueries.PairKey"/>: the <c>pair_id</c> metadata, else the
/// identical input text). Output A comes from the first campaign, B from the second; the pair keeps A's external id,
/// context and reference (B's where A has none) and records both sources in its metadata. Where one campaign holds an
/// input twice, its first example (import order) is used and the others are counted. The pairs go through the same
/// all-or-nothing import as a file (<see cref="ExampleImporter"/>), so the limits, the audit entry and re-running it
/// behave the same.
/// </summary>
public sealed class ExamplePairing(IDbContextFactory<AppDbContext> factory, ExampleImporter importer)
{
    public async Task<PairingResult> PairAsync(int pairwiseCampaignId, int campaignA, string versionA, int campaignB, string versionB, string? userId, bool dryRun = false, CancellationToken ct = default)
    {
        versionA = versionA.Trim();
        versionB = versionB.Trim();
        var problems = new List<string>();
        if (versionA.Length == 0 || versionB.Length == 0 || versionA.Length > ExampleFile.MaxTagLength || versionB.Length > ExampleFile.MaxTagLength)
        {
            problems.Add($"Name both versions (at most {ExampleFile.MaxTagLength} characters each).");
        }
        else if (versionA == versionB)
        {
            problems.Add("The two versions need different names: the report calls one the baseline and the other the candidate.");
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        var kinds = await db.Campaigns.AsNoTracking().Where(c => c.Id == pairwiseCampaignId || c.Id == campaignA || c.Id == campaignB)
            .ToDictionaryAsync(c => c.Id, c => c.Kind, ct);
        if (kinds.GetValueOrDefault(pairwiseCampaignId, CampaignKind.Absolute) != CampaignKind.Pairwise)
        {
            problems.Add("Pairs go into a pairwise campaign.");
        }

        if (campaignA == campaignB || !kinds.TryGetValue(campaignA, out var kindA) || !kinds.TryGetValue(campaignB, out var kindB)
            || kindA != CampaignKind.Absolute || kindB != CampaignKind.Absolute)
        {
            problems.Add("Choose two different absolute campaigns to pair up.");
        }

        if (problems.Count > 0)
        {
            return new PairingResult(0, 0, 0, 0, null, problems);
        }

        var a = await SourceAsync(db, campaignA, ct);
        var b = await SourceAsync(db, campaignB, ct);
        var byKeyB = b.Examples.GroupBy(x => x.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var firstA = a.Examples.GroupBy(x => x.Key, StringComparer.Ordinal).Select(g => g.First()).ToList();
        var rows = new List<ExampleRow>();
        foreach (var x in firstA.Where(x => byKeyB.ContainsKey(x.Key)))
        {
            var y = byKeyB[x.Key];
            var meta = x.Metadata is { } m && JsonNode.Parse(m) is JsonObject o ? o : new JsonObject();
            meta[ComparisonQueries.PairIdKey] = x.Key;
            meta["source_a"] = $"{campaignA}/{x.ExternalId}";
            meta["source_b"] = $"{campaignB}/{y.ExternalId}";
            rows.Add(new ExampleRow(rows.Count + 1, x.ExternalId, x.Input, x.Output, x.Context ?? y.Context, x.Reference ?? y.Reference,
                null, null, meta.ToJsonString(), y.Output, versionA, versionB));
        }

        var duplicates = a.Examples.Count - firstA.Count + b.Examples.Count - byKeyB.Count;
        var onlyA = firstA.Count - rows.Count;
        var onlyB = byKeyB.Count - rows.Count;
        if (rows.Count == 0)
        {
            return new PairingResult(0, onlyA, onlyB, duplicates, null,
                ["No example of the first campaign shares its input (or pair_id) with one of the second: nothing to pair."]);
        }

        var imported = dryRun ? null : await importer.ImportAsync(pairwiseCampaignId, rows, userId, ct);
        return new PairingResult(rows.Count, onlyA, onlyB, duplicates, imported, []);
    }

    private sealed record SourceExample(string Key, string ExternalId, string Input, string Output, string? Context, string? Reference, string? Metadata);

    private sealed record Source(IReadOnlyList<SourceExample> Examples);

    private static async Task<Source> SourceAsync(AppDbContext db, int campaignId, CancellationToken ct)
    {
        var rows = await db.Examples.AsNoTracking().Where(e => e.CampaignId == campaignId).OrderBy(e => e.Position)
            .Select(e => new { e.ExternalId, e.Input, e.Output, e.Context, e.Reference, e.Metadata }).ToListAsync(ct);
        return new Source(rows.Select(e => new SourceExample(ComparisonQueries.PairKey(e.Input, e.Metadata), e.ExternalId, e.Input, e.Output, e.Context, e.Reference, e.Metadata)).ToList());
    }
}
