namespace LoadGrid.Core.Metrics;

/// <summary>Everything a finished run leaves behind: its summary and its per-second series (whole run and per region).</summary>
public sealed record RunResult(
    RunSummary Summary,
    IReadOnlyList<SeriesPoint> Series,
    IReadOnlyDictionary<string, IReadOnlyList<SeriesPoint>> RegionSeries);
