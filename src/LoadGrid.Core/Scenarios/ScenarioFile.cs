namespace LoadGrid.Core.Scenarios;

/// <summary>A whole scenario file after parsing and validation. Immutable; safe to share between VUs.</summary>
/// <param name="SourcePath">The path the file was read from (for messages and for resolving feeder paths).</param>
/// <param name="SourceText">The file's text, carried to workers so they parse the very same model.</param>
/// <param name="OnRegionLost">What a cluster run does when a region loses its last worker (<c>onRegionLost</c>).</param>
public sealed record ScenarioFile(
    string Name,
    string? BaseUrl,
    IReadOnlyList<RegionWeight> Regions,
    IReadOnlyList<FeederDefinition> Data,
    IReadOnlyList<ScenarioDefinition> Scenarios,
    IReadOnlyList<ThresholdDefinition> Thresholds,
    string SourcePath,
    string SourceText,
    RegionLossPolicy OnRegionLost = RegionLossPolicy.Continue);

/// <summary>
/// <c>onRegionLost: continue</c> (the default) keeps the run going in the other regions with a warning;
/// <c>abort</c> aborts the whole run, for tests whose verdict means nothing without every region.
/// </summary>
public enum RegionLossPolicy { Continue, Abort }

/// <summary>A region's share of the load, by weight. The default file has one region "local" of weight 1.</summary>
public sealed record RegionWeight(string Name, double Weight);

/// <summary>A position in the scenario file, 1-based, for error messages.</summary>
public readonly record struct SourceLocation(int Line, int Column)
{
    public override string ToString() => $"{Line}:{Column}";
}
