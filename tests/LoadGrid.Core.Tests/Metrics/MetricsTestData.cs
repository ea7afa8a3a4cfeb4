using LoadGrid.Core.Metrics;

namespace LoadGrid.Core.Tests.Metrics;

internal static class MetricsTestData
{
    /// <summary>A snapshot of one step with the given latencies (µs), all status 200 unless failed.</summary>
    public static IntervalSnapshot Snapshot(IEnumerable<long> latencies, string step = "s", int failedEvery = 0, int vus = 1)
    {
        var metrics = new ShardMetrics([step]);
        var i = 0;
        foreach (var latency in latencies)
        {
            var failed = failedEvery > 0 && i++ % failedEvery == 0;
            metrics.RecordRequest(0, latency, failed ? 500 : 200, TransportError.None, failed, 10, 100);
            metrics.RecordCheck(0, !failed);
        }
        metrics.RecordIteration(1000);
        return metrics.TakeInterval(vus, vus, 0);
    }
}
