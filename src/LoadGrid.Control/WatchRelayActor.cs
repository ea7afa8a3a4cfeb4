using System.Threading.Channels;
using Akka.Actor;
using LoadGrid.Cluster.Protocol;

namespace LoadGrid.Control;

/// <summary>Watches one run at the run manager for one HTTP client and hands what arrives to that request's channel.</summary>
/// <remarks>
/// The run manager is a cluster singleton reached through a proxy. While its node is dying the proxy still points at
/// it and a <see cref="WatchRun"/> is lost without a word; once the singleton has moved, a new manager knows nothing
/// of this watcher. So the relay asks again whenever it has heard nothing for <see cref="Silence"/> (an active run
/// reports progress every second, and the manager keeps its watchers in a set, so asking twice is harmless).
/// </remarks>
public sealed class WatchRelayActor : ReceiveActor, IWithTimers
{
    public static readonly TimeSpan Silence = TimeSpan.FromSeconds(3);

    private readonly string _runId;
    private readonly IActorRef _runManager;
    private DateTime _lastHeard = DateTime.UtcNow;

    public WatchRelayActor(string runId, IActorRef runManager, ChannelWriter<IWireMessage> channel)
    {
        _runId = runId;
        _runManager = runManager;
        Receive<RunProgressed>(m => Heard(() => channel.TryWrite(m)));
        Receive<RunEnded>(m => Heard(() => channel.TryWrite(m)));
        Receive<RunNotActive>(m => Heard(() => channel.TryWrite(m)));
        Receive<AskAgain>(_ =>
        {
            if (DateTime.UtcNow - _lastHeard >= Silence) _runManager.Tell(new WatchRun(_runId));
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props CreateProps(string runId, IActorRef runManager, ChannelWriter<IWireMessage> channel) =>
        Props.Create(() => new WatchRelayActor(runId, runManager, channel));

    protected override void PreStart()
    {
        _runManager.Tell(new WatchRun(_runId));
        Timers.StartPeriodicTimer("ask-again", AskAgain.Instance, Silence);
    }

    private void Heard(Action relay)
    {
        _lastHeard = DateTime.UtcNow;
        relay();
    }

    private sealed record AskAgain : INoSerializationVerificationNeeded
    {
        public static readonly AskAgain Instance = new();
    }
}
