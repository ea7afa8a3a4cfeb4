using System.Threading.Channels;
using Akka.Actor;
using LoadGrid.Cluster.Protocol;

namespace LoadGrid.Control;

/// <summary>Watches one run at the run manager for one HTTP client and hands what arrives to that request's channel.</summary>
public sealed class WatchRelayActor : ReceiveActor
{
    public WatchRelayActor(string runId, IActorRef runManager, ChannelWriter<IWireMessage> channel)
    {
        runManager.Tell(new WatchRun(runId));
        Receive<RunProgressed>(m => channel.TryWrite(m));
        Receive<RunEnded>(m => channel.TryWrite(m));
        Receive<RunNotActive>(m => channel.TryWrite(m));
    }

    public static Props CreateProps(string runId, IActorRef runManager, ChannelWriter<IWireMessage> channel) =>
        Props.Create(() => new WatchRelayActor(runId, runManager, channel));
}
