using System.Threading.Channels;
using LoadGrid.Core.Metrics;

namespace LoadGrid.Cli.Running;

/// <summary>A run being followed by the CLI, wherever it runs (embedded in this process, or on a cluster).</summary>
public interface IRunSession
{
    string RunId { get; }

    ChannelReader<RunProgress> Progress { get; }

    Task<RunResult> Completion { get; }

    void Stop(string reason);

    void Abort(string reason);
}
