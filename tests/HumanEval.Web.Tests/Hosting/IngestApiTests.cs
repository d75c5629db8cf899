using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using HumanEval.Core.Campaigns;
using HumanEval.Data;
using HumanEval.Data.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HumanEval.Web.Tests.Hosting;

/// <summary>POST /api/campaigns/{id}/examples with per-campaign API keys, against the real app.</summary>
public sealed class IngestApiTests : IClassFixture<IngestApiTests.Fixture>
{
    public sealed class Fixture : IDisposable
    {
        public TestApp App { get; } = new();

        public void Dispose() => App.Dispose();
    }

    private readonly TestApp app;

    public IngestApiTests(Fixture fixture) => app = fixture.App;

    private async Task<(int CampaignId, string Key)> NewCampaignWithKeyAsync(CampaignKind kind = CampaignKind.Absolute)
    {
        var admin = app.Services.GetRequiredService<CampaignAdmin>();
        var keys = app.Services.GetRequiredService<ApiKeyAdmin>();
        var rubric = await app.WithDb(db => db.RubricVersions.Where(v => v.IsCurrent).Select(v => v.Id).FirstAsync());
        var lead = await app.WithDb(db => db.Users.Where(u => u.Email == "lead@demo.local").Select(u => u.Id).SingleAsync());
        var id = (await admin.CreateAsync(new CampaignSettings { Name = $"API {Guid.NewGuid():N}", RubricVersionId = rubric, Kind = kind }, lead)).Value;
        return (id, await keys.CreateApiKeyAsync(id, "pipeline", lead));
    }

    private async Task<HttpResponseMessage> PostAsync(int campaignId, string? key, string body, string contentType = "application/x-ndjson")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/campaigns/{campaignId}/examples")
        {
            Content = new StringContent(body, Encoding.UTF8, contentType),
        };
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return await app.CreateClient().SendAsync(request);
    }

    private const string TwoRows = "{\"external_id\":\"t1\",\"input\":\"q\",\"output\":\"a\"}\n{\"external_id\":\"t2\",\"input\":\"q\",\"output\":\"a\",\"model\":\"m\"}\n";

    [Fact]
    public async Task A_pipeline_pushes_examples_and_a_repeat_push_adds_nothing()
    {
        var (id, key) = await NewCampaignWithKeyAsync();

        var first = await PostAsync(id, key, TwoRows);
        var second = await PostAsync(id, key, TwoRows);
        var csv = await PostAsync(id, key, "external_id,input,output\nt3,q,a\n", "text/csv");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("{\"added\":2,\"already_present\":0}", await first.Content.ReadAsStringAsync());
        Assert.Equal("{\"added\":0,\"already_present\":2}", await second.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal(3, await app.WithDb(db => db.Examples.CountAsync(e => e.CampaignId == id)));
    }

    [Fact]
    public async Task A_pairwise_campaign_takes_pairs_and_refuses_single_outputs_naming_the_column()
    {
        var (id, key) = await NewCampaignWithKeyAsync(CampaignKind.Pairwise);

        var pairs = await PostAsync(id, key, "{\"external_id\":\"p1\",\"input\":\"q\",\"output_a\":\"a\",\"output_b\":\"b\",\"version_a\":\"v1\",\"version_b\":\"v2\"}\n");
        Assert.Equal(HttpStatusCode.OK, pairs.StatusCode);
        Assert.Equal(1, JsonDocument.Parse(await pairs.Content.ReadAsStringAsync()).RootElement.GetProperty("added").GetInt32());
        var single = await PostAsync(id, key, TwoRows);
        Assert.Equal(HttpStatusCode.BadRequest, single.StatusCode);
        var errors = JsonDocument.Parse(await single.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.Contains(errors.EnumerateArray(), e => e.GetProperty("line").GetInt32() == 1 && e.GetProperty("field").GetString() == "output_a" && e.GetProperty("message").GetString() == "is required");
        Assert.Contains(errors.EnumerateArray(), e => e.GetProperty("field").GetString() == "output" && e.GetProperty("message").GetString()!.Contains("use output_a and output_b", StringComparison.Ordinal));
        Assert.Equal(CampaignKind.Pairwise, await app.WithDb(db => db.Campaigns.Where(c => c.Id == id).Select(c => c.Kind).SingleAsync()));
        Assert.Equal(1, await app.WithDb(db => db.Examples.CountAsync(e => e.CampaignId == id)));
    }

    [Fact]
    public async Task A_closed_campaign_answers_409_and_imports_nothing()
    {
        var (id, key) = await NewCampaignWithKeyAsync();
        await app.WithDb(db => db.Campaigns.Where(c => c.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.State, HumanEval.Core.Campaigns.CampaignState.Closed)));

        var response = await PostAsync(id, key, TwoRows);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("is closed: nothing was imported", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, await app.WithDb(db => db.Examples.CountAsync(e => e.CampaignId == id)));
    }

    [Fact]
    public async Task A_bad_line_gets_400_naming_it_and_nothing_is_imported()
    {
        var (id, key) = await NewCampaignWithKeyAsync();

        var response = await PostAsync(id, key, TwoRows + "{\"external_id\":\"t9\",\"output\":\"a\"}\n");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(400, json.RootElement.GetProperty("status").GetInt32());
        Assert.Equal("Nothing was imported: fix these lines and send the file again.", json.RootElement.GetProperty("detail").GetString());
        Assert.False(json.RootElement.GetProperty("truncated").GetBoolean());
        var error = json.RootElement.GetProperty("errors")[0];
        Assert.Equal(3, error.GetProperty("line").GetInt32());
        Assert.Equal("input", error.GetProperty("field").GetString());
        Assert.Equal(0, await app.WithDb(db => db.Examples.CountAsync(e => e.CampaignId == id)));
    }

    [Fact]
    public async Task Missing_wrong_other_campaign_and_revoked_keys_get_401()
    {
        var (id, key) = await NewCampaignWithKeyAsync();
        var (otherId, otherKey) = await NewCampaignWithKeyAsync();
        var keys = app.Services.GetRequiredService<ApiKeyAdmin>();

        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(id, null, TwoRows)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(id, key + "x", TwoRows)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(id, otherKey, TwoRows)).StatusCode);

        var keyId = (await keys.ApiKeysAsync(otherId)).Single().Id;
        await keys.RevokeApiKeyAsync(otherId, keyId, "test");
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(otherId, otherKey, TwoRows)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(id, key, TwoRows)).StatusCode);
    }

    [Fact]
    public async Task Keys_are_stored_only_as_hashes()
    {
        var (id, key) = await NewCampaignWithKeyAsync();

        var stored = await app.WithDb(db => db.ApiKeys.SingleAsync(k => k.CampaignId == id));

        Assert.DoesNotContain(key, stored.Hash);
        Assert.Equal(ApiKeyAdmin.HashKey(key), stored.Hash);
        Assert.Equal(key[..10], stored.Prefix);
    }

    [Fact]
    public async Task An_unknown_content_type_gets_415()
    {
        var (id, key) = await NewCampaignWithKeyAsync();

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await PostAsync(id, key, "x", "application/xml")).StatusCode);
    }
}
