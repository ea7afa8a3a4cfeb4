using System.Threading.Channels;
using Akka.Actor;
using LoadGrid.Cluster.Protocol;
using LoadGrid.Core.Metrics;

namespace LoadGrid.Cluster.Hosting;

/// <summary>A run followed from outside the actor system: its progress as a stream, its end as a task.</summary>
public sealed class RunHandle(string runId, IActorRef runManager)
{
    private readonly Channel<RunProgress> _progress = Channel.CreateBounded<RunProgress>(
        new BoundedChannelOptions(4) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
    private readonly TaskCompletionSource<RunResult> _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string RunId { get; } = runId;

    /// <summary>Progress updates (about one a second); completes when the run ends. Slow readers see the latest.</summary>
    public ChannelReader<RunProgress> Progress => _progress.Reader;

    public Task<RunResult> Completion => _finished.Task;

    /// <summary>Graceful stop: no new iterations; in-flight ones finish within gracefulStop.</summary>
    public void Stop(string reason) => runManager.Tell(new StopRunRequest(RunId, true, reason));

    /// <summary>Abort: in-flight requests are cancelled now.</summary>
    public void Abort(string reason) => runManager.Tell(new StopRunRequest(RunId, false, reason));

    internal void OnProgress(RunProgress progress) => _progress.Writer.TryWrite(progress);

    internal void OnFinished(RunResult result)
    {
        _progress.Writer.TryComplete();
        _finished.TrySetResult(result);
    }

    internal void OnFailed(Exception error)
    {
        _progress.Writer.TryComplete();
        _finished.TrySetException(error);
    }
}
