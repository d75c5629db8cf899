using System.Globalization;
using HumanEval.Data.Export;
using Microsoft.EntityFrameworkCore;

namespace HumanEval.Data.Workflow;

public sealed record AuditRow(long Id, DateTime At, string? User, string Action, string? Entity, string? EntityId, string? Details);

public sealed record AuditFilter(string? Action = null, string? User = null, string? Entity = null, string? EntityId = null, DateTime? From = null, DateTime? To = null);

/// <summary>Reads the append-only audit log (nothing here writes or deletes it), paged and filtered in the database.</summary>
public sealed class AuditQueries(IDbContextFactory<AppDbContext> factory)
{
    private static IQueryable<AuditRow> Query(AppDbContext db, AuditFilter filter)
    {
        var query = from a in db.AuditEntries.AsNoTracking()
                    join u in db.Users on a.UserId equals u.Id into users
                    from u in users.DefaultIfEmpty()
                    select new { a, Email = u == null ? null : u.Email };
        if (!string.IsNullOrWhiteSpace(filter.Action))
        {
            query = query.Where(x => x.a.Action.StartsWith(filter.Action.Trim()));
        }

        if (!string.IsNullOrWhiteSpace(filter.User))
        {
            query = query.Where(x => x.Email != null && x.Email.Contains(filter.User.Trim()));
        }

        if (!string.IsNullOrWhiteSpace(filter.Entity))
        {
            query = query.Where(x => x.a.Entity == filter.Entity);
        }

        if (!string.IsNullOrWhiteSpace(filter.EntityId))
        {
            query = query.Where(x => x.a.EntityId == filter.EntityId);
        }

        if (filter.From is { } from)
        {
            query = query.Where(x => x.a.At >= from);
        }

        if (filter.To is { } to)
        {
            query = query.Where(x => x.a.At < to);
        }

        return query.OrderByDescending(x => x.a.Id)
            .Select(x => new AuditRow(x.a.Id, x.a.At, x.Email ?? (x.a.UserId == null ? null : x.a.UserId), x.a.Action, x.a.Entity, x.a.EntityId, x.a.Details));
    }

    public async Task<(IReadOnlyList<AuditRow> Rows, int Total)> PageAsync(AuditFilter filter, int page, int pageSize, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var db = await factory.CreateDbContextAsync(ct);
        var query = Query(db, filter);
        return (await query.Skip(page * pageSize).Take(pageSize).ToListAsync(ct), await query.CountAsync(ct));
    }

    public async Task<IReadOnlyList<string>> ActionsAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.AuditEntries.AsNoTracking().Select(a => a.Action).Distinct().OrderBy(a => a).ToListAsync(ct);
    }

    /// <summary>The filtered log as CSV (newest first), streamed; cells that a spreadsheet would run as formulas are quoted.</summary>
    public async Task WriteCsvAsync(AuditFilter filter, TextWriter writer, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(writer);
        await using var db = await factory.CreateDbContextAsync(ct);
        await writer.WriteLineAsync("id,at_utc,user,action,entity,entity_id,details");
        await foreach (var r in Query(db, filter ?? new AuditFilter()).AsAsyncEnumerable().WithCancellation(ct))
        {
            await writer.WriteLineAsync(string.Join(',', r.Id.ToString(CultureInfo.InvariantCulture), r.At.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                CellText.CsvField(r.User), CellText.CsvField(r.Action), CellText.CsvField(r.Entity), CellText.CsvField(r.EntityId), CellText.CsvField(r.Details)));
        }
    }
}
