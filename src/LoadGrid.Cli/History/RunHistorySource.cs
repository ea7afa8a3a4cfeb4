using LoadGrid.Cluster.Hosting;
using LoadGrid.Cluster.History;
using LoadGrid.Control;
using LoadGrid.Core.Metrics;

namespace LoadGrid.Cli.History;

/// <summary>A problem with what the user named (a database, an address, a run id): exit code 2, with this message.</summary>
public sealed class HistoryInputException(string message) : Exception(message);

/// <summary>
/// Where <c>runs</c>, <c>report</c> and <c>compare</c> read past runs: the journal in <c>--db</c> (read through a
/// short-lived embedded node, the same query code the coordinator serves <c>run list</c> with) or a cluster's control
/// endpoint (<c>--cluster</c>).
/// </summary>
public abstract class RunHistorySource : IAsyncDisposable
{
    public abstract string Where { get; }

    public abstract Task<IReadOnlyList<RunRecord>> ListAsync(CancellationToken cancellation);

    /// <summary>The stored result of a finished run.</summary>
    /// <exception cref="HistoryInputException">No such run, or it has no result (it is running, or was interrupted).</exception>
    public async Task<RunResult> ResultAsync(string runId, CancellationToken cancellation)
    {
        var details = await DetailsAsync(runId, cancellation)
            ?? throw new HistoryInputException($"unknown run id '{runId}' in {Where} ('loadgrid runs' lists them)");
        if (details.ResultJson is null)
            throw new HistoryInputException($"run {runId} has no result in {Where}: its status is {details.Record.Status}");
        return RunResultJson.Deserialize(details.ResultJson);
    }

    protected abstract Task<RunDetails?> DetailsAsync(string runId, CancellationToken cancellation);

    public abstract ValueTask DisposeAsync();

    /// <summary>From --cluster when given, else from --db.</summary>
    /// <exception cref="HistoryInputException">A malformed --db, or a SQLite file that does not exist.</exception>
    public static async Task<RunHistorySource> OpenAsync(string database, string? cluster, string? token, CancellationToken cancellation)
    {
        if (cluster is not null) return new ClusterSource(new ControlClient(cluster, token));
        if (!DatabaseLocation.TryParse(database, out var location, out var error)) throw new HistoryInputException(error!);
        if (location!.Kind == DatabaseKind.Sqlite)
        {
            // Opening would create an empty database: a wrong path must say so instead of listing nothing.
            var path = location.Display["sqlite:".Length..];
            if (!File.Exists(path)) throw new HistoryInputException($"--db {location.Display}: no such file (run history is kept where 'loadgrid run --db' wrote it)");
        }
        return new DatabaseSource(location, await LoadGridNode.StartAsync(NodeOptions.Embedded([], location), cancellation));
    }

    private sealed class DatabaseSource(DatabaseLocation location, LoadGridNode node) : RunHistorySource
    {
        public override string Where => location.Display;

        public override Task<IReadOnlyList<RunRecord>> ListAsync(CancellationToken cancellation) =>
            node.History!.ListAsync([], cancellation);

        protected override Task<RunDetails?> DetailsAsync(string runId, CancellationToken cancellation) =>
            node.History!.GetAsync(runId, active: false, cancellation);

        public override ValueTask DisposeAsync() => node.DisposeAsync();
    }

    private sealed class ClusterSource(ControlClient client) : RunHistorySource
    {
        public override string Where => $"the cluster at {client.Target}";

        public override Task<IReadOnlyList<RunRecord>> ListAsync(CancellationToken cancellation) => client.ListAsync(cancellation);

        protected override Task<RunDetails?> DetailsAsync(string runId, CancellationToken cancellation) => client.GetAsync(runId, cancellation);

        public override ValueTask DisposeAsync()
        {
            client.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
