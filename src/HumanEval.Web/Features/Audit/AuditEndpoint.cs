using System.Security.Claims;
using HumanEval.Data;
using HumanEval.Data.Entities;
using HumanEval.Data.Workflow;

namespace HumanEval.Web.Features.Audit;

internal static class AuditEndpoint
{
    /// <summary>GET /audit.csv?action=&amp;user=&amp;entityId=: the filtered audit log for leads; the export itself is audited.</summary>
    public static void MapAuditExport(this IEndpointRouteBuilder app) =>
        app.MapGet("/audit.csv", async (HttpContext http, ClaimsPrincipal user, AuditQueries audit, AppDbContext db, TimeProvider clock, string? action, string? entityId, CancellationToken ct) =>
            {
                var filter = new AuditFilter(action, http.Request.Query["user"].ToString(), EntityId: entityId);
                db.Record(clock.GetUtcNow().UtcDateTime, user.IdOrNull(), AuditActions.AuditExported,
                    details: $"action={filter.Action}; user={filter.User}; entity={filter.EntityId}");
                await db.SaveChangesAsync(ct);
                http.Response.ContentType = "text/csv; charset=utf-8";
                http.Response.Headers.ContentDisposition = $"attachment; filename=\"audit-{clock.GetUtcNow():yyyy-MM-dd}.csv\"";
                await using var writer = new StreamWriter(http.Response.Body);
                await audit.WriteCsvAsync(filter, writer, ct);
            })
            .RequireAuthorization(Policies.LeadOrAdmin);
}
