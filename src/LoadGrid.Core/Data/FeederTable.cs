using LoadGrid.Core.Scenarios;

namespace LoadGrid.Core.Data;

/// <summary>
/// A feeder's rows as read from its CSV file. For a unique feeder a shard receives only its own disjoint slice,
/// so the table a <see cref="Feeder"/> is built from holds exactly the rows that shard may use.
/// </summary>
/// <param name="Columns">Column names from the header line, in file order; every row has this many fields.</param>
public sealed record FeederTable(string Name, IReadOnlyList<string> Columns, IReadOnlyList<string[]> Rows, FeederPick Pick);
