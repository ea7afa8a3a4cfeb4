using Akka.Actor;
using LoadGrid.Cluster.Protocol;
using LoadGrid.Core.Metrics;

namespace LoadGrid.Cluster.Hosting;

/// <summary>
/// Watches one run at the run manager and hands its progress and result to a <see cref="RunHandle"/> outside the
/// actor system; fails the handle when the run ends without a result, so a caller never waits for ever.
/// </summary>
public sealed class RunObserverActor : ReceiveActor
{
    public RunObserverActor(RunHandle handle, IActorRef runManager)
    {
        runManager.Tell(new WatchRun(handle.RunId));
        Receive<RunProgressed>(p => handle.OnProgress(RunResultJson.DeserializeProgress(p.ProgressJson)));
        Receive<RunEnded>(ended =>
        {
            if (ended.ResultJson is not null) handle.OnFinished(RunResultJson.Deserialize(ended.ResultJson));
            else handle.OnFailed(new InvalidOperationException(ended.Error ?? $"run {handle.RunId} ended without a result"));
            Context.Stop(Self);
        });
        Receive<RunNotActive>(_ =>
        {
            handle.OnFailed(new InvalidOperationException($"run {handle.RunId} is not running on this cluster"));
            Context.Stop(Self);
        });
    }

    public static Props CreateProps(RunHandle handle, IActorRef runManager) => Props.Create(() => new RunObserverActor(handle, runManager));
}
