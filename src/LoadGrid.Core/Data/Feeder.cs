using LoadGrid.Core.Scenarios;

namespace LoadGrid.Core.Data;

/// <summary>
/// Hands out a feeder's rows to iterations, safely from many VUs at once and without locks: sequential wraps
/// around, random picks uniformly, unique hands out every row once and then reports exhaustion.
/// </summary>
public sealed class Feeder
{
    private readonly FeederTable _table;
    private long _next = -1;

    public Feeder(FeederTable table) => _table = table;

    public FeederTable Table => _table;

    public bool TryNext(out string[] row)
    {
        var rows = _table.Rows;
        if (rows.Count == 0)
        {
            row = [];
            return false;
        }
        switch (_table.Pick)
        {
            case FeederPick.Random:
                row = rows[Random.Shared.Next(rows.Count)];
                return true;
            case FeederPick.Unique:
                var taken = Interlocked.Increment(ref _next);
                if (taken >= rows.Count)
                {
                    row = [];
                    return false;
                }
                row = rows[(int)taken];
                return true;
            default:
                row = rows[(int)(Interlocked.Increment(ref _next) % rows.Count)];
                return true;
        }
    }
}
