using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;

namespace HumanEval.Load.Circuit;

/// <summary>
/// One evaluator's browser tab without the browser: signs in over HTTP (cookie, antiforgery), loads the prerendered
/// page, opens the circuit on /_blazor with the "blazorpack" protocol, hands the server the page's component markers
/// (StartCircuit, then UpdateRootComponents, as blazor.web.js does), acknowledges every render batch after applying it
/// to a <see cref="VirtualDom"/>, answers the server's JS calls (module imports get object references, the rest
/// succeed with no value) and raises DOM events through the renderer's DispatchEventAsync with the handler ids the
/// last render issued. The rating page's heartbeat (rating.js, every 30 s while the evaluator is active) is sent too.
/// </summary>
internal sealed partial class CircuitClient : IAsyncDisposable
{
    private readonly string baseUrl;
    private readonly CookieContainer cookies = new();
    private readonly HttpClient http;
    private readonly Lock gate = new();
    private HubConnection? connection;
    private long interopObject;
    private long heartbeatObject;
    private long nextJsObject = 1;
    private long nextCall = 1;
    private TaskCompletionSource rendered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Timer? heartbeat;

    public CircuitClient(string baseUrl)
    {
        this.baseUrl = baseUrl;
        // Connections stay open as long as a browser's would (the server closes idle ones after its keep-alive timeout).
        http = new HttpClient(new SocketsHttpHandler
        {
            CookieContainer = cookies,
            AllowAutoRedirect = true,
            MaxConnectionsPerServer = 6,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10),
        })
        { BaseAddress = new Uri(baseUrl) };
    }

    public VirtualDom Dom { get; } = new();

    /// <summary>The sign-in cookies, for plain requests made as the same person.</summary>
    public CookieContainer Cookies => cookies;

    /// <summary>Offer WebSocket compression (permessage-deflate) as a browser does.</summary>
    public bool Deflate { get; init; }

    public string? Error { get; private set; }

    /// <summary>
    /// When set, every JavaScript call the server awaits is answered as failed with this text as the error, as a
    /// hostile client could (the security tests use it to show the log does not keep such text whole).
    /// </summary>
    public string? FailJavaScriptCallsWith { get; init; }

    public async Task SignInAsync(string email, string password)
    {
        var form = await http.GetStringAsync("/Account/Login");
        var fields = HiddenInput().Matches(form).ToDictionary(m => WebUtility.HtmlDecode(m.Groups["name"].Value), m => WebUtility.HtmlDecode(m.Groups["value"].Value));
        fields["Input.Email"] = email;
        fields["Input.Password"] = password;
        var response = await http.PostAsync("/Account/Login", new FormUrlEncodedContent(fields));
        if (!response.IsSuccessStatusCode || response.RequestMessage!.RequestUri!.AbsolutePath.StartsWith("/Account/Login", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"sign-in as {email} failed: {(int)response.StatusCode} at {response.RequestMessage!.RequestUri}");
        }
    }

    /// <summary>
    /// Loads <paramref name="path"/> and starts its circuit; returns when the first interactive render has arrived.
    /// With <paramref name="assets"/> it also fetches the page's stylesheets and scripts in parallel, as a browser does
    /// (up to six connections, kept alive), so the server holds what a browser tab makes it hold besides the circuit.
    /// </summary>
    public async Task OpenAsync(string path, bool assets = false)
    {
        var html = await http.GetStringAsync(path);
        if (assets)
        {
            var urls = Asset().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups["url"].Value)).Distinct().ToList();
            await Task.WhenAll(urls.Select(async url => (await http.GetAsync(url)).Dispose()));
        }

        var markers = Marker().Matches(html).Select(m => JsonNode.Parse(m.Groups["json"].Value)!.AsObject())
            .Where(m => (string?)m["type"] == "server" && m["descriptor"] is not null).ToList();
        if (markers.Count == 0)
        {
            throw new InvalidOperationException($"{path} has no interactive server component");
        }

        var state = State().Match(html) is { Success: true } s ? s.Groups["state"].Value : "";
        await ConnectAsync();

        var uri = new Uri(new Uri(baseUrl), path).ToString();
        var circuit = await connection!.InvokeAsync<string?>("StartCircuit", baseUrl + "/", uri, "[]", "");
        if (string.IsNullOrEmpty(circuit))
        {
            throw new InvalidOperationException("the server refused to start the circuit");
        }

        var operations = new JsonObject
        {
            ["batchId"] = 1,
            ["operations"] = new JsonArray(markers.Select((m, i) => (JsonNode)new JsonObject
            {
                ["type"] = "add",
                ["ssrComponentId"] = i + 1,
                ["marker"] = m,
            }).ToArray()),
        };
        await connection!.SendAsync("UpdateRootComponents", operations.ToJsonString(), state);
        heartbeat = new Timer(_ => _ = HeartbeatAsync(), null, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30));
    }

    /// <summary>
    /// Opens the Blazor hub connection (negotiate + WebSocket) without asking for a page first, as an attacker who skips
    /// the page would; <see cref="StartCircuitAsync"/> then asks for a circuit on it.
    /// </summary>
    public async Task ConnectAsync()
    {
        var builder = new HubConnectionBuilder()
            .WithUrl(new Uri(new Uri(baseUrl), "/_blazor"), HttpTransportType.WebSockets, o =>
            {
                o.Cookies = cookies;
                if (Deflate)
                {
                    // permessage-deflate, as browsers offer and Blazor Server accepts by default.
                    o.WebSocketConfiguration = socket => socket.DangerousDeflateOptions = new WebSocketDeflateOptions();
                }
            })
            .WithServerTimeout(TimeSpan.FromSeconds(60));
        // The builder registers SignalR's JSON protocol; the last registration is the one the connection uses.
        builder.Services.AddSingleton<IHubProtocol, BlazorPackProtocol>();
        connection = builder.Build();
        connection.On<long, byte[]>("JS.RenderBatch", OnRenderBatchAsync);
        connection.On("JS.BeginInvokeJS", [typeof(long), typeof(string), typeof(string), typeof(int), typeof(long), typeof(int)], OnBeginInvokeJSAsync, this);
        connection.On<string, bool, string>("JS.EndInvokeDotNet", (_, _, _) => { });
        connection.On<long>("JS.EndUpdateRootComponents", _ => { });
        connection.On<string>("JS.Error", error => { Error = error; Signal(); });
        connection.Closed += e => { Error ??= $"connection closed: {e?.Message}"; Signal(); return Task.CompletedTask; };
        await connection.StartAsync();
    }

    /// <summary>Asks for a circuit on the connection of <see cref="ConnectAsync"/>; null when the server gives none.</summary>
    public Task<string?> StartCircuitAsync(string path) =>
        connection!.InvokeAsync<string?>("StartCircuit", baseUrl + "/", new Uri(new Uri(baseUrl), path).ToString(), "[]", "");

    /// <summary>Waits until <paramref name="condition"/> holds on the rendered page (checked after every batch).</summary>
    public async Task WaitForAsync(Func<VirtualDom, bool> condition, TimeSpan timeout, string what)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            Task next;
            lock (gate)
            {
                if (condition(Dom))
                {
                    return;
                }

                if (Error is not null)
                {
                    throw new InvalidOperationException($"{what}: {Error}");
                }

                next = rendered.Task;
            }

            var left = timeout - deadline.Elapsed;
            if (left <= TimeSpan.Zero || await Task.WhenAny(next, Task.Delay(left)) != next)
            {
                throw new TimeoutException($"{what} did not happen within {timeout.TotalSeconds:F0} s; the page says: {Read(d => d.Text())}");
            }
        }
    }

    public T Read<T>(Func<VirtualDom, T> read)
    {
        lock (gate)
        {
            return read(Dom);
        }
    }

    /// <summary>Raises <paramref name="eventName"/> on the first element matching <paramref name="match"/>, as the browser's event delegator does.</summary>
    public Task DispatchAsync(Func<Node, bool> match, string eventName, object eventArgs)
    {
        long handler;
        lock (gate)
        {
            var element = Dom.Find(match) ?? throw new InvalidOperationException($"no element to {eventName}; the page says: {Dom.Text()}");
            handler = element.Handlers.TryGetValue(eventName, out var id) ? id : throw new InvalidOperationException($"the element has no {eventName} handler");
        }

        var args = JsonSerializer.Serialize(new object?[] { new { eventHandlerId = handler, eventName, eventFieldInfo = (object?)null }, eventArgs });
        return connection!.SendAsync("BeginInvokeDotNetFromJS", NextCall(), null, "DispatchEventAsync", interopObject, args);
    }

    private Task HeartbeatAsync()
    {
        var target = Interlocked.Read(ref heartbeatObject);
        return target == 0 || connection?.State != HubConnectionState.Connected
            ? Task.CompletedTask
            : connection.SendAsync("BeginInvokeDotNetFromJS", NextCall(), null, "Heartbeat", target, "[]");
    }

    private string NextCall() => Interlocked.Increment(ref nextCall).ToString(CultureInfo.InvariantCulture);

    private async Task OnRenderBatchAsync(long batchId, byte[] data)
    {
        string? failure = null;
        lock (gate)
        {
            try
            {
                Dom.Apply(data);
            }
            catch (Exception e) when (e is InvalidDataException or ArgumentOutOfRangeException or IndexOutOfRangeException or NullReferenceException)
            {
                failure = e.Message;
                Error = $"render batch {batchId} could not be applied: {e.Message}";
            }
        }

        await connection!.SendAsync("OnRenderCompleted", batchId, failure);
        Signal();
    }

    private void Signal()
    {
        TaskCompletionSource done;
        lock (gate)
        {
            done = rendered;
            rendered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        done.TrySetResult();
    }

    /// <summary>JS.BeginInvokeJS(asyncHandle, identifier, argsJson, resultType, targetInstanceId, callType).</summary>
    private static Task OnBeginInvokeJSAsync(object?[] args, object state)
    {
        var self = (CircuitClient)state;
        var handle = (long)args[0]!;
        var identifier = (string)args[1]!;
        var json = (string?)args[2];
        var resultType = (int)args[3]!;
        if (identifier.EndsWith("attachWebRendererInterop", StringComparison.Ordinal) && json is not null)
        {
            self.interopObject = JsonNode.Parse(json)![1]!["__dotNetObject"]!.GetValue<long>();
        }
        else if (identifier == "startHeartbeat" && json is not null)
        {
            Interlocked.Exchange(ref self.heartbeatObject, JsonNode.Parse(json)![0]!["__dotNetObject"]!.GetValue<long>());
        }

        if (handle == 0)
        {
            return Task.CompletedTask;
        }

        if (self.FailJavaScriptCallsWith is { } failure)
        {
            var failed = new JsonArray(handle, false, failure).ToJsonString();
            return self.connection!.SendAsync("EndInvokeJSFromDotNet", handle, false, failed);
        }

        // Result types: 0 a JSON value, 1 a JS object reference, 2 a stream reference, 3 no value.
        JsonNode? result = resultType == 1 ? new JsonObject { ["__jsObjectId"] = Interlocked.Increment(ref self.nextJsObject) } : null;
        var reply = new JsonArray(handle, true, result).ToJsonString();
        return self.connection!.SendAsync("EndInvokeJSFromDotNet", handle, true, reply);
    }

    public async ValueTask DisposeAsync()
    {
        if (heartbeat is not null)
        {
            await heartbeat.DisposeAsync();
        }

        if (connection is not null)
        {
            await connection.DisposeAsync();
        }

        http.Dispose();
    }

    [GeneratedRegex("""<input[^>]*type="hidden"[^>]*name="(?<name>[^"]+)"[^>]*value="(?<value>[^"]*)"[^>]*>""")]
    private static partial Regex HiddenInput();

    [GeneratedRegex("""<(?:link[^>]*rel="stylesheet"[^>]*href|script[^>]*src)="(?<url>[^"]+)"(?=[\s/>])""")]
    private static partial Regex Asset();

    [GeneratedRegex("""<!--Blazor:(?<json>\{.*?\})-->""", RegexOptions.Singleline)]
    private static partial Regex Marker();

    [GeneratedRegex("""<!--Blazor-Server-Component-State:(?<state>[^-]*?)-->""")]
    private static partial Regex State();
}
