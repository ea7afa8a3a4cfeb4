namespace LoadGrid.Core.Metrics;

/// <summary>
/// The result of a run, in the shape of the contract's summary JSON (property names are camelCased on output).
/// Latencies in milliseconds, rates as fractions.
/// </summary>
public sealed record RunSummary(
    string RunId,
    string Name,
    RunStatus Status,
    DateTimeOffset StartedAt,
    double DurationSeconds,
    TotalsSummary Totals,
    IReadOnlyDictionary<string, GroupSummary> Scenarios,
    IReadOnlyDictionary<string, StepSummary> Steps,
    IReadOnlyDictionary<string, GroupSummary> Regions,
    IReadOnlyList<NodeSummary> Nodes,
    IReadOnlyList<ThresholdResult> Thresholds,
    IReadOnlyList<string> Warnings);

public enum RunStatus { Passed, Failed, Aborted }

public sealed record LatencySummary(double Min, double Mean, double P50, double P75, double P90, double P95, double P99, double P999, double Max)
{
    public static readonly LatencySummary Empty = new(0, 0, 0, 0, 0, 0, 0, 0, 0);
}

public sealed record TotalsSummary(
    long Requests,
    long Failed,
    double ErrorRate,
    double Rps,
    long Iterations,
    long DroppedIterations,
    long ChecksPassed,
    long ChecksFailed,
    LatencySummary LatencyMs,
    IReadOnlyDictionary<string, long> StatusCodes,
    IReadOnlyDictionary<string, long> Errors,
    long BytesSent,
    long BytesReceived,
    LatencySummary IterationDurationMs,
    int VusMax);

/// <summary>Per scenario and per region.</summary>
public sealed record GroupSummary(long Requests, long Failed, double ErrorRate, double Rps, LatencySummary LatencyMs, long Iterations);

/// <summary>Per step: adds status codes (as strings, "200") and transport error kinds ("connectionRefused").</summary>
public sealed record StepSummary(
    long Requests,
    long Failed,
    double ErrorRate,
    double Rps,
    LatencySummary LatencyMs,
    IReadOnlyDictionary<string, long> StatusCodes,
    IReadOnlyDictionary<string, long> Errors,
    long ChecksPassed,
    long ChecksFailed);

public sealed record NodeSummary(string Address, string Region, long Requests);

/// <param name="Metric">The key as written in the file, e.g. <c>http_req_duration{step:products}</c>.</param>
/// <param name="Actual">The measured value the expression compared (ms for durations, a fraction for rates).</param>
public sealed record ThresholdResult(string Metric, string Expression, double Actual, bool Passed, bool AbortOnFail);
