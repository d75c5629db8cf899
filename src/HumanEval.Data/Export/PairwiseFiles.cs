using System.Globalization;
using System.Text.Json;
using HumanEval.Core.Pairwise;
using HumanEval.Core.Rubrics;
using HumanEval.Data.Workflow;

namespace HumanEval.Data.Export;

/// <summary>
/// A pairwise campaign's flat files: the ratings CSV that <c>humaneval compare --pairwise</c> reads (one row per
/// rating and ordinal criterion, in the versions' frame with the shown order), and the preference data for tuning
/// (DPO JSONL, <see cref="PreferencePairs"/>).
/// </summary>
public sealed class PairwiseFiles(PairwiseQueries queries)
{
    public const string CsvHeader = "item_id,rater_id,criterion,preference,version_a,version_b,both_unacceptable,a_on_left,rated_at";

    /// <summary>
    /// <c>item_id,rater_id,criterion,preference,version_a,version_b,both_unacceptable,a_on_left,rated_at</c>: preference −2
    /// (A much better) … +2 (B much better); rater_id is the evaluator's email, as in the absolute ratings CSV.
    /// </summary>
    public async Task WriteCsvAsync(int campaignId, TextWriter writer, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var data = await queries.LoadAsync(campaignId, ct: ct);
        await writer.WriteLineAsync(CsvHeader);
        if (data is null)
        {
            return;
        }

        var ordinal = data.Criteria.Where(c => c.Scale == ScaleType.Ordinal).Select(c => c.Key).ToList();
        foreach (var r in data.Ratings.OrderBy(r => r.ExternalId, StringComparer.Ordinal).ThenBy(r => r.Email, StringComparer.Ordinal))
        {
            foreach (var key in ordinal.Where(k => r.Scores.ContainsKey(k) || r.BothUnacceptable).Order(StringComparer.Ordinal))
            {
                await writer.WriteLineAsync(string.Join(',', CellText.CsvField(r.ExternalId), CellText.CsvField(r.Email), key,
                    r.Scores.GetValueOrDefault(key).ToString(CultureInfo.InvariantCulture), CellText.CsvField(r.VersionA), CellText.CsvField(r.VersionB),
                    r.BothUnacceptable ? "true" : "false", r.AOnLeft ? "true" : "false",
                    DateTime.SpecifyKind(r.SubmittedAt, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)));
            }
        }
    }

    /// <summary>
    /// One JSON line per example with a clear majority: <c>{"prompt","chosen","rejected","criterion_votes","n_raters","agreement"}</c>,
    /// criterion votes counted for the chosen response, the rejected one and neither. Returns the number of lines.
    /// </summary>
    public async Task<int> WritePreferencesAsync(int campaignId, TextWriter writer, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var data = await queries.LoadAsync(campaignId, withTexts: true, ct);
        if (data is null)
        {
            return 0;
        }

        var ordinal = data.Criteria.Where(c => c.Scale == ScaleType.Ordinal).Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
        var lines = 0;
        foreach (var example in data.Ratings.GroupBy(r => r.ExampleId).OrderBy(g => g.First().ExternalId, StringComparer.Ordinal))
        {
            var votes = example.Select(r => new PreferenceVote(r.EvaluatorId,
                r.Scores.Where(s => ordinal.Contains(s.Key)).ToDictionary(s => s.Key, s => s.Value, StringComparer.Ordinal), r.BothUnacceptable)).ToList();
            if (PreferencePairs.Decide(example.First().ExternalId, votes) is not { } pair || !data.Texts.TryGetValue(example.Key, out var text))
            {
                continue;
            }

            using var buffer = new MemoryStream();
            await using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                json.WriteStartObject();
                json.WriteString("prompt", text.Input);
                json.WriteString("chosen", pair.ChosenIsB ? text.OutputB : text.OutputA);
                json.WriteString("rejected", pair.ChosenIsB ? text.OutputA : text.OutputB);
                json.WriteStartObject("criterion_votes");
                foreach (var (criterion, v) in pair.Votes)
                {
                    json.WriteStartObject(criterion);
                    json.WriteNumber("chosen", v.Chosen);
                    json.WriteNumber("rejected", v.Rejected);
                    json.WriteNumber("tie", v.Tie);
                    json.WriteEndObject();
                }

                json.WriteEndObject();
                json.WriteNumber("n_raters", pair.Raters);
                json.WriteNumber("agreement", Math.Round(pair.Agreement, 4));
                json.WriteEndObject();
            }

            await writer.WriteLineAsync(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
            lines++;
        }

        return lines;
    }
}
