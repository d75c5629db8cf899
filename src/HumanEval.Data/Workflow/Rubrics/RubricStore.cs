using HumanEval.Data.Entities;
using HumanEval.Data.Workflow;
using Microsoft.EntityFrameworkCore;
using HumanEval.Core.Rubrics;
using CoreRubric = HumanEval.Core.Rubrics.Rubric;
using Criterion = HumanEval.Data.Entities.Criterion;
using Rubric = HumanEval.Data.Entities.Rubric;

namespace HumanEval.Data.Workflow;

public sealed record RubricSyncResult(int Rubrics, int NewVersions, int Deactivated);

/// <summary>Keeps the database's rubric versions in step with the rubric files.</summary>
public static class RubricStore
{
    /// <summary>
    /// Records each rubric's content as a version (a new one when its hash is new), marks it current, and marks
    /// rubrics whose file is gone as inactive. Old versions are never changed, so ratings made under them keep
    /// their meaning. Runs in one transaction.
    /// </summary>
    public static async Task<RubricSyncResult> SyncAsync(
        AppDbContext db, IReadOnlyList<RubricFile> files, DateTime now,
        CancellationToken cancellationToken = default)
    {
        return await db.InTransactionAsync(async tx =>
        {
            var existing = await db.Rubrics.Include(r => r.Versions).ToListAsync(cancellationToken);
            var added = 0;
            foreach (var file in files)
            {
                var rubric = file.Rubric;
                var row = existing.FirstOrDefault(r => r.Key == rubric.Key);
                if (row is null)
                {
                    row = new Rubric { Key = rubric.Key };
                    db.Rubrics.Add(row);
                    existing.Add(row);
                }

                row.Active = true;
                var version = row.Versions.FirstOrDefault(v => v.ContentHash == rubric.ContentHash);
                if (version is null)
                {
                    version = ToVersion(rubric, file.Content, row.Versions.Count == 0 ? 1 : row.Versions.Max(v => v.Number) + 1, now);
                    row.Versions.Add(version);
                    added++;
                }

                foreach (var v in row.Versions)
                {
                    v.IsCurrent = ReferenceEquals(v, version);
                }
            }

            var keys = files.Select(f => f.Rubric.Key).ToHashSet(StringComparer.Ordinal);
            var deactivated = 0;
            foreach (var gone in existing.Where(r => r.Active && !keys.Contains(r.Key)))
            {
                gone.Active = false;
                gone.Versions.ForEach(v => v.IsCurrent = false);
                deactivated++;
            }

            await db.SaveChangesAsync(cancellationToken);
            await tx.CommitAsync(cancellationToken);
            return new RubricSyncResult(files.Count, added, deactivated);
        }, cancellationToken);
    }

    private static RubricVersion ToVersion(CoreRubric rubric, string content, int number, DateTime now) => new()
    {
        Number = number,
        ContentHash = rubric.ContentHash,
        Name = rubric.Name,
        Description = rubric.Description,
        Guidelines = rubric.Guidelines,
        Content = content,
        LoadedAt = now,
        Criteria = rubric.Criteria.Select((c, i) => new Criterion
        {
            Position = i,
            Key = c.Key,
            Label = c.Label,
            Description = c.Description,
            Scale = c.Scale,
            Min = c.Min,
            Max = c.Max,
            Required = c.Required,
            Anchors = c.Anchors.Select(a => new CriterionAnchor { Level = a.Level, Text = a.Text }).ToList(),
        }).ToList(),
    };
}
