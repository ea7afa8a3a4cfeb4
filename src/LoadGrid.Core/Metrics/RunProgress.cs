namespace LoadGrid.Core.Metrics;

/// <summary>What the live view shows, published by the coordinator about once a second.</summary>
/// <param name="Elapsed">Time since the run clock started.</param>
/// <param name="Planned">The planned length of the run (the longest scenario's startTime + duration), without graceful stops.</param>
/// <param name="Rps">Requests per second over the last complete interval.</param>
/// <param name="P95Ms">95th percentile of the last complete interval, in ms.</param>
/// <param name="ErrorRate">Failed / requests over the whole run so far.</param>
public sealed record RunProgress(
    string RunId,
    string Name,
    TimeSpan Elapsed,
    TimeSpan Planned,
    int Vus,
    double Rps,
    double P95Ms,
    double ErrorRate,
    long Requests,
    long Failed,
    long Iterations,
    IReadOnlyList<ScenarioProgress> Scenarios,
    IReadOnlyList<RegionProgress> Regions);

/// <param name="Fraction">How much of the scenario's planned time has passed, 0..1.</param>
public sealed record ScenarioProgress(string Name, double Fraction, int Vus, long Iterations, string State);

public sealed record RegionProgress(string Name, int Vus, double Rps, double P95Ms, double ErrorRate);

/// <summary>One second of the run, whole-run or for one region (for charts and history).</summary>
public sealed record SeriesPoint(int Second, long Requests, long Failed, double P50Ms, double P95Ms, double P99Ms, int Vus, long Iterations);
