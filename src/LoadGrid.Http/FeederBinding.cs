using System.Collections.Frozen;
using LoadGrid.Core.Data;

namespace LoadGrid.Http;

/// <summary>
/// The feeders a flow reads and where each <c>feeder.column</c> name finds its value: resolved once per flow runner
/// so a lookup on the hot path is one dictionary probe and two array indexes.
/// </summary>
internal sealed class FeederBinding
{
    private FeederBinding(Feeder[] feeders, FrozenDictionary<string, (int Feeder, int Index)> columns)
    {
        Feeders = feeders;
        Columns = columns;
    }

    public Feeder[] Feeders { get; }

    public FrozenDictionary<string, (int Feeder, int Index)> Columns { get; }

    /// <summary>
    /// Binds only the feeders the flow's templates mention: taking a row of a unique feeder the flow never reads
    /// would use up rows another scenario needs.
    /// </summary>
    public static FeederBinding For(IEnumerable<string> variablesUsed, IReadOnlyDictionary<string, Feeder> feeders)
    {
        var used = new List<Feeder>();
        var columns = new Dictionary<string, (int, int)>(StringComparer.Ordinal);
        foreach (var variable in variablesUsed.Distinct(StringComparer.Ordinal))
        {
            var dot = variable.IndexOf('.');
            if (dot <= 0 || !feeders.TryGetValue(variable[..dot], out var feeder)) continue;
            var index = IndexOf(feeder.Table.Columns, variable[(dot + 1)..]);
            if (index < 0) continue;
            var slot = used.IndexOf(feeder);
            if (slot < 0)
            {
                slot = used.Count;
                used.Add(feeder);
            }
            columns[variable] = (slot, index);
        }
        return new FeederBinding(used.ToArray(), columns.ToFrozenDictionary(StringComparer.Ordinal));
    }

    private static int IndexOf(IReadOnlyList<string> columns, string column)
    {
        for (var i = 0; i < columns.Count; i++)
        {
            if (string.Equals(columns[i], column, StringComparison.Ordinal)) return i;
        }
        return -1;
    }
}
