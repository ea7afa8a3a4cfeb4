using LoadGrid.Core.Scenarios;

namespace LoadGrid.Core.Data;

/// <summary>
/// Hands out a feeder's rows to iterations, from any number of threads at once, without locks: every pick is one
/// <see cref="Interlocked"/> increment of a counter.
/// </summary>
/// <remarks>
/// Unique: each row once, then <see cref="TryNext"/> returns false for good. Sequential: rows in order, wrapping.
/// Random: a uniformly random row per call, reproducible for a given seed and call order.
/// </remarks>
public sealed class Feeder
{
    // SplitMix64's increment: successive counter values, once mixed, behave as independent uniform draws.
    private const ulong GoldenGamma = 0x9E3779B97F4A7C15UL;

    private readonly IReadOnlyList<string[]> _rows;
    private readonly FeederPick _pick;
    private long _next;

    /// <summary>A feeder whose random picks follow a seed of its own, so shards do not draw the same sequence.</summary>
    public Feeder(FeederTable table)
        : this(table, Random.Shared.Next())
    {
    }

    /// <param name="seed">Fixes the sequence of random picks (ignored by unique and sequential feeders).</param>
    public Feeder(FeederTable table, int seed)
    {
        ArgumentNullException.ThrowIfNull(table);
        Table = table;
        _rows = table.Rows;
        _pick = table.Pick;
        _next = table.Pick == FeederPick.Random ? (long)Mix((ulong)(uint)seed) : 0;
    }

    public FeederTable Table { get; }

    public string Name => Table.Name;

    /// <summary>The next row under the feeder's pick rule; false when it has no (more) rows to give.</summary>
    public bool TryNext(out string[] row)
    {
        var count = _rows.Count;
        if (count == 0)
        {
            row = [];
            return false;
        }
        switch (_pick)
        {
            case FeederPick.Unique:
                var index = Interlocked.Increment(ref _next) - 1;
                if (index >= count)
                {
                    row = [];
                    return false;
                }
                row = _rows[(int)index];
                return true;
            case FeederPick.Sequential:
                row = _rows[(int)((ulong)(Interlocked.Increment(ref _next) - 1) % (ulong)count)];
                return true;
            default:
                var draw = Mix((ulong)Interlocked.Add(ref _next, unchecked((long)GoldenGamma)));
                // Multiply-shift maps 64 random bits onto [0, count) with a bias below count / 2^64.
                row = _rows[(int)Math.BigMul(draw, (ulong)count, out _)];
                return true;
        }
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
