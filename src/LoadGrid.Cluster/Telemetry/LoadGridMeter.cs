using System.Diagnostics.Metrics;
using LoadGrid.Cluster.Worker;

namespace LoadGrid.Cluster.Telemetry;

/// <summary>
/// The "LoadGrid" <see cref="Meter"/> and its instruments (docs/operations.md lists them with units and tags). No
/// instrument is touched per request: the load instruments are fed once a second per shard from the interval the
/// shard already builds (<see cref="IntervalTelemetry"/>), the gauges are read at collection time. With no listener
/// (no exporter configured) every Add/Record is a no-op.
/// </summary>
public static class LoadGridMeter
{
    public const string Name = "LoadGrid";

    /// <summary>Bucket bounds (seconds) of the request latency histogram: 1 ms to 60 s, dense where web latencies sit.</summary>
    public static readonly IReadOnlyList<double> LatencyBuckets =
        [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10, 30, 60];

    /// <summary>Bucket bounds (seconds) of the coordinator's interval merge lag.</summary>
    public static readonly IReadOnlyList<double> LagBuckets = [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30];

    public static readonly Meter Meter = new(Name, typeof(LoadGridMeter).Assembly.GetName().Version?.ToString());

    public static readonly Counter<long> Requests = Meter.CreateCounter<long>(
        "loadgrid.requests", "{request}", "HTTP requests sent (tags: run, scenario, step, region, status_class)");

    public static readonly Counter<long> FailedRequests = Meter.CreateCounter<long>(
        "loadgrid.requests.failed", "{request}", "Requests that failed: transport error or a status the step does not accept");

    public static readonly Histogram<double> RequestDuration = Meter.CreateHistogram(
        "loadgrid.request.duration", "s", "Request latency, from the intended start to the last byte of the response",
        tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });

    public static readonly Counter<long> Iterations = Meter.CreateCounter<long>(
        "loadgrid.iterations", "{iteration}", "Iterations of a scenario's flow that finished");

    public static readonly Counter<long> DroppedIterations = Meter.CreateCounter<long>(
        "loadgrid.iterations.dropped", "{iteration}", "Open-model iterations that could not start because maxVUs were busy");

    public static readonly Counter<long> Checks = Meter.CreateCounter<long>(
        "loadgrid.checks", "{check}", "Checks evaluated (tag result: passed | failed)");

    public static readonly Counter<long> BytesSent = Meter.CreateCounter<long>(
        "loadgrid.data.sent", "By", "Request bytes sent (request line, headers, body)");

    public static readonly Counter<long> BytesReceived = Meter.CreateCounter<long>(
        "loadgrid.data.received", "By", "Response bytes received (status line, headers, body)");

    public static readonly Histogram<double> MergeLag = Meter.CreateHistogram(
        "loadgrid.coordinator.merge_lag", "s", "How long after the end of its second a shard's interval reached the run's coordinator",
        tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LagBuckets });

    private static readonly Lock SourcesLock = new();
    private static (NodeLoad Load, NodeHealth Health)[] _sources = [];

    // Observable instruments cannot be removed from a Meter, so there is one of each per process, reading every node
    // the process hosts (one, except in tests); a node that stops unregisters and is no longer reported.
    public static readonly ObservableGauge<int> ActiveVus = Meter.CreateObservableGauge(
        "loadgrid.vus.active", () => Sources.SelectMany(s => ActiveVusOf(s.Load)), "{vu}", "Virtual users running or thinking, as of their shard's last interval");

    public static readonly ObservableGauge<int> ClusterMembers = Meter.CreateObservableGauge(
        "loadgrid.cluster.members", () => Sources.SelectMany(s => s.Health.ObserveMembers()), "{node}", "Cluster members as this node sees them, by status");

    public static readonly ObservableGauge<int> UnreachableMembers = Meter.CreateObservableGauge(
        "loadgrid.cluster.unreachable", () => Sources.SelectMany(s => s.Health.ObserveUnreachable()), "{node}", "Members this node's failure detector marks unreachable");

    public static readonly ObservableGauge<int> ShardsHosted = Meter.CreateObservableGauge(
        "loadgrid.shards.hosted", () => Sources.SelectMany(s => s.Health.ObserveShards()), "{shard}", "Cluster.Sharding shards hosted on this node, per LoadGrid region");

    public static readonly ObservableGauge<int> EntitiesHosted = Meter.CreateObservableGauge(
        "loadgrid.entities.hosted", () => Sources.SelectMany(s => s.Health.ObserveEntities()), "{entity}", "Scenario-shard entities hosted on this node, per LoadGrid region");

    private static (NodeLoad Load, NodeHealth Health)[] Sources => Volatile.Read(ref _sources);

    /// <summary>Makes the gauges report <paramref name="vus"/> and <paramref name="health"/> until the result is disposed.</summary>
    public static IDisposable ObserveNode(NodeLoad load, NodeHealth health)
    {
        lock (SourcesLock) _sources = [.. _sources, (load, health)];
        return new Registration(load);
    }

    private static IEnumerable<Measurement<int>> ActiveVusOf(NodeLoad load) => load.VusByScenario().Select(s => new Measurement<int>(s.Vus,
        new KeyValuePair<string, object?>(TagNames.Run, s.Run),
        new KeyValuePair<string, object?>(TagNames.Scenario, s.Scenario),
        new KeyValuePair<string, object?>(TagNames.Region, s.Region)));

    private sealed class Registration(NodeLoad load) : IDisposable
    {
        public void Dispose()
        {
            lock (SourcesLock) _sources = _sources.Where(s => !ReferenceEquals(s.Load, load)).ToArray();
        }
    }
}
