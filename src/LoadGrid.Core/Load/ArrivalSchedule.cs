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
    private readonly ScaledRateCurve _curve;
    private readonly double _scenarioStartSeconds;
    private readonly IterationOwnership _ownership;
    private readonly int _index;
    private readonly long _endTicks;
    private long _globalNext;
    private long? _pendingTicks;
    private bool _ended;

    /// <param name="allSegments">Every segment of the scenario, in plan order (every shard must pass the same list).</param>
    /// <param name="index">This shard's position in <paramref name="allSegments"/>.</param>
    /// <param name="factors">The operator's live changes so far (run pause/resume/scale); null is the plan.</param>
    public ArrivalSchedule(ScenarioDefinition scenario, IReadOnlyList<Segment> allSegments, int index, LoadFactors? factors = null)
    {
        if (!scenario.IsOpenModel) throw new ArgumentException($"scenario '{scenario.Name}' is not an arrival-rate scenario", nameof(scenario));
        _scenarioStartSeconds = scenario.StartTime.TotalSeconds;
        _curve = new ScaledRateCurve(new RateCurve(scenario), factors ?? LoadFactors.Plan, _scenarioStartSeconds);
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

    /// <summary>
    /// Puts new live factors on the schedule. Iterations already handed out keep their times (a change takes effect
    /// ahead of the look-ahead, so none of them lies after it); the one this segment holds next is re-timed, and a
    /// schedule that had run dry under a pause can go on.
    /// </summary>
    public void Apply(LoadFactors factors)
    {
        _curve.Apply(factors, _scenarioStartSeconds);
        _ended = false;
        // The held iteration stays this segment's (ownership is by number); under a pause it waits, never due.
        if (_pendingTicks is not null) _pendingTicks = TicksOf(_globalNext - 1);
    }

    private long TicksOf(long globalIndex) =>
        _curve.TimeOf(globalIndex) is { } s ? (long)Math.Round(s * TimeSpan.TicksPerSecond) : long.MaxValue;

    private long? PeekOwn()
    {
        while (_pendingTicks is null && !_ended)
        {
            var ticks = TicksOf(_globalNext);
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
