using Akka.Actor;
using LoadGrid.Core.Metrics;

namespace LoadGrid.Cluster.Coordinator;

/// <summary>
/// Messages between a run's coordinator and whoever follows the run on the same node (the run manager). They stay on the coordinator's node, so they skip the serialization check.
/// </summary>
public static class RunMessages
{
    /// <summary>Stop the run: gracefully (no new iterations, in-flight ones get gracefulStop) or abort at once.</summary>
    public sealed record StopRun(bool Graceful, string Reason) : INoSerializationVerificationNeeded;

    public sealed record Progressed(RunProgress Progress) : INoSerializationVerificationNeeded;

    public sealed record Finished(RunResult Result) : INoSerializationVerificationNeeded;

    /// <summary>A live change, forwarded by the run manager (the reply goes to the original sender).</summary>
    public sealed record AdjustRun(Protocol.AdjustRunRequest Request) : INoSerializationVerificationNeeded;
}
