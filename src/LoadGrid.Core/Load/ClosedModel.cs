using LoadGrid.Core.Scenarios;

namespace LoadGrid.Core.Load;

/// <summary>The closed-model executors' VUs as pure functions of the time since the scenario's start.</summary>
public static class ClosedModel
{
    /// <summary>
    /// VUs the whole scenario wants at <paramref name="t"/>: none before its start or from its end on; ramping-vus
    /// moves linearly from startVUs through the stage targets, rounded down (as k6).
    /// </summary>
    public static int VusAt(ScenarioDefinition s, TimeSpan t)
    {
        if (t < TimeSpan.Zero || t >= ScenarioTimeline.ActiveDuration(s)) return 0;
        if (s.Executor != ExecutorKind.RampingVus) return s.Vus;
        double from = s.StartVus;
        foreach (var stage in s.Stages)
        {
            if (t < stage.Duration)
                return (int)Math.Floor(from + (stage.Target - from) * (t.Ticks / (double)stage.Duration.Ticks) + 1e-9);
            t -= stage.Duration;
            from = stage.Target;
        }
        return (int)from;
    }

    /// <summary>The segment's VUs at <paramref name="t"/>: its exact share of <see cref="VusAt"/>.</summary>
    public static int SegmentVusAt(ScenarioDefinition s, Segment segment, TimeSpan t) =>
        (int)SegmentPlanner.Share(VusAt(s, t), segment);

    /// <summary>
    /// The segment's VUs at <paramref name="t"/> with the operator's live <paramref name="factor"/> on the plan: the
    /// whole scenario's scaled VUs are rounded down once, then split exactly, so the shards still add up.
    /// </summary>
    public static int SegmentVusAt(ScenarioDefinition s, Segment segment, TimeSpan t, double factor) =>
        factor == 1.0 ? SegmentVusAt(s, segment, t) : (int)SegmentPlanner.Share(ScaledVus(VusAt(s, t), factor), segment);

    /// <summary>VUs the plan wants times the factor, rounded down (a pause is 0).</summary>
    public static int ScaledVus(int plannedVus, double factor) => (int)Math.Floor(plannedVus * factor + 1e-9);

    /// <summary>The shared-iterations iterations this segment runs: its exact share of the total.</summary>
    public static long SegmentSharedIterations(ScenarioDefinition s, Segment segment) =>
        SegmentPlanner.Share(s.Iterations, segment);

    /// <summary>The most VUs the scenario ever wants at once.</summary>
    public static int PeakVus(ScenarioDefinition s) => s.Executor switch
    {
        ExecutorKind.RampingVus => (int)Math.Max(s.StartVus, s.Stages.Count == 0 ? 0 : s.Stages.Max(st => st.Target)),
        ExecutorKind.ConstantArrivalRate or ExecutorKind.RampingArrivalRate => Math.Max(s.MaxVus, s.PreAllocatedVus),
        _ => s.Vus,
    };
}
