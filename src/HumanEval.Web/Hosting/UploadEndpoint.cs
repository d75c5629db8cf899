using System.Security.Claims;
using HumanEval.Core.Import;
using HumanEval.Data;
using HumanEval.Data.Entities;
using HumanEval.Data.Export;
using HumanEval.Data.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace HumanEval.Web.Hosting;

/// <summary>The outcome of a browser upload, shown once on the campaign page.</summary>
public sealed record UploadOutcome(string FileName, ImportSummary? Summary, IReadOnlyList<ImportError> Errors, bool Truncated, string? JudgeMessage = null);

/// <summary>
/// Browser upload of examples as a plain multipart form post (antiforgery-checked, leads only): the file streams to
/// disk on the server rather than through the interactive circuit, is validated completely, and imports all or
/// nothing. The result waits in a short-lived cache entry the campaign page reads after the redirect.
/// </summary>
internal static class UploadEndpoint
{
    public static void MapExampleUpload(this IEndpointRouteBuilder app)
    {
        app.MapPost("/campaigns/{id:int}/examples/upload", UploadAsync)
            .RequireAuthorization(policy => policy.RequireRole(Roles.Lead, Roles.Admin))
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(IngestApi.MaxBytes + (1024 * 1024)));

        app.MapPost("/campaigns/{id:int}/judge/upload", UploadJudgeAsync)
            .RequireAuthorization(policy => policy.RequireRole(Roles.Lead, Roles.Admin))
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(IngestApi.MaxBytes + (1024 * 1024)));

        // Raw ratings in the exact format `humaneval agreement --ratings` reads, so numbers can be reproduced outside the app.
        app.MapGet("/campaigns/{id:int}/export.xlsx", async (int id, HttpResponse response, ClaimsPrincipal user, CampaignWorkbook workbook, IDbContextFactory<AppDbContext> factory, TimeProvider clock, CancellationToken ct) =>
            {
                var name = await AuditExportAsync(factory, id, user, "export.xlsx", clock, ct);
                if (name is null)
                {
                    return Results.NotFound();
                }

                response.ContentType = CampaignWorkbook.ContentType;
                response.Headers.ContentDisposition = $"attachment; filename=\"{CampaignWorkbook.FileName(name, clock.GetUtcNow().UtcDateTime)}\"";
                await workbook.WriteAsync(id, response.Body, ct);
                return Results.Empty;
            })
            .RequireAuthorization(policy => policy.RequireRole(Roles.Lead, Roles.Admin));

        app.MapGet("/campaigns/{id:int}/ratings.csv", async (int id, HttpResponse response, ClaimsPrincipal user, AgreementQueries agreement, IDbContextFactory<AppDbContext> factory, TimeProvider clock, CancellationToken ct) =>
            {
                if (await AuditExportAsync(factory, id, user, "ratings.csv", clock, ct) is null)
                {
                    response.StatusCode = StatusCodes.Status404NotFound;
                    return;
                }

                response.ContentType = "text/csv; charset=utf-8";
                response.Headers.ContentDisposition = $"attachment; filename=\"campaign-{id}-ratings.csv\"";
                await using var writer = new StreamWriter(response.Body);
                await agreement.WriteCsvAsync(id, writer, ct);
            })
            .RequireAuthorization(policy => policy.RequireRole(Roles.Lead, Roles.Admin));
    }

    /// <summary>Records who exported what; returns the campaign's name, or null when there is no such campaign.</summary>
    private static async Task<string?> AuditExportAsync(IDbContextFactory<AppDbContext> factory, int id, ClaimsPrincipal user, string what, TimeProvider clock, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var name = await db.Campaigns.Where(c => c.Id == id).Select(c => c.Name).SingleOrDefaultAsync(ct);
        if (name is not null)
        {
            db.AuditEntries.Add(new AuditEntry
            {
                At = clock.GetUtcNow().UtcDateTime, UserId = user.FindFirstValue(ClaimTypes.NameIdentifier), Action = "campaign.exported",
                Entity = "Campaign", EntityId = id.ToString(System.Globalization.CultureInfo.InvariantCulture), Details = what,
            });
            await db.SaveChangesAsync(ct);
        }

        return name;
    }

    private static async Task<IResult> UploadAsync(int id, IFormFile? file, ClaimsPrincipal user, ExampleImporter importer, IMemoryCache cache, CancellationToken ct)
    {
        UploadOutcome outcome;
        if (file is null || file.Length == 0)
        {
            outcome = new UploadOutcome(file?.FileName ?? "", null, [new ImportError(0, "(file)", "choose a CSV or JSONL file first")], false);
        }
        else if (file.Length > IngestApi.MaxBytes)
        {
            outcome = new UploadOutcome(file.FileName, null, [new ImportError(0, "(file)", $"is {file.Length / 1024 / 1024} MB; the limit is 50 MB")], false);
        }
        else
        {
            var temp = Path.GetTempFileName();
            try
            {
                await using (var target = File.Create(temp))
                {
                    await file.CopyToAsync(target, ct);
                }

                var parsed = ExampleFile.ReadFile(temp, ExampleFile.FormatOf(file.FileName));

                try
                {
                    outcome = parsed.Ok
                        ? new UploadOutcome(file.FileName, await importer.ImportAsync(id, parsed.Rows, user.FindFirstValue(ClaimTypes.NameIdentifier), ct), [], false)
                        : new UploadOutcome(file.FileName, null, parsed.Errors, parsed.Truncated);
                }
                catch (CampaignClosedException ex)
                {
                    outcome = new UploadOutcome(file.FileName, null, [new ImportError(0, "(campaign)", ex.Message)], false);
                }
            }
            finally
            {
                File.Delete(temp);
            }
        }

        var key = Guid.NewGuid().ToString("N");
        cache.Set(CacheKey(key), outcome, TimeSpan.FromMinutes(10));
        return Results.Redirect($"/campaigns/{id}?upload={key}");
    }

    private static async Task<IResult> UploadJudgeAsync(int id, IFormFile? file, ClaimsPrincipal user, JudgeImporter importer, IMemoryCache cache, CancellationToken ct)
    {
        UploadOutcome outcome;
        if (file is null || file.Length == 0 || file.Length > IngestApi.MaxBytes)
        {
            outcome = new UploadOutcome(file?.FileName ?? "", null, [new ImportError(0, "(file)", "choose a CSV or JSONL file of judge scores (at most 50 MB)")], false);
        }
        else
        {
            var temp = Path.GetTempFileName();
            try
            {
                await using (var target = File.Create(temp))
                {
                    await file.CopyToAsync(target, ct);
                }

                var parsed = JudgeFile.ReadFile(temp, ExampleFile.FormatOf(file.FileName));
                var result = await importer.ImportAsync(id, parsed, user.FindFirstValue(ClaimTypes.NameIdentifier), ct);
                outcome = result.Errors.Count > 0
                    ? new UploadOutcome(file.FileName, null, result.Errors, false)
                    : new UploadOutcome(file.FileName, null, [], false, $"Imported {result.Added} judge scores from {file.FileName}; {result.AlreadyPresent} were already present.");
            }
            finally
            {
                File.Delete(temp);
            }
        }

        var key = Guid.NewGuid().ToString("N");
        cache.Set(CacheKey(key), outcome, TimeSpan.FromMinutes(10));
        return Results.Redirect($"/campaigns/{id}?upload={key}");
    }

    public static string CacheKey(string key) => $"upload:{key}";
}
