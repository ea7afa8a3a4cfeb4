using System.Net;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using LoadGrid.Cluster.History;
using LoadGrid.Core.Metrics;

namespace LoadGrid.Control;

/// <summary>A client of a coordinator's control endpoint (what <c>loadgrid run --cluster</c> and <c>loadgrid ctl</c> use).</summary>
public sealed class ControlClient : IDisposable
{
    public const int DefaultPort = 9110;
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(60);

    private readonly HttpClient _http;

    /// <param name="token">The endpoint's bearer token; null reads LOADGRID_TOKEN.</param>
    public ControlClient(string hostPort, string? token = null)
    {
        Target = hostPort;
        // Watch streams last as long as a run: the per-request timeout is enforced with cancellation instead.
        _http = new HttpClient { BaseAddress = ParseAddress(hostPort), Timeout = Timeout.InfiniteTimeSpan };
        token ??= Environment.GetEnvironmentVariable(BearerToken.EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(token))
            _http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token.Trim());
    }

    /// <summary>HOST:PORT as the user gave it.</summary>
    public string Target { get; }

    /// <summary>"host:port", "host" (port 9110) or a URL; throws <see cref="ArgumentException"/> with a usage message.</summary>
    public static Uri ParseAddress(string hostPort)
    {
        if (Uri.TryCreate(hostPort, UriKind.Absolute, out var url) && url.Scheme is "http" or "https") return url;
        if (Uri.TryCreate($"http://{hostPort}", UriKind.Absolute, out var address) && address.PathAndQuery == "/" && hostPort.Length > 0)
            return address.IsDefaultPort && !hostPort.EndsWith(":80", StringComparison.Ordinal) ? new UriBuilder(address) { Port = DefaultPort }.Uri : address;
        throw new ArgumentException($"'{hostPort}' is not a control endpoint address: expected HOST:PORT, e.g. 127.0.0.1:{DefaultPort}");
    }

    public async Task<HealthReply> HealthAsync(CancellationToken ct) =>
        await SendAsync<HealthReply>(HttpMethod.Get, "api/v1/health", null, ct) ?? throw Unexpected("an empty health reply");

    public async Task<IReadOnlyList<MemberReply>> MembersAsync(CancellationToken ct) =>
        (await SendAsync<MembersReply>(HttpMethod.Get, "api/v1/cluster/members", null, ct))?.Members ?? [];

    public async Task<SubmitRunReply> SubmitAsync(SubmitRunBody body, CancellationToken ct) =>
        await SendAsync<SubmitRunReply>(HttpMethod.Post, "api/v1/runs", body, ct) ?? throw Unexpected("an empty submit reply");

    public async Task<IReadOnlyList<RunRecord>> ListAsync(CancellationToken ct) =>
        (await SendAsync<RunListReply>(HttpMethod.Get, "api/v1/runs", null, ct))?.Runs ?? [];

    /// <summary>Null when the cluster has no such run.</summary>
    public async Task<RunDetails?> GetAsync(string runId, CancellationToken ct)
    {
        try
        {
            return await SendAsync<RunDetails>(HttpMethod.Get, $"api/v1/runs/{Uri.EscapeDataString(runId)}", null, ct);
        }
        catch (ControlException e) when (e.Status == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>False when the run is not running.</summary>
    public async Task<bool> StopAsync(string runId, bool graceful, string reason, CancellationToken ct)
    {
        try
        {
            await SendAsync<object>(HttpMethod.Post, $"api/v1/runs/{Uri.EscapeDataString(runId)}/stop", new StopRunBody(graceful, reason), ct);
            return true;
        }
        catch (ControlException e) when (e.Status == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    /// <summary>pause | resume | scale; null when the run is not running; a refused change throws <see cref="ControlException"/> (400).</summary>
    public async Task<AdjustRunReply?> AdjustAsync(string runId, string action, AdjustRunBody body, CancellationToken ct)
    {
        try
        {
            return await SendAsync<AdjustRunReply>(HttpMethod.Post, $"api/v1/runs/{Uri.EscapeDataString(runId)}/{action}", body, ct);
        }
        catch (ControlException e) when (e.Status == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>The run's server-sent events (see <see cref="WatchEvents"/>) until the stream ends.</summary>
    public IAsyncEnumerable<(string Event, string Data)> WatchAsync(string runId, CancellationToken ct) =>
        StreamAsync($"api/v1/runs/{Uri.EscapeDataString(runId)}/watch", ct);

    /// <summary>Membership events ("member", a <see cref="MemberEventReply"/>) until cancelled.</summary>
    public IAsyncEnumerable<(string Event, string Data)> TailAsync(CancellationToken ct) => StreamAsync("api/v1/cluster/tail", ct);

    public async Task<IReadOnlyList<Palettes.PaletteDefinition>> PalettesAsync(CancellationToken ct) =>
        (await SendAsync<PalettesReply>(HttpMethod.Get, "api/v1/palettes", null, ct))?.Palettes ?? [];

    /// <summary>leave | down | join a member address.</summary>
    public async Task<string> MemberActionAsync(string action, string address, CancellationToken ct) =>
        (await SendAsync<ActionReply>(HttpMethod.Post, $"api/v1/cluster/{action}", new MemberActionBody(address), ct))?.Message ?? action;

    public async Task<string> DownUnreachableAsync(CancellationToken ct) =>
        (await SendAsync<ActionReply>(HttpMethod.Post, "api/v1/cluster/down-unreachable", new { }, ct))?.Message ?? "";

    public async Task<IReadOnlyList<ShardRegionReply>> ShardRegionsAsync(string? region, CancellationToken ct) =>
        (await SendAsync<ShardRegionsReply>(HttpMethod.Get, region is null ? "api/v1/sharding/regions" : $"api/v1/sharding/regions/{Uri.EscapeDataString(region)}", null, ct))?.Regions ?? [];

    public async Task<IReadOnlyList<NodeReply>> NodesAsync(CancellationToken ct) =>
        (await SendAsync<NodesReply>(HttpMethod.Get, "api/v1/nodes", null, ct))?.Nodes ?? [];

    private async IAsyncEnumerable<(string Event, string Data)> StreamAsync(string path, [EnumeratorCancellation] CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        using var response = await Call(() => _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct));
        await EnsureSuccessAsync(response, ct);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct));
        string? eventName = null;
        var data = new System.Text.StringBuilder();
        while (await ReadLineOrTimeOutAsync(reader, ct) is { } line)
        {
            if (line.Length == 0)
            {
                if (eventName is not null) yield return (eventName, data.ToString());
                eventName = null;
                data.Clear();
            }
            else if (line.StartsWith("event:", StringComparison.Ordinal)) eventName = line[6..].Trim();
            else if (line.StartsWith("data:", StringComparison.Ordinal)) data.Append(line[5..].TrimStart());
        }
    }

    /// <summary>
    /// A node sends at least a keep-alive comment every 5 s; a stream silent for this long has a dead node behind it
    /// (a SIGKILLed process's socket can stay open without a FIN when the kernel holds it, or a network drops it).
    /// </summary>
    public static readonly TimeSpan WatchSilenceLimit = TimeSpan.FromSeconds(20);

    private async Task<string?> ReadLineOrTimeOutAsync(StreamReader reader, CancellationToken ct)
    {
        using var silence = CancellationTokenSource.CreateLinkedTokenSource(ct);
        silence.CancelAfter(WatchSilenceLimit);
        try
        {
            return await reader.ReadLineAsync(silence.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new IOException($"the control endpoint at {Target} sent nothing for {WatchSilenceLimit.TotalSeconds:0} s");
        }
    }

    public void Dispose() => _http.Dispose();

    private async Task<T?> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(RequestTimeout);
        using var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = JsonContent.Create(body, body.GetType(), options: RunResultJson.Options);
        using var response = await Call(() => _http.SendAsync(request, timeout.Token));
        await EnsureSuccessAsync(response, timeout.Token);
        if (response.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.NoContent || response.Content.Headers.ContentLength == 0) return default;
        return await response.Content.ReadFromJsonAsync<T>(RunResultJson.Options, timeout.Token);
    }

    private async Task<HttpResponseMessage> Call(Func<Task<HttpResponseMessage>> send)
    {
        try
        {
            return await send();
        }
        catch (HttpRequestException e)
        {
            throw new ControlUnreachableException($"cannot reach the LoadGrid control endpoint at {Target}: {e.Message}", e);
        }
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken ct)
    {
        if (response.IsSuccessStatusCode) return;
        ErrorReply? error = null;
        try
        {
            error = await response.Content.ReadFromJsonAsync<ErrorReply>(RunResultJson.Options, ct);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or NotSupportedException)
        {
            // not one of ours: fall back to the status line
        }
        throw new ControlException(response.StatusCode, error?.Error ?? $"{(int)response.StatusCode} {response.ReasonPhrase}", error?.Errors ?? []);
    }

    private static ControlException Unexpected(string what) => new(HttpStatusCode.InternalServerError, $"the control endpoint sent {what}", []);
}

/// <summary>The control endpoint answered with an error.</summary>
public sealed class ControlException(HttpStatusCode status, string message, string[] errors) : Exception(message)
{
    public HttpStatusCode Status { get; } = status;

    public string[] Errors { get; } = errors;
}

/// <summary>Nothing answered at the address.</summary>
public sealed class ControlUnreachableException(string message, Exception inner) : Exception(message, inner);
