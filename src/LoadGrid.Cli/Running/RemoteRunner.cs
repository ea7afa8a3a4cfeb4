using System.Threading.Channels;
using LoadGrid.Control;
using LoadGrid.Core.Metrics;
using Spectre.Console;

namespace LoadGrid.Cli.Running;

/// <summary>
/// <c>loadgrid run FILE --cluster HOST:PORT</c>: validates the file here, submits it with its feeders' rows to the
/// cluster's control endpoint and follows it with the same view, summary and exit codes as an embedded run.
/// </summary>
public static class RemoteRunner
{
    public static async Task<int> RunAsync(RunRequest request, IAnsiConsole console, TextWriter errors, CancellationToken cancellation)
    {
        var scenario = LoadedScenario.Load(request.ScenarioPath, request.Env, errors);
        if (scenario is null) return ExitCodes.BadInput;
        ControlClient client;
        try
        {
            client = new ControlClient(request.Cluster!, request.Token);
        }
        catch (ArgumentException e)
        {
            errors.WriteLine($"loadgrid: --cluster {e.Message}");
            return ExitCodes.BadInput;
        }
        using (client)
        {
            SubmitRunReply accepted;
            try
            {
                var submission = scenario.ToSubmission("", request.Env, request.BaseUrl);
                accepted = await client.SubmitAsync(new SubmitRunBody(
                    submission.ScenarioPath, submission.ScenarioText, submission.Env,
                    scenario.Feeders.Select(f => new FeederBody(f.Name, f.Columns.ToArray(), f.Rows.ToArray(), f.Pick.ToString().ToLowerInvariant())).ToArray(),
                    request.BaseUrl, submission.SubmittedBy), cancellation);
            }
            catch (ControlUnreachableException e)
            {
                errors.WriteLine($"loadgrid: {e.Message}");
                return ExitCodes.BadInput;
            }
            catch (ControlException e)
            {
                errors.WriteLine($"loadgrid: the cluster refused the run: {e.Message}");
                foreach (var error in e.Errors) errors.WriteLine(error);
                return e.Status is System.Net.HttpStatusCode.BadRequest or System.Net.HttpStatusCode.Unauthorized ? ExitCodes.BadInput : ExitCodes.Failure;
            }
            RunFollower.PrintHeader(console, accepted.RunId, scenario.File,
                $"cluster {client.Target}: {string.Join(", ", accepted.WorkersPerRegion.Select(w => $"{w.Key} {w.Value} worker(s)"))}");
            var session = new RemoteSession(client, accepted.RunId, cancellation);
            return await RunFollower.FollowAsync(session, request, console, cancellation);
        }
    }

    /// <summary>A cluster run followed over the control endpoint's event stream.</summary>
    private sealed class RemoteSession : IRunSession
    {
        private readonly ControlClient _client;
        private readonly Channel<RunProgress> _progress = Channel.CreateBounded<RunProgress>(
            new BoundedChannelOptions(4) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

        public RemoteSession(ControlClient client, string runId, CancellationToken cancellation)
        {
            _client = client;
            RunId = runId;
            Completion = WatchAsync(cancellation);
        }

        public string RunId { get; }

        public ChannelReader<RunProgress> Progress => _progress.Reader;

        public Task<RunResult> Completion { get; }

        public void Stop(string reason) => _ = SendStopAsync(graceful: true, reason);

        public void Abort(string reason) => _ = SendStopAsync(graceful: false, reason);

        private async Task SendStopAsync(bool graceful, string reason)
        {
            try
            {
                await _client.StopAsync(RunId, graceful, reason, CancellationToken.None);
            }
            catch (Exception e) when (e is ControlException or ControlUnreachableException or OperationCanceledException)
            {
                await Console.Error.WriteLineAsync($"loadgrid: could not stop run {RunId}: {e.Message}");
            }
        }

        private async Task<RunResult> WatchAsync(CancellationToken cancellation)
        {
            try
            {
                await foreach (var (name, data) in _client.WatchAsync(RunId, cancellation))
                {
                    switch (name)
                    {
                        case WatchEvents.Progress:
                            _progress.Writer.TryWrite(RunResultJson.DeserializeProgress(data));
                            break;
                        case WatchEvents.Finished:
                            return RunResultJson.Deserialize(data);
                        case WatchEvents.Failed:
                            var error = System.Text.Json.JsonSerializer.Deserialize<ErrorReply>(data, RunResultJson.Options);
                            throw new RunLostException($"run {RunId} failed on the cluster: {error?.Error}");
                    }
                }
                throw new RunLostException($"the cluster at {_client.Target} closed run {RunId}'s event stream before its end (see 'loadgrid ctl {_client.Target} run status {RunId}')");
            }
            catch (Exception e) when (e is HttpRequestException or IOException)
            {
                throw new RunLostException($"lost the connection to the cluster at {_client.Target} while following run {RunId} ({e.Message}); " +
                    $"its workers stop the run's load within seconds if its coordinator is gone (see 'loadgrid ctl {_client.Target} run status {RunId}')");
            }
            finally
            {
                _progress.Writer.TryComplete();
            }
        }
    }
}
