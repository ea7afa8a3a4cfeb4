using System.Diagnostics;

namespace LoadGrid.Http;

/// <summary>
/// Trace sampling of iterations (<c>--trace-sample</c>): a sampled iteration gets an <see cref="Activity"/> of the
/// "LoadGrid" <see cref="ActivitySource"/>, each of its requests a client child span whose id goes to the target as the
/// W3C <c>traceparent</c> header, so the request can be found in the target's own APM. Unsampled iterations (and every
/// iteration when tracing is off: no instance at all) create no Activity.
/// </summary>
public sealed class IterationTracing
{
    public const string SourceName = "LoadGrid";

    /// <summary>"traceparent: " + 55 characters + CRLF, counted in the request's bytes sent.</summary>
    internal const int HeaderBytes = 13 + 55 + 2;

    public static readonly ActivitySource Source = new(SourceName);

    // The sampling decision is LoadGrid's own (the ratio); this listener makes sure a sampled iteration's Activity
    // exists and is marked recorded even with no exporter listening, so the target still gets its traceparent.
    private static readonly Lazy<ActivityListener> RecordEverything = new(() =>
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => ReferenceEquals(source, Source),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    });

    private readonly double _ratio;

    private IterationTracing(double ratio)
    {
        _ratio = ratio;
        _ = RecordEverything.Value;
    }

    /// <returns>Null (tracing off) for a ratio of 0.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A ratio outside 0..1.</exception>
    public static IterationTracing? For(double ratio)
    {
        if (double.IsNaN(ratio) || ratio is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(ratio), ratio, "expected a fraction 0..1");
        return ratio == 0 ? null : new IterationTracing(ratio);
    }

    public double Ratio => _ratio;

    /// <summary>Decides whether this iteration is traced and, if so, starts its root span.</summary>
    public Activity? StartIteration(VirtualUserState vu)
    {
        if (_ratio < 1 && Random.Shared.NextDouble() >= _ratio) return null;
        // An iteration is a trace of its own, whatever the calling thread had as its current Activity.
        Activity.Current = null;
        var activity = Source.StartActivity($"iteration {vu.Scenario}", ActivityKind.Internal);
        activity?.SetTag("loadgrid.scenario", vu.Scenario);
        activity?.SetTag("loadgrid.region", vu.Region);
        activity?.SetTag("loadgrid.vu", vu.VuId);
        return activity;
    }

    /// <summary>A client span for one request of a traced iteration.</summary>
    public static Activity? StartRequest(Activity iteration, string step, HttpMethod method, Uri uri)
    {
        var activity = Source.StartActivity(step, ActivityKind.Client, iteration.Context);
        if (activity is null) return null;
        activity.SetTag("http.request.method", method.Method);
        activity.SetTag("url.full", uri.ToString());
        activity.SetTag("server.address", uri.Host);
        activity.SetTag("server.port", uri.Port);
        activity.SetTag("loadgrid.step", step);
        return activity;
    }

    /// <summary>Ends a request span with what came back.</summary>
    public static void EndRequest(Activity span, int status, Core.Metrics.TransportError error, bool failed)
    {
        if (error == Core.Metrics.TransportError.None) span.SetTag("http.response.status_code", status);
        else span.SetTag("error.type", error.ToString());
        if (failed) span.SetStatus(ActivityStatusCode.Error);
        span.Dispose();
    }
}
