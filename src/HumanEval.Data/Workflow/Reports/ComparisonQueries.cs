using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using HumanEval.Core.Decisions;
using HumanEval.Core.Rubrics;
using Microsoft.EntityFrameworkCore;

namespace HumanEval.Data.Workflow;

/// <summary>A column a comparison can split by, with its values and how many examples each has.</summary>
public sealed record VersionDimension(string Key, string Label, IReadOnlyList<VersionValue> Values);

public sealed record VersionValue(string Value, int Examples);

/// <summary>
/// The facts a version comparison needs, read from the database and handed to Core's <see cref="VersionComparison"/>
/// (the same code the CLI runs): every current rating with its example's version under the chosen dimension, the
/// pair key (the example's <c>pair_id</c> metadata, else a hash of its input text, so the same input rated under both
/// versions pairs up), its submission time, the campaign's decision rule, the mean cost per rating and the rating rate.
/// </summary>
public sealed class ComparisonQueries(IDbContextFactory<AppDbContext> factory, TimeProvider clock)
{
    public const string Model = "model";
    public const string PromptVersion = "prompt_version";

    /// <summary>Metadata keys are offered as <c>metadata.KEY</c>.</summary>
    public const string MetadataPrefix = "metadata.";

    /// <summary>The metadata key that pairs examples explicitly.</summary>
    public const string PairIdKey = "pair_id";

    /// <summary>What a comparison reads of an example; <paramref name="Input"/> only where pairing needs it (it can be long).</summary>
    private sealed record ExampleFacts(long Id, string ExternalId, string? Model, string? PromptVersion, string? Metadata, string? Input);

    /// <summary>Dimensions with at least two values (model, prompt version, then metadata keys in order), values by example count.</summary>
    public async Task<IReadOnlyList<VersionDimension>> DimensionsAsync(int campaignId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var examples = await ExamplesAsync(db, campaignId, withInput: false, ct);
        var counts = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        foreach (var e in examples)
        {
            foreach (var (key, value) in Values(e))
            {
                if (key == MetadataPrefix + PairIdKey)
                {
                    continue;
                }

                var values = counts.TryGetValue(key, out var v) ? v : counts[key] = new Dictionary<string, int>(StringComparer.Ordinal);
                values[value] = values.GetValueOrDefault(value) + 1;
            }
        }

        return counts.Where(c => c.Value.Count >= 2)
            .OrderBy(c => c.Key == Model ? 0 : c.Key == PromptVersion ? 1 : 2).ThenBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => new VersionDimension(c.Key, Label(c.Key),
                c.Value.OrderByDescending(v => v.Value).ThenBy(v => v.Key, StringComparer.Ordinal).Select(v => new VersionValue(v.Key, v.Value)).ToList()))
            .ToList();
    }

    /// <summary>The dimension a comparison opens with: prompt version when it varies, else the first one (model, then metadata).</summary>
    public static VersionDimension? DefaultDimension(IReadOnlyList<VersionDimension> dimensions) =>
        dimensions.FirstOrDefault(d => d.Key == PromptVersion) ?? dimensions.FirstOrDefault();

    /// <summary>The versions a comparison opens with: the first two values in sort order (v1 the baseline, v2 the candidate).</summary>
    public static (string Baseline, string Candidate) DefaultPair(VersionDimension dimension)
    {
        ArgumentNullException.ThrowIfNull(dimension);
        var ordered = dimension.Values.Select(v => v.Value).Order(StringComparer.Ordinal).ToList();
        return (ordered[0], ordered[1]);
    }

    public static string Label(string key) => key switch
    {
        Model => "Model",
        PromptVersion => "Prompt version",
        _ => $"Metadata: {key[MetadataPrefix.Length..]}",
    };

    /// <summary>Compares <paramref name="candidate"/> with <paramref name="baseline"/> under <paramref name="dimension"/>; null when the campaign does not exist.</summary>
    public async Task<ComparisonReport?> CompareAsync(int campaignId, string dimension, string baseline, string candidate, int draws = VersionComparison.DefaultDraws, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var campaign = await db.Campaigns.AsNoTracking().SingleOrDefaultAsync(c => c.Id == campaignId, ct);
        if (campaign is null)
        {
            return null;
        }

        var criteria = await CriteriaAsync(db, campaign, ct);
        var version = new Dictionary<long, (string External, string Version, string? Pair)>();
        foreach (var e in await ExamplesAsync(db, campaignId, withInput: true, ct))
        {
            if (VersionOf(e, dimension) is { } v && (v == baseline || v == candidate))
            {
                version[e.Id] = (e.ExternalId, v, PairKey(e));
            }
        }

        var (ratings, totals) = await RatingsAsync(db, campaignId, version, ct);
        return VersionComparison.Compare(ratings, criteria, Options(campaign, baseline, candidate, draws, totals));
    }

    /// <summary>
    /// This campaign (candidate) against the previous campaign of its series with ratings (baseline), unpaired, under
    /// this campaign's rubric criteria and rule; null without a series, a previous campaign or ratings in both.
    /// </summary>
    public async Task<(string Previous, ComparisonReport Report)?> CompareWithPreviousAsync(int campaignId, int draws = VersionComparison.DefaultDraws, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var campaign = await db.Campaigns.AsNoTracking().SingleOrDefaultAsync(c => c.Id == campaignId, ct);
        if (campaign?.Series is not { } series)
        {
            return null;
        }

        var previous = await db.Campaigns.AsNoTracking()
            .Where(c => c.Series == series && c.Id != campaignId && c.CreatedAt < campaign.CreatedAt && db.Ratings.Any(r => r.CampaignId == c.Id))
            .OrderByDescending(c => c.CreatedAt).FirstOrDefaultAsync(ct);
        if (previous is null)
        {
            return null;
        }

        // The two campaigns are the two versions; an example id may repeat across them, so each is prefixed.
        var (baseline, candidate) = ($"{previous.Name} (previous)", campaign.Name);
        var before = (await ExamplesAsync(db, previous.Id, withInput: false, ct)).ToDictionary(e => e.Id, e => ($"{previous.Id}/{e.ExternalId}", baseline, (string?)null));
        var now = (await ExamplesAsync(db, campaignId, withInput: false, ct)).ToDictionary(e => e.Id, e => ($"{campaignId}/{e.ExternalId}", candidate, (string?)null));
        var (old, _) = await RatingsAsync(db, previous.Id, before, ct);
        var (current, totals) = await RatingsAsync(db, campaignId, now, ct);
        if (old.Count == 0 || current.Count == 0)
        {
            return null;
        }

        var report = VersionComparison.Compare(old.Concat(current), await CriteriaAsync(db, campaign, ct), Options(campaign, baseline, candidate, draws, totals));
        return (previous.Name, report);
    }

    internal sealed record Totals(long Min, long Max, int Count, double Cost, DateTime First, DateTime Last);

    /// <summary>The campaign's rubric criteria with the lead's overall weights (a setting that no longer parses counts as 1 each).</summary>
    private static async Task<List<ComparedCriterion>> CriteriaAsync(AppDbContext db, Entities.Campaign campaign, CancellationToken ct)
    {
        var weights = OverallWeights.Parse(campaign.OverallWeights) is { Ok: true } parsed ? parsed.Value : new Dictionary<string, double>();
        return (await db.CriteriaOf(campaign.RubricVersionId).ToListAsync(ct))
            .Select(c => new ComparedCriterion(c.Key, c.Label, c.Scale == ScaleType.Binary, c.Min, weights.GetValueOrDefault(c.Key, 1))).ToList();
    }

    internal ComparisonOptions Options(Entities.Campaign campaign, string baseline, string candidate, int draws, Totals? totals) => new()
    {
        Baseline = baseline, Candidate = candidate, Draws = draws, Seed = (int)(campaign.Seed % int.MaxValue), Rule = CampaignAdmin.SettingsOf(campaign).DecisionRule(),
        Now = clock.GetUtcNow().UtcDateTime, Currency = campaign.Currency, PlannedRatingsPerExample = campaign.K,
        CostPerRating = totals is { Count: > 0 } t ? Math.Round((decimal)(t.Cost / t.Count), 4) : null,
        RatingsPerHour = totals is { } p ? Planner.RatingsPerHour(p.Count, p.First, p.Last) : null,
    };

    /// <summary>
    /// The current ratings of a campaign's examples in <paramref name="version"/> (id → example id, version, pair key),
    /// one per score. Read in parallel on two contexts: the ratings (one row each) and their scores; the scores by the
    /// campaign's rating-id range (the primary-key index), matched to the ratings here (rows of other campaigns inside
    /// the range drop out): on SQLite that reads 500,000 scores in about half the time of a row-by-row join. Each rating
    /// carries its example's first rating time, which is all the 72-hour rule reads (the candidate's earliest).
    /// </summary>
    private async Task<(List<ComparedRating> Ratings, Totals? Totals)> RatingsAsync(AppDbContext db, int campaignId,
        Dictionary<long, (string External, string Version, string? Pair)> version, CancellationToken ct)
    {
        var totals = await db.Ratings.AsNoTracking().Where(r => r.CampaignId == campaignId).GroupBy(r => 1)
            .Select(g => new Totals(g.Min(r => r.Id), g.Max(r => r.Id), g.Count(), g.Sum(r => (double)r.Cost), g.Min(r => r.SubmittedAt), g.Max(r => r.SubmittedAt)))
            .SingleOrDefaultAsync(ct);
        var ratings = new List<ComparedRating>();
        if (totals is null)
        {
            return (ratings, null);
        }

        var currentTask = Task.Run(async () =>
        {
            await using var other = await factory.CreateDbContextAsync(ct);
            var list = await other.Ratings.AsNoTracking().Where(r => r.CampaignId == campaignId).Select(r => new { r.Id, r.ExampleId, r.EvaluatorId }).ToListAsync(ct);
            var firsts = await other.Ratings.AsNoTracking().Where(r => r.CampaignId == campaignId).GroupBy(r => r.ExampleId)
                .Select(g => new { g.Key, First = g.Min(r => r.SubmittedAt) }).ToDictionaryAsync(x => x.Key, x => x.First, ct);
            return (list, firsts);
        }, ct);
        var scores = await db.Scores.AsNoTracking().Where(s => s.RatingId >= totals.Min && s.RatingId <= totals.Max)
            .Select(s => new { s.RatingId, s.CriterionKey, s.Value }).ToListAsync(ct);
        var (current, firstRated) = await currentTask;
        var byId = current.ToDictionary(r => r.Id);
        var pool = new Dictionary<string, string>(StringComparer.Ordinal);
        string Pooled(string value) => pool.TryGetValue(value, out var kept) ? kept : pool[value] = value;
        ratings.Capacity = scores.Count;
        foreach (var s in scores)
        {
            if (byId.TryGetValue(s.RatingId, out var r) && version.TryGetValue(r.ExampleId, out var v))
            {
                ratings.Add(new ComparedRating(v.External, v.Version, Pooled(r.EvaluatorId), Pooled(s.CriterionKey), s.Value, v.Pair, DateTime.SpecifyKind(firstRated[r.ExampleId], DateTimeKind.Utc)));
            }
        }

        return (ratings, totals);
    }

    private static Task<List<ExampleFacts>> ExamplesAsync(AppDbContext db, int campaignId, bool withInput, CancellationToken ct)
    {
        var examples = db.Examples.AsNoTracking().Where(e => e.CampaignId == campaignId);
        return withInput
            ? examples.Select(e => new ExampleFacts(e.Id, e.ExternalId, e.Model, e.PromptVersion, e.Metadata, e.Input)).ToListAsync(ct)
            : examples.Select(e => new ExampleFacts(e.Id, e.ExternalId, e.Model, e.PromptVersion, e.Metadata, null)).ToListAsync(ct);
    }

    private static string? VersionOf(ExampleFacts e, string dimension) => dimension switch
    {
        Model => Blank(e.Model),
        PromptVersion => Blank(e.PromptVersion),
        _ when dimension.StartsWith(MetadataPrefix, StringComparison.Ordinal) => Values(e).FirstOrDefault(v => v.Key == dimension).Value,
        _ => null,
    };

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    /// <summary>(dimension key, value) of an example: model, prompt version, and each metadata field that is a string, number or boolean.</summary>
    private static IEnumerable<(string Key, string Value)> Values(ExampleFacts e)
    {
        if (Blank(e.Model) is { } m)
        {
            yield return (Model, m);
        }

        if (Blank(e.PromptVersion) is { } p)
        {
            yield return (PromptVersion, p);
        }

        foreach (var kv in Metadata(e.Metadata))
        {
            yield return (MetadataPrefix + kv.Key, kv.Value);
        }
    }

    private static List<KeyValuePair<string, string>> Metadata(string? json)
    {
        var list = new List<KeyValuePair<string, string>>();
        if (string.IsNullOrWhiteSpace(json))
        {
            return list;
        }

        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                return list;
            }

            foreach (var p in doc.RootElement.EnumerateObject())
            {
                var text = p.Value.ValueKind switch
                {
                    JsonValueKind.String => Blank(p.Value.GetString()),
                    JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => p.Value.GetRawText(),
                    _ => null,
                };
                if (text is not null)
                {
                    list.Add(new(p.Name, text));
                }
            }
        }
        catch (JsonException)
        {
            // Imports store valid JSON; anything else offers no dimensions.
        }

        return list;
    }

    /// <summary>The example's <c>pair_id</c> metadata, else "input:" and the first 16 bytes of the SHA-256 of its input text (the ratings CSV's pair_key).</summary>
    public static string PairKey(string input, string? metadata) =>
        Metadata(metadata).FirstOrDefault(m => m.Key == PairIdKey).Value is { } id
            ? id
            : "input:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(input)).AsSpan(0, 16));

    private static string PairKey(ExampleFacts e) => PairKey(e.Input ?? "", e.Metadata);
}
