using System.Diagnostics;

namespace LoadGrid.Cluster.Worker;

/// <summary>
/// The run clock on this node: zero is the coordinator's chosen start (wall-clock milliseconds), mapped once onto the
/// monotonic Stopwatch so that later wall-clock adjustments do not move scheduled iterations.
/// </summary>
public readonly struct RunClock
{
    private readonly long _zeroTimestamp;

    private RunClock(long zeroTimestamp) => _zeroTimestamp = zeroTimestamp;

    public static RunClock FromUnixMilliseconds(long runStartUnixMs)
    {
        var untilStartMs = runStartUnixMs - DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        return new RunClock(Stopwatch.GetTimestamp() + untilStartMs * Stopwatch.Frequency / 1000);
    }

    /// <summary>Time since the run's zero; negative before it.</summary>
    public TimeSpan Elapsed => TimeSpan.FromSeconds((Stopwatch.GetTimestamp() - _zeroTimestamp) / (double)Stopwatch.Frequency);

    /// <summary>The Stopwatch timestamp of <paramref name="offset"/> after the run's zero.</summary>
    public long TimestampAt(TimeSpan offset) => _zeroTimestamp + (long)(offset.TotalSeconds * Stopwatch.Frequency);
}
