using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using LoadGrid.Cluster.Telemetry;
using LoadGrid.Core.Metrics;

namespace LoadGrid.Cluster.Tests.Telemetry;

/// <summary>
/// One shard interval becomes the LoadGrid meter's figures: requests by status class, failures, latency samples,
/// checks, bytes, iterations, dropped iterations. Other tests' runs may record at the same time (the meter is per
/// process), so everything here is filtered by a run id of its own.
/// </summary>
public sealed class IntervalTelemetryTests : IDisposable
{
    private readonly string _run = "telemetry-" + Guid.NewGuid().ToString("N");
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<(string Instrument, double Value, Dictionary<string, string> Tags)> _measurements = new();

    public IntervalTelemetryTests()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == LoadGridMeter.Name) listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Keep(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Keep(instrument, value, tags));
        _listener.Start();
    }

    public void Dispose() => _listener.Dispose();

    [Fact]
    public void An_interval_is_counted_by_step_region_and_status_class()
    {
        var metrics = new ShardMetrics(["home", "cart"]);
        for (var i = 0; i < 10; i++) metrics.RecordRequest(0, 2_000, 200, TransportError.None, false, 50, 500);
        metrics.RecordRequest(0, 30_000, 503, TransportError.None, true, 50, 100);
        metrics.RecordRequest(1, 5_000, 404, TransportError.None, true, 60, 90);
        metrics.RecordRequest(1, 9_000, 0, TransportError.ConnectionRefused, true, 60, 0);
        metrics.RecordCheck(0, true);
        metrics.RecordCheck(0, false);
        metrics.RecordIteration(40_000);
        metrics.RecordIteration(41_000);

        IntervalTelemetry.Record(_run, "browse", "eu-west", metrics.TakeInterval(3, 3, droppedIterations: 4));

        Assert.Equal(10, Sum("loadgrid.requests", ("step", "home"), ("status_class", "2xx"), ("region", "eu-west"), ("scenario", "browse")));
        Assert.Equal(1, Sum("loadgrid.requests", ("step", "home"), ("status_class", "5xx")));
        Assert.Equal(1, Sum("loadgrid.requests", ("step", "cart"), ("status_class", "4xx")));
        Assert.Equal(1, Sum("loadgrid.requests", ("step", "cart"), ("status_class", "error")));
        Assert.Equal(13, Sum("loadgrid.requests"));
        Assert.Equal(1, Sum("loadgrid.requests.failed", ("step", "home")));
        Assert.Equal(2, Sum("loadgrid.requests.failed", ("step", "cart")));
        Assert.Equal(1, Sum("loadgrid.checks", ("step", "home"), ("result", "passed")));
        Assert.Equal(1, Sum("loadgrid.checks", ("step", "home"), ("result", "failed")));
        Assert.Equal(11 * 50 + 2 * 60, Sum("loadgrid.data.sent"));
        Assert.Equal(10 * 500 + 100 + 90, Sum("loadgrid.data.received"));
        Assert.Equal(2, Sum("loadgrid.iterations", ("region", "eu-west")));
        Assert.Equal(4, Sum("loadgrid.iterations.dropped"));
        // Iterations are per scenario: no step tag, so their series count never multiplies by steps.
        Assert.All(Of("loadgrid.iterations"), m => Assert.False(m.Tags.ContainsKey("step")));
    }

    [Fact]
    public void Every_latency_sample_is_recorded_once_in_seconds_within_the_histograms_precision()
    {
        var metrics = new ShardMetrics(["home"]);
        long[] micros = [800, 2_000, 2_000, 15_000, 250_000, 3_000_000];
        foreach (var latency in micros) metrics.RecordRequest(0, latency, 200, TransportError.None, false, 0, 0);

        IntervalTelemetry.Record(_run, "browse", "us-east", metrics.TakeInterval(1, 1, 0));

        var recorded = Of("loadgrid.request.duration").Select(m => m.Value).Order().ToArray();
        Assert.Equal(micros.Length, recorded.Length);
        for (var i = 0; i < micros.Length; i++)
            Assert.InRange(recorded[i], micros[i] / 1e6, micros[i] / 1e6 * 1.001);
        Assert.All(Of("loadgrid.request.duration"), m => Assert.Equal("home", m.Tags["step"]));
    }

    [Fact]
    public void An_empty_interval_records_nothing()
    {
        IntervalTelemetry.Record(_run, "browse", "us-east", new ShardMetrics(["home"]).TakeInterval(0, 0, 0));

        Assert.DoesNotContain(_measurements, m => m.Tags.GetValueOrDefault("run") == _run);
    }

    private void Keep(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, tagValue) in tags) map[key] = tagValue?.ToString() ?? "";
        if (map.GetValueOrDefault("run") == _run) _measurements.Enqueue((instrument.Name, value, map));
    }

    private IEnumerable<(string Instrument, double Value, Dictionary<string, string> Tags)> Of(string instrument) =>
        _measurements.Where(m => m.Instrument == instrument);

    private double Sum(string instrument, params (string Key, string Value)[] tags) =>
        Of(instrument).Where(m => tags.All(t => m.Tags.GetValueOrDefault(t.Key) == t.Value)).Sum(m => m.Value);
}
