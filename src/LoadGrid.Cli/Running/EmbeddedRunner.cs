using System.Threading.Channels;
using LoadGrid.Cluster.Hosting;
using LoadGrid.Cluster.Protocol;
using LoadGrid.Core.Metrics;
using Spectre.Console;

namespace LoadGrid.Cli.Running;

/// <summary>
/// <c>loadgrid run FILE</c>: validates the file, starts an embedded one-node cluster (coordinator + a worker per
/// region, history in --db), submits the run to it and follows it like a cluster run.
/// </summary>
public static class EmbeddedRunner
{
    /// <summary>Set to "on" to serialize every actor message, even local ones (tests use it to catch missing bindings).</summary>
    public const string SerializeMessagesVariable = "LOADGRID_SERIALIZE_MESSAGES";

    public static async Task<int> RunAsync(RunRequest request, IAnsiConsole console, TextWriter errors, CancellationToken cancellation)
    {
        if (!DatabaseLocation.TryParse(request.Database, out var database, out var dbError))
        {
            errors.WriteLine($"loadgrid: {dbError}");
            return ExitCodes.BadInput;
        }
        var scenario = LoadedScenario.Load(request.ScenarioPath, request.Env, errors);
        if (scenario is null) return ExitCodes.BadInput;
        var file = scenario.File;

        var serialize = string.Equals(Environment.GetEnvironmentVariable(SerializeMessagesVariable), "on", StringComparison.OrdinalIgnoreCase);
        await using var node = await LoadGridNode.StartAsync(
            NodeOptions.Embedded(file.Regions.Select(r => r.Name).ToArray(), database!, serialize, request.TraceSample), cancellation);

        var reply = await node.SubmitAsync(scenario.ToSubmission(LoadGrid.Cluster.Coordinator.RunIdFactory.New(), request.Env, request.BaseUrl), cancellation);
        if (reply is RunRejected rejected)
        {
            errors.WriteLine($"loadgrid: {rejected.Reason}");
            foreach (var error in rejected.Errors) errors.WriteLine(error);
            return rejected.BadInput ? ExitCodes.BadInput : ExitCodes.Failure;
        }
        var runId = ((RunAccepted)reply).RunId;
        RunFollower.PrintHeader(console, runId, file, "embedded");
        return await RunFollower.FollowAsync(new EmbeddedSession(node.Follow(runId)), request, console, cancellation);
    }

    private sealed class EmbeddedSession(RunHandle handle) : IRunSession
    {
        public string RunId => handle.RunId;

        public ChannelReader<RunProgress> Progress => handle.Progress;

        public Task<RunResult> Completion => handle.Completion;

        public void Stop(string reason) => handle.Stop(reason);

        public void Abort(string reason) => handle.Abort(reason);
    }
}
