namespace LoadGrid.Core.Scenarios;

/// <summary>How a feeder hands its rows to iterations.</summary>
public enum FeederPick
{
    /// <summary>Every row is used at most once in the whole run, across all VUs, shards and regions.</summary>
    Unique,
    /// <summary>Rows in file order, wrapping around at the end.</summary>
    Sequential,
    /// <summary>A uniformly random row for every iteration.</summary>
    Random,
}

/// <summary>A CSV feeder: <c>data: { users: { csv: data/users.csv, pick: unique } }</c>.</summary>
/// <param name="CsvPath">The path as written in the file, resolved against the scenario file's folder.</param>
/// <param name="Columns">Column names from the CSV header (known after validation read the file).</param>
public sealed record FeederDefinition(string Name, string CsvPath, string ResolvedPath, FeederPick Pick, IReadOnlyList<string> Columns);
