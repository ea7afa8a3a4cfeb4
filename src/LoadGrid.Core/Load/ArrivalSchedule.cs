using LoadGrid.Core.Scenarios;

namespace LoadGrid.Core.Load;

/// <summary>
/// The iterations one segment of an arrival-rate scenario starts, each with its exact scheduled time: global
/// iteration j is due at N⁻¹(j) on the <see cref="RateCurve"/>, and <see cref="IterationOwnership"/> says which
/// segment starts it. A shard asks for what is due by now on every scheduler tick and gets the exact intended
/// times, so the coarse tick does not shift the latency origin (no coordinated omission).
/// </summary>
public sealed class ArrivalSchedule
{
    private readonly RateCurve _curve;
    private readonly IterationOwnership _ownership;
    private readonly int _index;
    private readonly long _endTicks;
    private long _globalNext;
    private int _pieceHint;
    private long? _pendingTicks;
    private bool _ended;

    /// <param name="allSegments">Every segment of the scenario, in plan order (every shard must pass the same list).</param>
    /// <param name="index">This shard's position in <paramref name="allSegments"/>.</param>
    public ArrivalSchedule(ScenarioDefinition scenario, IReadOnlyList<Segment> allSegments, int index)
    {
        if (!scenario.IsOpenModel) throw new ArgumentException($"scenario '{scenario.Name}' is not an arrival-rate scenario", nameof(scenario));
        _curve = new RateCurve(scenario);
        _ownership = new IterationOwnership(allSegments);
        _index = index;
        _endTicks = (long)(_curve.End * TimeSpan.TicksPerSecond);
    }

    /// <summary>N(t) of the whole scenario: iterations due by <paramref name="t"/>.</summary>
    public static double IterationsBy(ScenarioDefinition s, TimeSpan t) => new RateCurve(s).CountBy(t.TotalSeconds);

    /// <summary>Iterations of this segment handed out so far.</summary>
    public long Taken { get; private set; }

    /// <summary>The scheduled time of this segment's next iteration, or null when none remains.</summary>
    public TimeSpan? NextDueAt => PeekOwn() is { } ticks ? TimeSpan.FromTicks(ticks) : null;

    /// <summary>
    /// Writes the scheduled offsets (TimeSpan ticks since the scenario's start) of this segment's iterations due by
    /// <paramref name="now"/> into <paramref name="due"/>, in order; returns how many. Call again while it fills the span.
    /// </summary>
    public int TakeDue(TimeSpan now, Span<long> due)
    {
        var count = 0;
        while (count < due.Length && PeekOwn() is { } ticks && ticks <= now.Ticks)
        {
            due[count++] = ticks;
            _pendingTicks = null;
            Taken++;
        }
        return count;
    }

    /// <summary>
    /// Passes over this segment's iterations due before <paramref name="resumeAt"/> without handing them out: a shard
    /// that takes over a lost worker's segment mid-run starts at the run clock's now, not at the scenario's start
    /// (the iterations of the gap were never started and are not replayed as a burst).
    /// </summary>
    /// <returns>How many were passed over.</returns>
    public long SkipUntil(TimeSpan resumeAt)
    {
        long skipped = 0;
        while (PeekOwn() is { } ticks && ticks < resumeAt.Ticks)
        {
            _pendingTicks = null;
            skipped++;
        }
        return skipped;
    }

    private long? PeekOwn()
    {
        while (_pendingTicks is null && !_ended)
        {
            var seconds = _curve.TimeOf(_globalNext, ref _pieceHint);
            var ticks = seconds is { } s ? (long)Math.Round(s * TimeSpan.TicksPerSecond) : long.MaxValue;
            if (ticks >= _endTicks)
            {
                _ended = true;
                break;
            }
            _globalNext++;
            if (_ownership.Next() == _index) _pendingTicks = ticks;
        }
        return _pendingTicks;
    }
}
