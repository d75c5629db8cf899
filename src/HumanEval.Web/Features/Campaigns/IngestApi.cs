using HumanEval.Core.Campaigns;
using HumanEval.Core.Import;
using HumanEval.Data.Workflow;
using HumanEval.Web.Hosting;

namespace HumanEval.Web.Features.Campaigns;

/// <summary>
/// <c>POST /api/campaigns/{id}/examples</c>: a production pipeline pushes sampled traffic with a per-campaign key
/// (<c>Authorization: Bearer …</c> or <c>X-Api-Key</c>). Body: JSONL (application/x-ndjson or application/jsonl) or CSV
/// (text/csv), at most 50 MB. 200 with counts. Errors are RFC 9457 problem details (application/problem+json): 400
/// with every bad line in <c>errors</c> (line, field, message), 401 for a missing, wrong or revoked key, 409 for a closed
/// campaign, 415 for another content type, 429 past the rate limit.
/// </summary>
internal static class IngestApi
{
    public const long MaxBytes = 50L * 1024 * 1024;

    public static void MapIngestApi(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/campaigns/{id:int}/examples", ImportAsync)
            .AllowAnonymous()
            .DisableAntiforgery()
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MaxBytes));

    /// <summary>The key a call carries: <c>Authorization: Bearer …</c> (trimmed), else <c>X-Api-Key</c>; null when neither.</summary>
    public static string? KeyOf(HttpRequest request)
    {
        var key = request.Headers.Authorization.ToString() is { Length: > 7 } auth && auth.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? auth[7..].Trim()
            : request.Headers["X-Api-Key"].ToString().Trim();
        return key.Length == 0 ? null : key;
    }

    private static async Task<IResult> ImportAsync(int id, HttpRequest request, ApiKeyAdmin admin, ExampleImporter importer, IngestThrottle throttle, CancellationToken ct)
    {
        var key = KeyOf(request);
        var valid = key is not null && await admin.AuthenticateApiKeyAsync(id, key, ct);
        using var lease = valid ? throttle.ForKey(ApiKeyAdmin.HashKey(key!)) : throttle.ForAddress(request.HttpContext);
        if (!lease.IsAcquired)
        {
            return IngestThrottle.Refused(lease, request.HttpContext.Response);
        }

        if (!valid)
        {
            return Results.Problem(title: "API key required", detail: "A valid API key for this campaign is required (Authorization: Bearer <key>).", statusCode: StatusCodes.Status401Unauthorized);
        }

        var type = request.ContentType ?? "";
        var format = type.Contains("csv", StringComparison.OrdinalIgnoreCase) ? ExampleFormat.Csv
            : type.Contains("json", StringComparison.OrdinalIgnoreCase) ? ExampleFormat.Jsonl
            : (ExampleFormat?)null;
        if (format is null)
        {
            return Results.Problem(title: "Unsupported content type", detail: "Send JSONL (Content-Type: application/x-ndjson) or CSV (Content-Type: text/csv).", statusCode: StatusCodes.Status415UnsupportedMediaType);
        }

        // Spool to a temporary file (the request body reads asynchronously), then parse it as a stream.
        var temp = Path.GetTempFileName();
        try
        {
            await using (var file = File.Create(temp))
            {
                await request.Body.CopyToAsync(file, ct);
            }

            var parsed = ExampleFile.ReadFile(temp, format.Value, await importer.KindAsync(id, ct) ?? CampaignKind.Absolute);

            if (!parsed.Ok)
            {
                return Results.Problem(
                    title: "Invalid lines", detail: "Nothing was imported: fix these lines and send the file again.", statusCode: StatusCodes.Status400BadRequest,
                    extensions: new Dictionary<string, object?>
                    {
                        ["errors"] = parsed.Errors.Select(e => new { line = e.Line, field = e.Field, message = e.Message }).ToList(),
                        ["truncated"] = parsed.Truncated,
                    });
            }

            try
            {
                var summary = await importer.ImportAsync(id, parsed.Rows, null, ct);
                return Results.Ok(new { added = summary.Added, already_present = summary.AlreadyPresent });
            }
            catch (CampaignClosedException ex)
            {
                return Results.Problem(title: "Campaign closed", detail: ex.Message, statusCode: StatusCodes.Status409Conflict);
            }
        }
        finally
        {
            File.Delete(temp);
        }
    }
}
