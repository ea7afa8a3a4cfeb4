using System.Diagnostics;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using LoadGrid.Core.Data;
using LoadGrid.Core.Metrics;
using LoadGrid.Core.Scenarios;

namespace LoadGrid.Http;

public enum IterationOutcome { Completed, Cancelled, FeederExhausted }

/// <summary>
/// Runs a scenario's flow once for a VU: takes the next row of every feeder, sends each request, records its
/// latency, status, checks and extractions into the shard's sink, and sleeps the think times. One instance serves
/// all the scenario's VUs on a shard; it is immutable after construction. Transport failures, bad bodies and failed
/// extractions are recorded, never thrown; only the run's cancellation ends an iteration early.
/// </summary>
public sealed class FlowRunner
{
    private static readonly Func<string, string> JsonEscape = value => JsonEncodedText.Encode(value, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).Value;

    private readonly object[] _steps; // CompiledRequest or ThinkStep, in flow order
    private readonly IHttpTransport _transport;
    private readonly IMetricsSink _sink;
    private readonly Feeder[] _feeders;
    private readonly FeederLayout _feederLayout;

    public FlowRunner(ScenarioFile file, ScenarioDefinition scenario, string region, IHttpTransport transport, IMetricsSink sink,
        IReadOnlyDictionary<string, string> env, IReadOnlyDictionary<string, Feeder> feeders)
    {
        _transport = transport;
        _sink = sink;
        var baseUri = file.BaseUrl is { } b ? new Uri(b.EndsWith('/') ? b : b + "/") : null;
        var index = 0;
        _steps = scenario.Flow.Select(step => step switch
        {
            RequestStep request => new CompiledRequest(request, index++, baseUri),
            _ => (object)step,
        }).ToArray();
        StepNames = scenario.Flow.OfType<RequestStep>().Select(s => s.Name).ToArray();
        _feeders = feeders.Values.ToArray();
        _feederLayout = new FeederLayout(_feeders.Select(f => (f.Table.Name, f.Table.Columns)).ToArray());
        Region = region;
        Env = env;
    }

    /// <summary>The request steps' names in flow order; the sink's step index indexes this list.</summary>
    public IReadOnlyList<string> StepNames { get; }

    public string Region { get; }

    public IReadOnlyDictionary<string, string> Env { get; }

    /// <param name="scheduledStartTimestamp">
    /// Stopwatch timestamp at which the iteration was scheduled (open model), or 0 for "now". The first request's
    /// latency counts from it, so a late start caused by a slow target shows in the percentiles.
    /// </param>
    public async Task<IterationOutcome> RunIterationAsync(VirtualUserState vu, long scheduledStartTimestamp, CancellationToken cancellation)
    {
        for (var f = 0; f < _feeders.Length; f++)
        {
            if (!_feeders[f].TryNext(out var row)) return IterationOutcome.FeederExhausted;
            vu.SetFeederRow(_feederLayout, f, row);
        }
        var iterationStart = scheduledStartTimestamp != 0 ? scheduledStartTimestamp : Stopwatch.GetTimestamp();
        var first = true;
        try
        {
            // An iteration handed over ahead of its time starts at its exact scheduled moment.
            var early = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), iterationStart);
            if (early > TimeSpan.FromMilliseconds(1)) await Task.Delay(early, cancellation).ConfigureAwait(false);
            foreach (var step in _steps)
            {
                if (step is ThinkStep think)
                {
                    await Task.Delay(ThinkTime(think), cancellation).ConfigureAwait(false);
                    continue;
                }
                var request = (CompiledRequest)step;
                var start = first && scheduledStartTimestamp != 0 ? scheduledStartTimestamp : 0;
                first = false;
                await SendAsync(request, vu, start, cancellation).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            return IterationOutcome.Cancelled;
        }
        _sink.RecordIteration(Micros(Math.Min(iterationStart, Stopwatch.GetTimestamp())));
        return IterationOutcome.Completed;
    }

    private async Task SendAsync(CompiledRequest request, VirtualUserState vu, long scheduledStart, CancellationToken cancellation)
    {
        var step = request.Step;
        var uri = request.ConstantUri ?? request.Resolve(step.Url.Render(vu));
        if (uri is null)
        {
            // A template that rendered into no valid URL is the scenario's failure, counted like a transport one.
            _sink.RecordRequest(request.StepIndex, 0, 0, TransportError.Other, failed: true, 0, 0);
            foreach (var _ in request.Checks) _sink.RecordCheck(request.StepIndex, false);
            return;
        }
        var headers = step.Headers.Count == 0
            ? []
            : step.Headers.Select(h => new KeyValuePair<string, string>(h.Name, h.Value.Render(vu))).ToArray();
        byte[]? body = step.Body is { } b ? Encoding.UTF8.GetBytes(b.Content.Render(vu, b.IsJson ? JsonEscape : null)) : null;
        var cookie = vu.Cookies?.GetCookieHeader(uri);
        var transportRequest = new TransportRequest(request.Method, uri, headers, string.IsNullOrEmpty(cookie) ? null : cookie, body, step.Body?.ContentType);

        // From the scheduled start, but never from a moment still ahead (an iteration that began a little early).
        var now = Stopwatch.GetTimestamp();
        var start = scheduledStart != 0 ? Math.Min(scheduledStart, now) : now;
        var response = await _transport.SendAsync(transportRequest, request.NeedsBody, step.Timeout, cancellation).ConfigureAwait(false);
        var latency = Micros(start);

        var failed = response.Error != TransportError.None || request.IsFailure(response.Status);
        _sink.RecordRequest(request.StepIndex, latency, response.Status, response.Error, failed, (body?.Length ?? 0) + EstimateRequestHeaderBytes(uri, headers), response.BytesReceived);
        if (response.SetCookies is { } setCookies) StoreCookies(vu, uri, setCookies);
        if (request.Checks.Length == 0 && request.Extractions.Length == 0) return;

        using var json = request.NeedsJson && response.Body is { Length: > 0 } ? TryParseJson(response.Body) : null;
        string? text = null;
        string Text() => text ??= response.Body is null ? string.Empty : Encoding.UTF8.GetString(response.Body);
        foreach (var check in request.Checks)
            _sink.RecordCheck(request.StepIndex, response.Error == TransportError.None && Passes(check, response, json, Text, vu));
        foreach (var extraction in request.Extractions)
            if (response.Error == TransportError.None && TryExtract(extraction, json, Text) is { } value)
                vu.SetVariable(extraction.Variable, value);
    }

    private static bool Passes(CompiledCheck check, TransportResponse response, JsonDocument? json, Func<string> text, VirtualUserState vu) => check.Check switch
    {
        StatusCheck status => status.Allowed.Contains(response.Status),
        BodyContainsCheck contains => text().Contains(contains.Text.Render(vu), StringComparison.Ordinal),
        JsonPathCheck => json is not null && check.Path!.TryEvaluate(json.RootElement, out var found) && JsonPath.JsonEquals(found, check.Expected),
        _ => false,
    };

    private static string? TryExtract(CompiledExtraction extraction, JsonDocument? json, Func<string> text)
    {
        if (extraction.Path is not null)
            return json is not null && extraction.Path.TryEvaluate(json.RootElement, out var value) ? JsonPath.AsText(value) : null;
        try
        {
            var match = extraction.Pattern!.Match(text());
            if (!match.Success) return null;
            return match.Groups.Count > 1 ? match.Groups[1].Value : match.Value;
        }
        catch (RegexMatchTimeoutException)
        {
            return null;
        }
    }

    private static JsonDocument? TryParseJson(byte[] body)
    {
        try
        {
            return JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return null; // not JSON: JSON checks fail, JSON extractions find nothing
        }
    }

    private static void StoreCookies(VirtualUserState vu, Uri uri, IReadOnlyList<string> setCookies)
    {
        foreach (var header in setCookies)
        {
            try
            {
                vu.EnsureCookies().SetCookies(uri, header);
            }
            catch (System.Net.CookieException)
            {
                // a malformed cookie from the target is its problem, not the VU's
            }
        }
    }

    private static TimeSpan ThinkTime(ThinkStep think) => think.Max <= think.Min
        ? think.Min
        : think.Min + TimeSpan.FromTicks((long)(Random.Shared.NextDouble() * (think.Max - think.Min).Ticks));

    private static long Micros(long startTimestamp) => (long)Stopwatch.GetElapsedTime(startTimestamp).TotalMicroseconds;

    private static long EstimateRequestHeaderBytes(Uri uri, KeyValuePair<string, string>[] headers)
    {
        long bytes = uri.PathAndQuery.Length + uri.Host.Length + 30;
        foreach (var (name, value) in headers) bytes += name.Length + value.Length + 4;
        return bytes;
    }
}
