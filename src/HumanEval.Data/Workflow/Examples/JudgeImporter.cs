using HumanEval.Core.Import;
using HumanEval.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace HumanEval.Data.Workflow;

public sealed record JudgeImportResult(int Added, int AlreadyPresent, IReadOnlyList<ImportError> Errors);

/// <summary>
/// Judge scores for a campaign: every row must name a known example and criterion and lie on its scale (in a pairwise
/// campaign: a preference −2 … +2 on an ordinal criterion, A/B as the example's outputs); all or nothing.
/// </summary>
public sealed class JudgeImporter(IDbContextFactory<AppDbContext> factory, TimeProvider clock)
{
    /// <summary>
    /// Imports a parsed file, or imports nothing and returns every problem at once: the file's own (syntax, encoding)
    /// and the campaign's (unknown example, criterion, score off the scale) for the lines that did parse, by line.
    /// </summary>
    public async Task<JudgeImportResult> ImportAsync(int campaignId, ParsedJudgeFile file, string? userId, CancellationToken ct = default)
    {
        if (file.Ok)
        {
            return await ImportAsync(campaignId, file.Rows, userId, ct);
        }

        var campaignErrors = file.Errors.Any(e => e.Field == Utf8Check.Field) ? [] : (await ImportAsync(campaignId, file.Rows, null, ct, checkOnly: true)).Errors;
        var all = file.Errors.Concat(campaignErrors).OrderBy(e => e.Line).Take(ExampleFile.MaxErrorsListed).ToList();
        return new JudgeImportResult(0, 0, all);
    }

    public Task<JudgeImportResult> ImportAsync(int campaignId, IReadOnlyList<JudgeRow> rows, string? userId, CancellationToken ct = default) =>
        ImportAsync(campaignId, rows, userId, ct, checkOnly: false);

    private async Task<JudgeImportResult> ImportAsync(int campaignId, IReadOnlyList<JudgeRow> rows, string? userId, CancellationToken ct, bool checkOnly)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await factory.CreateDbContextAsync(ct);
        var campaign = await db.Campaigns.AsNoTracking().SingleAsync(c => c.Id == campaignId, ct);
        var criteria = await db.Criteria.AsNoTracking().Where(c => c.RubricVersionId == campaign.RubricVersionId).ToDictionaryAsync(c => c.Key, ct);
        var examples = await db.Examples.AsNoTracking().Where(e => e.CampaignId == campaignId).Select(e => new { e.Id, e.ExternalId }).ToDictionaryAsync(e => e.ExternalId, e => e.Id, ct);
        var errors = new List<ImportError>();
        foreach (var row in rows)
        {
            if (!examples.ContainsKey(row.ExternalId))
            {
                errors.Add(new ImportError(row.Line, "external_id", $"no example '{row.ExternalId}' in this campaign"));
            }

            if (!criteria.TryGetValue(row.Criterion, out var c))
            {
                errors.Add(new ImportError(row.Line, "criterion", $"'{row.Criterion}' is not a criterion of this campaign's rubric ({string.Join(", ", criteria.Keys)})"));
            }
            else if (campaign.Kind == Core.Campaigns.CampaignKind.Pairwise)
            {
                // A pairwise judge gives a preference in the versions' frame, as the pairwise ratings CSV does.
                if (c.Scale != Core.Rubrics.ScaleType.Ordinal)
                {
                    errors.Add(new ImportError(row.Line, "criterion", $"'{row.Criterion}' is asked of each response, not as a preference; a pairwise judge verdict names an ordinal criterion"));
                }
                else if (row.Score is < -2 or > 2 || row.Score != Math.Round(row.Score))
                {
                    errors.Add(new ImportError(row.Line, "score", $"{row.Score} is not a preference: a whole number from -2 (output A much better) to 2 (output B much better)"));
                }
            }
            else if (row.Score < c.Min || row.Score > c.Max)
            {
                errors.Add(new ImportError(row.Line, "score", $"{row.Score} is outside {c.Label}'s scale {c.Min}..{c.Max}"));
            }
        }

        if (errors.Count > 0 || checkOnly)
        {
            return new JudgeImportResult(0, 0, errors.Take(ExampleFile.MaxErrorsListed).ToList());
        }

        var existing = (await db.JudgeScores.AsNoTracking().Where(j => j.CampaignId == campaignId)
            .Select(j => new { j.ExampleId, j.CriterionKey, j.JudgeModel, j.JudgePromptVersion }).ToListAsync(ct))
            .Select(j => (j.ExampleId, j.CriterionKey, j.JudgeModel, j.JudgePromptVersion)).ToHashSet();
        var fresh = rows.Where(r => !existing.Contains((examples[r.ExternalId], r.Criterion, r.JudgeModel, r.JudgePromptVersion))).ToList();
        db.JudgeScores.AddRange(fresh.Select(r => new JudgeScore
        {
            CampaignId = campaignId,
            ExampleId = examples[r.ExternalId],
            CriterionKey = r.Criterion,
            Score = r.Score,
            JudgeModel = r.JudgeModel,
            JudgePromptVersion = r.JudgePromptVersion,
            Rationale = r.Rationale,
            ImportedAt = now,
        }));
        db.RecordCampaign(now, userId, AuditActions.JudgeImported, campaignId, $"{{\"added\":{fresh.Count}}}");
        await db.SaveChangesAsync(ct);
        return new JudgeImportResult(fresh.Count, rows.Count - fresh.Count, []);
    }

    public async Task<IReadOnlyList<(string Model, string Prompt, int Scores)>> JudgesAsync(int campaignId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await db.JudgeScores.AsNoTracking().Where(j => j.CampaignId == campaignId)
            .GroupBy(j => new { j.JudgeModel, j.JudgePromptVersion })
            .Select(g => new { g.Key.JudgeModel, g.Key.JudgePromptVersion, Count = g.Count(), Last = g.Max(j => j.ImportedAt) })
            .ToListAsync(ct);
        return rows.OrderByDescending(r => r.Last).Select(r => (r.JudgeModel, r.JudgePromptVersion, r.Count)).ToList();
    }
}
