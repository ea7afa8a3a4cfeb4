namespace LoadGrid.Core.Metrics;

/// <summary>
/// Everything a finished run leaves behind: its summary, its per-second series (whole run, per region, per step,
/// per scenario) and what happened when. It is stored with the run in the journal, so a report rendered from history
/// is the report written at the run's end. The last three are null in results stored before they were kept.
/// </summary>
public sealed record RunResult(
    RunSummary Summary,
    IReadOnlyList<SeriesPoint> Series,
    IReadOnlyDictionary<string, IReadOnlyList<SeriesPoint>> RegionSeries,
    IReadOnlyDictionary<string, IReadOnlyList<SeriesPoint>>? StepSeries = null,
    IReadOnlyDictionary<string, IReadOnlyList<SeriesPoint>>? ScenarioSeries = null,
    IReadOnlyList<RunMarker>? Events = null);

/// <summary>Something that happened during a run, placed on its clock (for the report's time axis).</summary>
/// <param name="Second">Seconds since the run clock's zero.</param>
/// <param name="Kind">start | stage | scale | stop | node-lost | threshold | end.</param>
public sealed record RunMarker(double Second, string Kind, string Text);
