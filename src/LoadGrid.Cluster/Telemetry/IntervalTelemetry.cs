using System.Diagnostics;
using LoadGrid.Core.Metrics;

namespace LoadGrid.Cluster.Telemetry;

/// <summary>
/// Feeds <see cref="LoadGridMeter"/>'s load instruments from one shard interval, once a second per shard: the
/// request path never calls a Meter. The latency histogram is re-recorded from the interval's HdrHistogram buckets
/// (each bucket's value once per sample in it), and only while something listens to it.
/// </summary>
public static class IntervalTelemetry
{
    private static readonly string[] StatusClasses = ["error", "1xx", "2xx", "3xx", "4xx", "5xx"];

    public static void Record(string run, string scenario, string region, IntervalSnapshot interval)
    {
        foreach (var step in interval.Steps) RecordStep(run, scenario, region, step);
        var scenarioTags = new TagList
        {
            { TagNames.Run, run },
            { TagNames.Scenario, scenario },
            { TagNames.Region, region },
        };
        if (interval.Iterations != 0) LoadGridMeter.Iterations.Add(interval.Iterations, scenarioTags);
        if (interval.DroppedIterations != 0) LoadGridMeter.DroppedIterations.Add(interval.DroppedIterations, scenarioTags);
    }

    private static void RecordStep(string run, string scenario, string region, StepInterval step)
    {
        if (step.Requests == 0 && step.ChecksPassed == 0 && step.ChecksFailed == 0) return;
        var tags = new TagList
        {
            { TagNames.Run, run },
            { TagNames.Scenario, scenario },
            { TagNames.Step, step.Name },
            { TagNames.Region, region },
        };
        if (LoadGridMeter.Requests.Enabled) RecordByStatusClass(step, tags);
        // Zero too, once a step has requests: an error-rate query then reads 0 % rather than "no data".
        if (step.Requests != 0) LoadGridMeter.FailedRequests.Add(step.Failed, tags);
        if (step.BytesSent != 0) LoadGridMeter.BytesSent.Add(step.BytesSent, tags);
        if (step.BytesReceived != 0) LoadGridMeter.BytesReceived.Add(step.BytesReceived, tags);
        if (step.ChecksPassed != 0) LoadGridMeter.Checks.Add(step.ChecksPassed, WithTag(tags, TagNames.Result, "passed"));
        if (step.ChecksFailed != 0) LoadGridMeter.Checks.Add(step.ChecksFailed, WithTag(tags, TagNames.Result, "failed"));
        if (LoadGridMeter.RequestDuration.Enabled && step.Latency.TotalCount != 0) RecordLatency(step.Latency, tags);
    }

    private static void RecordByStatusClass(StepInterval step, TagList tags)
    {
        Span<long> perClass = stackalloc long[StatusClasses.Length];
        foreach (var (code, count) in step.StatusCodes) perClass[code is >= 100 and < 600 ? code / 100 : 0] += count;
        foreach (var count in step.Errors) perClass[0] += count;
        for (var i = 0; i < perClass.Length; i++)
        {
            if (perClass[i] != 0) LoadGridMeter.Requests.Add(perClass[i], WithTag(tags, TagNames.StatusClass, StatusClasses[i]));
        }
    }

    /// <summary>
    /// Histogram instruments take one value per call, so a bucket of n samples costs n calls (≈ 0.3 µs each with the
    /// OpenTelemetry SDK collecting, docs/benchmarks.md; in the shard's flush, not in a request). Each sample lands on its HdrHistogram bucket's value: within 0.1 % of the
    /// measured latency, far finer than the exported bucket bounds.
    /// </summary>
    private static void RecordLatency(SparseHistogram latency, TagList tags)
    {
        var values = latency.Values;
        var counts = latency.Counts;
        for (var i = 0; i < values.Length; i++)
        {
            var seconds = values[i] / 1_000_000.0;
            for (var n = counts[i]; n > 0; n--) LoadGridMeter.RequestDuration.Record(seconds, tags);
        }
    }

    private static TagList WithTag(TagList tags, string key, string value)
    {
        tags.Add(key, value);
        return tags;
    }
}
