namespace LoadGrid.Core.Scenarios.Parsing;

/// <summary>An executor's name in files and the settings it takes besides the common ones.</summary>
internal sealed record ExecutorSpec(string Name, ExecutorKind Kind, IReadOnlyList<string> Settings);

/// <summary>The executors and their settings, as k6 has them.</summary>
internal static class ExecutorSpecs
{
    /// <summary>Settings every executor takes.</summary>
    public static readonly IReadOnlyList<string> CommonKeys = ["executor", "startTime", "gracefulStop", "flow"];

    public static readonly IReadOnlyList<ExecutorSpec> All =
    [
        new("constant-vus", ExecutorKind.ConstantVus, ["vus", "duration"]),
        new("ramping-vus", ExecutorKind.RampingVus, ["startVUs", "stages"]),
        // maxDuration is k6's name for the cap of the iteration executors; duration is accepted as the same.
        new("per-vu-iterations", ExecutorKind.PerVuIterations, ["vus", "iterations", "duration", "maxDuration"]),
        new("shared-iterations", ExecutorKind.SharedIterations, ["vus", "iterations", "duration", "maxDuration"]),
        new("constant-arrival-rate", ExecutorKind.ConstantArrivalRate, ["rate", "timeUnit", "duration", "preAllocatedVUs", "maxVUs"]),
        new("ramping-arrival-rate", ExecutorKind.RampingArrivalRate, ["startRate", "timeUnit", "stages", "preAllocatedVUs", "maxVUs"]),
    ];

    public static readonly IReadOnlyList<string> Names = All.Select(e => e.Name).ToArray();

    /// <summary>Every key a scenario may have under some executor.</summary>
    public static readonly IReadOnlyList<string> AllKeys = CommonKeys.Concat(All.SelectMany(e => e.Settings)).Distinct().ToArray();

    public static ExecutorSpec? Find(string name) => All.FirstOrDefault(e => e.Name == name);
}
