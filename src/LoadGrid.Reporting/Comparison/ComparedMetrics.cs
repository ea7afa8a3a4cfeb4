using LoadGrid.Core.Metrics;

namespace LoadGrid.Reporting.Comparison;

/// <summary>What kind of number a metric is: how it reads and which budget units make sense for it.</summary>
public enum MetricKind { Latency, Rate, Throughput, Count }

/// <summary>
/// The metrics compare puts side by side, by the names budgets use, and how each is read from a slice of a summary
/// (the whole run, a step, a scenario or a region).
/// </summary>
public static class ComparedMetrics
{
    public sealed record Metric(string Name, MetricKind Kind, bool HigherIsWorse, Func<Slice, double> Read);

    /// <summary>The figures every slice of a summary has.</summary>
    public sealed record Slice(long Requests, long Failed, double ErrorRate, double Rps, LatencySummary Latency);

    public static readonly IReadOnlyList<Metric> All =
    [
        new("requests", MetricKind.Count, false, s => s.Requests),
        new("rps", MetricKind.Throughput, false, s => s.Rps),
        new("errorRate", MetricKind.Rate, true, s => s.ErrorRate),
        new("failed", MetricKind.Count, true, s => s.Failed),
        new("mean", MetricKind.Latency, true, s => s.Latency.Mean),
        new("p50", MetricKind.Latency, true, s => s.Latency.P50),
        new("p90", MetricKind.Latency, true, s => s.Latency.P90),
        new("p95", MetricKind.Latency, true, s => s.Latency.P95),
        new("p99", MetricKind.Latency, true, s => s.Latency.P99),
        new("max", MetricKind.Latency, true, s => s.Latency.Max),
    ];

    public static Metric? Find(string name) => All.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Every slice of a summary by scope ("" for the whole run, then step:, scenario:, region:).</summary>
    public static IReadOnlyDictionary<string, Slice> SlicesOf(RunSummary s)
    {
        var slices = new Dictionary<string, Slice>(StringComparer.Ordinal)
        {
            [""] = new(s.Totals.Requests, s.Totals.Failed, s.Totals.ErrorRate, s.Totals.Rps, s.Totals.LatencyMs),
        };
        foreach (var (name, step) in s.Steps) slices["step:" + name] = new(step.Requests, step.Failed, step.ErrorRate, step.Rps, step.LatencyMs);
        foreach (var (name, g) in s.Scenarios) slices["scenario:" + name] = new(g.Requests, g.Failed, g.ErrorRate, g.Rps, g.LatencyMs);
        foreach (var (name, g) in s.Regions) slices["region:" + name] = new(g.Requests, g.Failed, g.ErrorRate, g.Rps, g.LatencyMs);
        return slices;
    }
}
