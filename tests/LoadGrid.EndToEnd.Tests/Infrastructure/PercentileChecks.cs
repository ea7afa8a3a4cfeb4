using Xunit.Abstractions;

namespace LoadGrid.EndToEnd.Tests.Infrastructure;

/// <summary>The two claims about a run's percentiles, checked apart so that a busy CI machine cannot blur them.</summary>
public static class PercentileChecks
{
    /// <summary>
    /// Exact: the summary's p50/p95/p99 equal those of every raw sample of every node (the sample logs) to
    /// HdrHistogram's 3 significant digits — the merge loses nothing. True: they measure the target, never less than
    /// the server's own time (3 % + 1 ms below at most) and not wildly more (1.5× + 50 ms: room for a loaded
    /// machine's scheduling, which is real latency the generator saw, but not the target's).
    /// </summary>
    public static void AssertExactAndTrue(ITestOutputHelper log, Summary summary, double[] samples, double[] served)
    {
        Assert.Equal(summary.Long("totals.requests"), samples.Length);
        foreach (var (name, percentile) in new[] { ("p50", 50.0), ("p95", 95.0), ("p99", 99.0) })
        {
            var reported = summary.Double($"totals.latencyMs.{name}");
            var sampled = SampleLogs.At(samples, percentile);
            var server = SampleLogs.At(served, percentile);
            log.WriteLine($"{name}: reported {reported:0.###} ms, raw samples {sampled:0.###} ms, server {server:0.###} ms");
            Assert.True(Math.Abs(reported - sampled) <= 0.002 * sampled + 0.002,
                $"{name}: reported {reported:0.###} ms, but the raw samples of all nodes give {sampled:0.###} ms");
            Assert.True(reported >= 0.97 * server - 1 && reported <= 1.5 * server + 50,
                $"{name}: reported {reported:0.###} ms, the server spent {server:0.###} ms");
        }
    }
}
