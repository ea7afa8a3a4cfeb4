using Akka.Actor;
using LoadGrid.Http;

namespace LoadGrid.Cluster.Worker;

/// <summary>Messages between a shard and its VUs. They never leave the node, so they skip serialization checks.</summary>
public static class VuMessages
{
    /// <summary>
    /// The VU's own state, sent first by its shard right after spawning it: all the shard's VUs share one Props,
    /// so their state cannot travel in it.
    /// </summary>
    public sealed record Assign(VirtualUserState State, IterationBudget Budget) : INoSerializationVerificationNeeded;

    /// <summary>Closed model: start looping iterations.</summary>
    public sealed record Begin : INoSerializationVerificationNeeded
    {
        public static readonly Begin Instance = new();
    }

    /// <summary>Open model: run one iteration scheduled at <see cref="ScheduledTimestamp"/> (Stopwatch ticks).</summary>
    public sealed record RunOne(long ScheduledTimestamp) : INoSerializationVerificationNeeded;

    /// <summary>Finish the current iteration, then stop (ramp-down, scenario end).</summary>
    public sealed record Retire : INoSerializationVerificationNeeded
    {
        public static readonly Retire Instance = new();
    }

    /// <summary>From the VU's own loop or iteration: it is done, and the actor stops.</summary>
    public sealed record Finished : INoSerializationVerificationNeeded
    {
        public static readonly Finished Instance = new();
    }

    /// <summary>Open model: the VU is free for the next scheduled iteration.</summary>
    public sealed record Idle(IActorRef Vu) : INoSerializationVerificationNeeded;
}
