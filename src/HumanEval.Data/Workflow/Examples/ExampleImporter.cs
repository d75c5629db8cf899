using System.Data.Common;
using HumanEval.Core.Campaigns;
using HumanEval.Core.Import;
using HumanEval.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace HumanEval.Data.Workflow;

public sealed record ImportSummary(int Added, int AlreadyPresent, IReadOnlyList<string> AlreadyPresentIds);

/// <summary>
/// Writes validated examples in one transaction (all or nothing). External ids already in the campaign are reported,
/// not duplicated, so re-importing a file is harmless. Rows go through one prepared INSERT reused for every row,
/// which is the fast path on SQLite (and fine on SQL Server).
/// </summary>
public sealed class ExampleImporter(IDbContextFactory<AppDbContext> factory, TimeProvider clock)
{
    /// <summary>The campaign's kind, which decides the columns its files need (<see cref="ExampleFile.RequiredColumns"/>); null when there is no such campaign.</summary>
    public async Task<CampaignKind?> KindAsync(int campaignId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Campaigns.Where(c => c.Id == campaignId).Select(c => (CampaignKind?)c.Kind).SingleOrDefaultAsync(ct);
    }

    public async Task<ImportSummary> ImportAsync(int campaignId, IReadOnlyList<ExampleRow> rows, string? userId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await factory.CreateDbContextAsync(ct);
        var campaign = await db.Campaigns.Where(c => c.Id == campaignId).Select(c => new { c.State, c.Kind }).SingleOrDefaultAsync(ct);
        if (campaign is null)
        {
            throw new InvalidOperationException($"Campaign {campaignId} does not exist.");
        }

        if (rows.FirstOrDefault(r => (r.OutputB is not null) != (campaign.Kind == CampaignKind.Pairwise)) is { } wrong)
        {
            throw new InvalidOperationException($"Campaign {campaignId} is {CampaignRules.Name(campaign.Kind)}; line {wrong.Line} was read for the other kind. Nothing was imported.");
        }

        if (campaign.State == CampaignState.Closed)
        {
            throw new CampaignClosedException(campaignId);
        }

        return await db.InTransactionAsync(async tx =>
        {
            var existing = (await db.Examples.Where(e => e.CampaignId == campaignId).Select(e => e.ExternalId).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
            var position = (await db.Examples.Where(e => e.CampaignId == campaignId).MaxAsync(e => (int?)e.Position, ct) ?? -1) + 1;
            var present = rows.Where(r => existing.Contains(r.ExternalId)).Select(r => r.ExternalId).ToList();
            var fresh = rows.Where(r => !existing.Contains(r.ExternalId)).ToList();

            var connection = db.Database.GetDbConnection();
            await using var command = connection.CreateCommand();
            command.Transaction = tx.GetDbTransaction();
            var table = db.Model.FindEntityType(typeof(Example))!.GetTableName();
            command.CommandText = $"""
                INSERT INTO "{table}" ("CampaignId", "ExternalId", "Input", "Output", "Context", "Reference", "Model", "PromptVersion", "Metadata", "OutputB", "VersionA", "VersionB", "ImportedAt", "Position", "HolderCount", "ExpertHolderCount", "SubmittedCount")
                VALUES (@campaign, @id, @input, @output, @context, @reference, @model, @prompt, @metadata, @outputb, @versiona, @versionb, @at, @position, 0, 0, 0)
                """;
            var p = new Dictionary<string, DbParameter>();
            foreach (var name in new[] { "campaign", "id", "input", "output", "context", "reference", "model", "prompt", "metadata", "outputb", "versiona", "versionb", "at", "position" })
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = "@" + name;
                command.Parameters.Add(parameter);
                p[name] = parameter;
            }

            p["campaign"].Value = campaignId;
            p["at"].Value = now;
            await command.PrepareAsync(ct);
            foreach (var row in fresh)
            {
                p["id"].Value = row.ExternalId;
                p["input"].Value = row.Input;
                p["output"].Value = row.Output;
                p["context"].Value = (object?)row.Context ?? DBNull.Value;
                p["reference"].Value = (object?)row.Reference ?? DBNull.Value;
                p["model"].Value = (object?)row.Model ?? DBNull.Value;
                p["prompt"].Value = (object?)row.PromptVersion ?? DBNull.Value;
                p["metadata"].Value = (object?)row.Metadata ?? DBNull.Value;
                p["outputb"].Value = (object?)row.OutputB ?? DBNull.Value;
                p["versiona"].Value = (object?)row.VersionA ?? DBNull.Value;
                p["versionb"].Value = (object?)row.VersionB ?? DBNull.Value;
                p["position"].Value = position++;
                await command.ExecuteNonQueryAsync(ct);
            }

            db.RecordCampaign(now, userId, AuditActions.ExamplesImported, campaignId, $"{{\"added\":{fresh.Count},\"already_present\":{present.Count}}}");
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return new ImportSummary(fresh.Count, present.Count, present.Take(20).ToList());
        }, ct);
    }
}

/// <summary>A closed campaign takes no new examples (a pipeline still sending to last month's campaign should hear it).</summary>
public sealed class CampaignClosedException(int campaignId)
    : InvalidOperationException($"Campaign {campaignId} is closed: nothing was imported. Reopen it to import more examples.");
