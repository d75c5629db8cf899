using HumanEval.Core.Campaigns;
using System.Security.Claims;
using HumanEval.Core.Import;
using HumanEval.Data;
using HumanEval.Data.Entities;
using HumanEval.Data.Export;
using HumanEval.Data.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace HumanEval.Web.Features.Campaigns;

/// <summary>The outcome of a browser upload, shown once on the campaign page.</summary>
public sealed record UploadOutcome(string FileName, ImportSummary? Summary, IReadOnlyList<ImportError> Errors, bool Truncated, string? JudgeMessage = null);

/// <summary>
/// Browser upload of examples as a plain multipart form post (antiforgery-checked, leads only): the file streams to
/// disk on the server rather than through the interactive circuit, is validated completely, and imports all or
/// nothing. The result waits in a short-lived cache entry the campaign page reads after the redirect.
/// </summary>
internal static partial class CampaignFileEndpoints
{
    /// <summary>The most a browser upload may send: the 50 MB file limit plus room for the form around it.</summary>
    private const long MaxFormBytes = IngestApi.MaxBytes + (1024 * 1024);

    /// <summary>
    /// An upload over the limit is answered before anything reads its body, with the same "the limit is 50 MB" the
    /// page shows for a large file — otherwise the antiforgery check, which reads the form first, fails on the size
    /// and says "invalid anti-forgery token". Runs before <c>UseAntiforgery</c>.
    /// </summary>
    public static IApplicationBuilder UseUploadSizeCheck(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (HttpMethods.IsPost(context.Request.Method) && context.Request.ContentLength is > MaxFormBytes
            && UploadPath().Match(context.Request.Path.Value ?? "") is { Success: true } match)
        {
            var cache = context.RequestServices.GetRequiredService<IMemoryCache>();
            var key = Guid.NewGuid().ToString("N");
            var mb = context.Request.ContentLength.Value / 1024 / 1024;
            cache.Set(CacheKey(key), new UploadOutcome("The file", null, [new ImportError(0, "(file)", $"the upload is {mb} MB; the limit is 50 MB")], false), TimeSpan.FromMinutes(10));
            context.Response.Headers.Connection = "close"; // the rest of the body is not read
            context.Response.Redirect($"/campaigns/{match.Groups[1].Value}?upload={key}");
            return;
        }

        await next();
    });

    [System.Text.RegularExpressions.GeneratedRegex("^/campaigns/([0-9]+)/(?:examples|judge)/upload$", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex UploadPath();

    public static void MapExampleUpload(this IEndpointRouteBuilder app)
    {
        app.MapPost("/campaigns/{id:int}/examples/upload", UploadAsync)
            .RequireAuthorization(Policies.LeadOrAdmin)
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MaxFormBytes));

        app.MapPost("/campaigns/{id:int}/judge/upload", UploadJudgeAsync)
            .RequireAuthorization(Policies.LeadOrAdmin)
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MaxFormBytes));

        // Raw ratings in the exact format `humaneval agreement --ratings` reads, so numbers can be reproduced outside the app.
        app.MapGet("/campaigns/{id:int}/export.xlsx", async (int id, HttpResponse response, ClaimsPrincipal user, CampaignWorkbook workbook, IDbContextFactory<AppDbContext> factory, TimeProvider clock, CancellationToken ct) =>
            {
                var name = await CampaignNameAsync(factory, id, ct);
                if (name is null)
                {
                    return Results.NotFound();
                }

                response.ContentType = CampaignWorkbook.ContentType;
                response.Headers.ContentDisposition = Attachment(CampaignWorkbook.FileName(name, clock.GetUtcNow().UtcDateTime));
                await workbook.WriteAsync(id, response.Body, ct);
                await AuditExportAsync(factory, id, user, "export.xlsx", clock, ct); // only what was sent in full
                return Results.Empty;
            })
            .RequireAuthorization(Policies.LeadOrAdmin);

        // A pairwise campaign's ratings in the format `humaneval compare --pairwise` reads.
        app.MapGet("/campaigns/{id:int}/ratings.csv", async (int id, HttpResponse response, ClaimsPrincipal user, AgreementQueries agreement, PairwiseFiles pairwise, IDbContextFactory<AppDbContext> factory, TimeProvider clock, CancellationToken ct) =>
            {
                if (await CampaignKindAsync(factory, id, ct) is not { } kind)
                {
                    response.StatusCode = StatusCodes.Status404NotFound;
                    return;
                }

                response.ContentType = "text/csv; charset=utf-8";
                response.Headers.ContentDisposition = Attachment($"campaign-{id}-{(kind == CampaignKind.Pairwise ? "pairwise-" : "")}ratings.csv");
                await using (var writer = new StreamWriter(response.Body))
                {
                    await (kind == CampaignKind.Pairwise ? pairwise.WriteCsvAsync(id, writer, ct) : agreement.WriteCsvAsync(id, writer, ct));
                }

                await AuditExportAsync(factory, id, user, "ratings.csv", clock, ct);
            })
            .RequireAuthorization(Policies.LeadOrAdmin);

        // Preference data for tuning (DPO JSONL): one line per pair with a clear majority.
        app.MapGet("/campaigns/{id:int}/preferences.jsonl", async (int id, HttpResponse response, ClaimsPrincipal user, PairwiseFiles pairwise, IDbContextFactory<AppDbContext> factory, TimeProvider clock, CancellationToken ct) =>
            {
                if (await CampaignKindAsync(factory, id, ct) is not CampaignKind.Pairwise)
                {
                    response.StatusCode = StatusCodes.Status404NotFound;
                    return;
                }

                response.ContentType = "application/x-ndjson; charset=utf-8";
                response.Headers.ContentDisposition = Attachment($"campaign-{id}-preferences.jsonl");
                await using (var writer = new StreamWriter(response.Body))
                {
                    await pairwise.WritePreferencesAsync(id, writer, ct);
                }

                await AuditExportAsync(factory, id, user, "preferences.jsonl", clock, ct);
            })
            .RequireAuthorization(Policies.LeadOrAdmin);
    }

    /// <summary>
    /// <c>attachment</c> with the file name as RFC 6266 says: an ASCII <c>filename</c> for old clients and a UTF-8
    /// <c>filename*</c>, so a campaign called "Évaluation" downloads under its own name instead of failing the header.
    /// </summary>
    internal static string Attachment(string fileName)
    {
        var header = new Microsoft.Net.Http.Headers.ContentDispositionHeaderValue("attachment");
        header.SetHttpFileName(fileName);
        return header.ToString();
    }

    private static async Task<CampaignKind?> CampaignKindAsync(IDbContextFactory<AppDbContext> factory, int id, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Campaigns.Where(c => c.Id == id).Select(c => (CampaignKind?)c.Kind).SingleOrDefaultAsync(ct);
    }

    private static async Task<string?> CampaignNameAsync(IDbContextFactory<AppDbContext> factory, int id, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Campaigns.Where(c => c.Id == id).Select(c => c.Name).SingleOrDefaultAsync(ct);
    }

    /// <summary>Records who exported what, once it has been sent.</summary>
    private static async Task AuditExportAsync(IDbContextFactory<AppDbContext> factory, int id, ClaimsPrincipal user, string what, TimeProvider clock, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        db.RecordCampaign(clock.GetUtcNow().UtcDateTime, user.IdOrNull(), AuditActions.CampaignExported, id, what);
        await db.SaveChangesAsync(ct);
    }

    private static async Task<IResult> UploadAsync(int id, IFormFile? file, ClaimsPrincipal user, ExampleImporter importer, IMemoryCache cache, IDbContextFactory<AppDbContext> factory, CancellationToken ct)
    {
        if (await CampaignNameAsync(factory, id, ct) is null)
        {
            return Results.NotFound();
        }

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

                var parsed = ExampleFile.ReadFile(temp, ExampleFile.FormatOf(file.FileName), await importer.KindAsync(id, ct) ?? CampaignKind.Absolute);

                try
                {
                    outcome = parsed.Ok
                        ? new UploadOutcome(file.FileName, await importer.ImportAsync(id, parsed.Rows, user.IdOrNull(), ct), [], false)
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

    private static async Task<IResult> UploadJudgeAsync(int id, IFormFile? file, ClaimsPrincipal user, JudgeImporter importer, IMemoryCache cache, IDbContextFactory<AppDbContext> factory, CancellationToken ct)
    {
        if (await CampaignNameAsync(factory, id, ct) is null)
        {
            return Results.NotFound();
        }

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
                var result = await importer.ImportAsync(id, parsed, user.IdOrNull(), ct);
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
