using Akka.Actor;
using LoadGrid.Cluster.Coordinator;

namespace LoadGrid.Cluster.Hosting;

/// <summary>
/// Hands a run's messages to a <see cref="RunHandle"/> outside the actor system, and fails the handle if the
/// coordinator dies without a summary (so a caller never waits for ever); stops with the run.
/// </summary>
public sealed class RunObserverActor : ReceiveActor
{
    public RunObserverActor(RunHandle handle)
    {
        Receive<WatchCoordinator>(w => Context.Watch(w.Coordinator));
        Receive<RunMessages.Progressed>(p => handle.OnProgress(p.Progress));
        Receive<RunMessages.Finished>(f =>
        {
            handle.OnFinished(f);
            Context.Stop(Self);
        });
        Receive<Terminated>(_ =>
        {
            handle.OnFailed(new InvalidOperationException($"the coordinator of run {handle.RunId} stopped without a summary (see the log above)"));
            Context.Stop(Self);
        });
    }

    public static Props CreateProps(RunHandle handle) => Props.Create(() => new RunObserverActor(handle));

    public sealed record WatchCoordinator(IActorRef Coordinator) : INoSerializationVerificationNeeded;
}
