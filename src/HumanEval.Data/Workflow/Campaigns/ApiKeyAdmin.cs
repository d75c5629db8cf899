using System.Security.Cryptography;
using System.Text;
using HumanEval.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace HumanEval.Data.Workflow;

/// <summary>
/// Per-campaign ingest keys: created (shown once; only the SHA-256 is stored), listed, revoked, and checked for each
/// API call. Every change, and every use, is audited.
/// </summary>
public sealed class ApiKeyAdmin(IDbContextFactory<AppDbContext> factory, TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Creates an ingest key; the plain key is returned once and only its SHA-256 is stored.</summary>
    public async Task<string> CreateApiKeyAsync(int id, string name, string userId, CancellationToken ct = default)
    {
        var key = "he_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(30)).Replace('+', '-').Replace('/', '_').TrimEnd('=');
        await using var db = await factory.CreateDbContextAsync(ct);
        db.ApiKeys.Add(new ApiKey { CampaignId = id, Name = string.IsNullOrWhiteSpace(name) ? "ingest" : name.Trim(), Prefix = key[..10], Hash = HashKey(key), CreatedAt = Now });
        db.RecordCampaign(Now, userId, AuditActions.ApiKeyCreated, id, key[..10]);
        await db.SaveChangesAsync(ct);
        return key;
    }

    public async Task RevokeApiKeyAsync(int id, int keyId, string userId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var now = Now;
        await db.ApiKeys.Where(k => k.Id == keyId && k.CampaignId == id && k.RevokedAt == null).ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedAt, now), ct);
        db.RecordCampaign(Now, userId, AuditActions.ApiKeyRevoked, id, keyId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await db.SaveChangesAsync(ct);
    }

    public async Task<IReadOnlyList<ApiKeyRow>> ApiKeysAsync(int id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.ApiKeys.AsNoTracking().Where(k => k.CampaignId == id).OrderByDescending(k => k.CreatedAt)
            .Select(k => new ApiKeyRow(k.Id, k.Name, k.Prefix, k.CreatedAt, k.RevokedAt, k.LastUsedAt)).ToListAsync(ct);
    }

    /// <summary>True when the key is live and belongs to this campaign; records its use.</summary>
    public async Task<bool> AuthenticateApiKeyAsync(int campaignId, string key, CancellationToken ct = default)
    {
        var hash = HashKey(key);
        await using var db = await factory.CreateDbContextAsync(ct);
        var now = Now;
        var used = await db.ApiKeys.Where(k => k.Hash == hash && k.CampaignId == campaignId && k.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), ct) == 1;
        if (used)
        {
            var prefix = await db.ApiKeys.Where(k => k.Hash == hash).Select(k => k.Prefix + " (" + k.Name + ")").SingleAsync(ct);
            db.RecordCampaign(Now, null, AuditActions.ApiKeyUsed, campaignId, prefix);
            await db.SaveChangesAsync(ct);
        }

        return used;
    }

    public static string HashKey(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
