using LoadGrid.Core.Scenarios;

namespace LoadGrid.Core.Data;

/// <summary>A feeder's rows as a shard gets them (for pick: unique, only the shard's own slice).</summary>
public sealed record FeederTable(string Name, IReadOnlyList<string> Columns, IReadOnlyList<string[]> Rows, FeederPick Pick);
