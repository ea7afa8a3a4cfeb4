using System.Diagnostics;
using System.Runtime.CompilerServices;
using LoadGrid.Core.Data;
using LoadGrid.Core.Metrics;
using LoadGrid.Core.Scenarios;
using LoadGrid.Http.Steps;

namespace LoadGrid.Http;

/// <summary>
/// Runs a scenario's flow, one iteration per call, for any number of virtual users at once. One per scenario per
/// shard; immutable after construction, so all its VUs share it. Every request's outcome goes to the metrics sink;
/// nothing a target does (refusing, resetting, timing out, sending garbage or bad JSON) makes it throw.
/// </summary>
public sealed class FlowRunner
{
    private static readonly double MicrosPerTick = 1_000_000.0 / Stopwatch.Frequency;

    private readonly IHttpTransport _transport;
    private readonly IMetricsSink _sink;
    private readonly IReadOnlyDictionary<string, string> _env;
    private readonly string _scenario;
    private readonly string _region;
    private readonly CompiledStep[] _flow;
    private readonly FeederBinding _feeders;
    private readonly IterationTracing? _tracing;
    private readonly ThinkWheel _thinkWheel;
    private readonly TimeoutSourcePool _timeouts = new();

    public FlowRunner(
        ScenarioFile file,
        ScenarioDefinition scenario,
        string region,
        IHttpTransport transport,
        IMetricsSink sink,
        IReadOnlyDictionary<string, string> env,
        IReadOnlyDictionary<string, Feeder> feeders,
        IterationTracing? tracing = null,
        ThinkWheel? thinkWheel = null)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(scenario);
        _transport = transport ?? throw new ArgumentNullException(nameof(transport));
        _sink = sink ?? throw new ArgumentNullException(nameof(sink));
        _env = env ?? throw new ArgumentNullException(nameof(env));
        _scenario = scenario.Name;
        _region = region;
        _tracing = tracing;
        _thinkWheel = thinkWheel ?? ThinkWheel.Shared;

        var requests = 0;
        _flow = scenario.Flow.Select(step => step switch
        {
            RequestStep request => (CompiledStep)new CompiledRequest(requests++, request, file.BaseUrl),
            ThinkStep think => new CompiledThink(think.Min, think.Max),
            _ => throw new ArgumentException($"unknown flow step {step.GetType().Name}", nameof(scenario)),
        }).ToArray();
        StepNames = _flow.OfType<CompiledRequest>().Select(r => r.Name).ToArray();
        _feeders = FeederBinding.For(VariablesUsed(scenario), feeders ?? throw new ArgumentNullException(nameof(feeders)));
    }

    /// <summary>The request steps' names in flow order; the step index given to the sink indexes this list.</summary>
    public IReadOnlyList<string> StepNames { get; }

    /// <summary>A fresh VU of this runner's scenario and region.</summary>
    public VirtualUserState CreateVirtualUser(int vuId) => new(vuId, _scenario, _region, _env);

    /// <summary>Runs the flow once for <paramref name="vu"/>.</summary>
    /// <param name="scheduledStartTimestamp">
    /// The <see cref="Stopwatch.GetTimestamp"/> at which the iteration was scheduled to start (open model), or 0 for
    /// now. The first request's latency counts from it, so a generator that falls behind shows as latency rather
    /// than hiding it (no coordinated omission); later requests count from their own send.
    /// </param>
    /// <param name="cancellation">Ends think times and in-flight requests at once; the interrupted request is not recorded.</param>
    public async Task<IterationOutcome> RunIterationAsync(VirtualUserState vu, long scheduledStartTimestamp, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(vu);
        if (cancellation.IsCancellationRequested) return IterationOutcome.Cancelled;
        if (!vu.TryTakeRows(_feeders)) return IterationOutcome.FeederExhausted;

        var iterationStart = scheduledStartTimestamp != 0 ? scheduledStartTimestamp : Stopwatch.GetTimestamp();
        // The open model hands iterations over a little ahead of their time (the scheduler's tick is coarse): wait
        // for the exact moment, and never count latency from a moment still ahead.
        var early = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), iterationStart);
        if (early > TimeSpan.FromMilliseconds(1))
        {
            await Task.Delay(early, cancellation).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (cancellation.IsCancellationRequested) return IterationOutcome.Cancelled;
        }
        iterationStart = Math.Min(iterationStart, Stopwatch.GetTimestamp());
        var latencyStart = iterationStart;
        // Tracing off (the default) means no tracing object at all: one null check per iteration.
        var trace = _tracing?.StartIteration(vu);
        try
        {
            foreach (var step in _flow)
            {
                if (cancellation.IsCancellationRequested) return IterationOutcome.Cancelled;
                if (step is CompiledRequest request)
                {
                    if (!await SendAsync(request, vu, latencyStart, trace, cancellation).ConfigureAwait(false)) return IterationOutcome.Cancelled;
                }
                else if (!await ThinkAsync((CompiledThink)step, cancellation).ConfigureAwait(false))
                {
                    return IterationOutcome.Cancelled;
                }
                // Only the iteration's first step may owe its latency to the schedule; the rest start when they start.
                latencyStart = 0;
            }
        }
        finally
        {
            trace?.Dispose();
        }
        _sink.RecordIteration(Micros(iterationStart, Stopwatch.GetTimestamp()));
        return IterationOutcome.Completed;
    }

    /// <returns>False when the run was cancelled during the request (nothing recorded).</returns>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    /// <param name="trace">The iteration's span when it is traced (sampled), else null.</param>
    private async ValueTask<bool> SendAsync(CompiledRequest step, VirtualUserState vu, long latencyStart, Activity? trace, CancellationToken cancellation)
    {
        var sendStart = Stopwatch.GetTimestamp();
        var start = latencyStart != 0 ? latencyStart : sendStart;
        if (!step.TryResolveUri(vu, out var uri))
        {
            Record(step, vu, start, uri: null, TransportResponse.Failed(TransportError.Other, null, Stopwatch.GetTimestamp()), bytesSent: 0);
            return true;
        }
        var request = step.BuildRequest(uri, vu, vu.CookieHeader(uri), out var bytesSent);
        var span = trace is null ? null : IterationTracing.StartRequest(trace, step.Name, step.Method, uri);
        if (span is not null)
        {
            request = request with { TraceParent = IterationTracing.TraceParent(span) };
            bytesSent += IterationTracing.HeaderBytes;
        }

        TransportResponse response;
        var timeout = _timeouts.Rent();
        var link = cancellation.UnsafeRegister(static source => ((CancellationTokenSource)source!).Cancel(), timeout);
        try
        {
            timeout.CancelAfter(step.Timeout);
            response = await _transport.SendAsync(request, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            span?.Dispose();
            return false;
        }
        catch (OperationCanceledException e)
        {
            response = TransportResponse.Failed(TransportError.Timeout, e, Stopwatch.GetTimestamp());
        }
        catch (Exception e)
        {
            // IHttpTransport returns its failures; this guards against one that throws them instead.
            response = TransportResponse.Failed(TransportErrorClassifier.Classify(e), e, Stopwatch.GetTimestamp());
        }
        finally
        {
            // Unlinked first, so the run's token can no longer cancel a source that is being reused.
            link.Dispose();
            _timeouts.Return(timeout);
        }

        try
        {
            var failed = Record(step, vu, start, uri, response, bytesSent);
            if (span is not null) IterationTracing.EndRequest(span, response.Status, response.Error, failed);
        }
        finally
        {
            response.ReleaseBody();
        }
        return true;
    }

    /// <returns>Whether the request counted as failed.</returns>
    private bool Record(CompiledRequest step, VirtualUserState vu, long start, Uri? uri, in TransportResponse response, long bytesSent)
    {
        var arrived = response.Error == TransportError.None;
        var failed = !arrived || !step.IsSuccessStatus(response.Status);
        if (arrived && uri is not null && response.SetCookies is { } setCookies) vu.StoreCookies(uri, setCookies);
        _sink.RecordRequest(step.Index, Micros(start, response.EndTimestamp), arrived ? response.Status : 0, response.Error, failed,
            bytesSent, response.HeaderBytes + response.BodyBytes);

        if (step.Checks.Length == 0 && step.Extractions.Length == 0) return failed;
        var view = new ResponseView(response.Status, arrived, response.Body);
        try
        {
            foreach (var check in step.Checks) _sink.RecordCheck(step.Index, check.Evaluate(ref view, vu));
            if (!arrived) return failed;
            foreach (var extraction in step.Extractions)
            {
                if (extraction.TryExtract(ref view, out var value)) vu.SetVariable(extraction.Variable, value);
            }
        }
        finally
        {
            view.Dispose();
        }
        return failed;
    }

    /// <returns>False when the run was cancelled during the pause.</returns>
    /// <remarks>
    /// Not an async method and no Task.Delay: a thinking VU holds only a pooled wheel node (~100 B) besides the
    /// iteration's own suspended call, where a delay cost a timer, a promise, a registration and a state machine.
    /// </remarks>
    private ValueTask<bool> ThinkAsync(CompiledThink think, CancellationToken cancellation)
    {
        var duration = think.NextDuration();
        return duration > TimeSpan.Zero
            ? _thinkWheel.SleepAsync(duration, cancellation)
            : new ValueTask<bool>(!cancellation.IsCancellationRequested);
    }

    private static long Micros(long from, long to) => to <= from ? 0 : (long)((to - from) * MicrosPerTick);

    /// <summary>Every variable the flow's templates read, to know which feeders it uses.</summary>
    private static IEnumerable<string> VariablesUsed(ScenarioDefinition scenario) =>
        scenario.Flow.OfType<RequestStep>().SelectMany(step =>
            step.Url.Variables
                .Concat(step.Headers.SelectMany(h => h.Value.Variables))
                .Concat(step.Body?.Content.Variables ?? [])
                .Concat(step.Checks.OfType<BodyContainsCheck>().SelectMany(c => c.Text.Variables)));
}
