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
        var clients = new List<ControlClient>();
        try
        {
            // --cluster A,B: every coordinator-role node's control endpoint; the run is followed on whichever answers.
            foreach (var address in request.Cluster!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                clients.Add(new ControlClient(address, request.Token));
            if (clients.Count == 0) throw new ArgumentException("needs HOST:PORT");
        }
        catch (ArgumentException e)
        {
            foreach (var client in clients) client.Dispose();
            errors.WriteLine($"loadgrid: --cluster {e.Message}");
            return ExitCodes.BadInput;
        }
        try
        {
            var (accepted, submittedTo) = await SubmitAsync(clients, scenario, request, errors, cancellation);
            if (accepted is null) return submittedTo;
            RunFollower.PrintHeader(console, accepted.RunId, scenario.File,
                $"cluster {clients[submittedTo].Target}: {string.Join(", ", accepted.WorkersPerRegion.Select(w => $"{w.Key} {w.Value} worker(s)"))}");
            var session = new RemoteSession(clients, submittedTo, accepted.RunId, cancellation);
            return await RunFollower.FollowAsync(session, request, console, cancellation);
        }
        finally
        {
            foreach (var client in clients) client.Dispose();
        }
    }

    /// <summary>The control API's body for a scenario: its text and its feeders' rows.</summary>
    public static SubmitRunBody SubmitBody(LoadedScenario scenario, IReadOnlyDictionary<string, string> env, string? baseUrl)
    {
        var submission = scenario.ToSubmission("", env, baseUrl);
        return new SubmitRunBody(
            submission.ScenarioPath, submission.ScenarioText, submission.Env,
            scenario.Feeders.Select(f => new FeederBody(f.Name, f.Columns.ToArray(), f.Rows.ToArray(), f.Pick.ToString().ToLowerInvariant())).ToArray(),
            baseUrl, submission.SubmittedBy);
    }

    /// <returns>The accepted run and the index of the endpoint that took it, or null and the exit code.</returns>
    private static async Task<(SubmitRunReply? Accepted, int Index)> SubmitAsync(
        IReadOnlyList<ControlClient> clients, LoadedScenario scenario, RunRequest request, TextWriter errors, CancellationToken cancellation)
    {
        var body = SubmitBody(scenario, request.Env, request.BaseUrl);
        for (var i = 0; i < clients.Count; i++)
        {
            try
            {
                return (await clients[i].SubmitAsync(body, cancellation), i);
            }
            catch (ControlUnreachableException e)
            {
                errors.WriteLine($"loadgrid: {e.Message}");
                if (i == clients.Count - 1) return (null, ExitCodes.BadInput);
            }
            catch (ControlException e)
            {
                errors.WriteLine($"loadgrid: the cluster refused the run: {e.Message}");
                foreach (var error in e.Errors) errors.WriteLine(error);
                return (null, e.Status is System.Net.HttpStatusCode.BadRequest or System.Net.HttpStatusCode.Unauthorized ? ExitCodes.BadInput : ExitCodes.Failure);
            }
        }
        return (null, ExitCodes.BadInput);
    }

    /// <summary>
    /// A cluster run followed over a control endpoint's event stream. Given several endpoints, a lost stream (its node
    /// died) is picked up on another one for <see cref="ReconnectWindow"/>, while a successor coordinator takes the run
    /// over; with one endpoint a lost stream ends the follow at once.
    /// </summary>
    private sealed class RemoteSession : IRunSession
    {
        /// <summary>Failure detection, the split-brain resolver's 20 s and the take-over, with room to spare.</summary>
        private static readonly TimeSpan ReconnectWindow = TimeSpan.FromSeconds(90);

        private readonly IReadOnlyList<ControlClient> _clients;
        private readonly Channel<RunProgress> _progress = Channel.CreateBounded<RunProgress>(
            new BoundedChannelOptions(4) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        private int _current;

        public RemoteSession(IReadOnlyList<ControlClient> clients, int current, string runId, CancellationToken cancellation)
        {
            _clients = clients;
            _current = current;
            RunId = runId;
            Completion = WatchAsync(cancellation);
        }

        public string RunId { get; }

        public ChannelReader<RunProgress> Progress => _progress.Reader;

        public Task<RunResult> Completion { get; }

        private ControlClient Client => _clients[_current];

        public void Stop(string reason) => _ = SendStopAsync(graceful: true, reason);

        public void Abort(string reason) => _ = SendStopAsync(graceful: false, reason);

        private async Task SendStopAsync(bool graceful, string reason)
        {
            try
            {
                await Client.StopAsync(RunId, graceful, reason, CancellationToken.None);
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
                DateTime? lostSince = null;
                while (true)
                {
                    var problem = await WatchOnceAsync(Client, () => lostSince = null, cancellation);
                    if (problem.Result is { } result) return result;
                    lostSince ??= DateTime.UtcNow;
                    if (_clients.Count == 1 || DateTime.UtcNow - lostSince > ReconnectWindow)
                        throw new RunLostException(problem.Message!);
                    _current = (_current + 1) % _clients.Count;
                    await Task.Delay(TimeSpan.FromSeconds(1), cancellation);
                }
            }
            finally
            {
                _progress.Writer.TryComplete();
            }
        }

        /// <returns>The result, or why the stream ended without one (the follow may go on elsewhere).</returns>
        private async Task<(RunResult? Result, string? Message)> WatchOnceAsync(ControlClient client, Action heard, CancellationToken cancellation)
        {
            try
            {
                await foreach (var (name, data) in client.WatchAsync(RunId, cancellation))
                {
                    switch (name)
                    {
                        case WatchEvents.Progress:
                            heard();
                            _progress.Writer.TryWrite(RunResultJson.DeserializeProgress(data));
                            break;
                        case WatchEvents.Finished:
                            return (RunResultJson.Deserialize(data), null);
                        case WatchEvents.Failed:
                            var error = System.Text.Json.JsonSerializer.Deserialize<ErrorReply>(data, RunResultJson.Options);
                            if (error?.Code == "interrupted" && _clients.Count > 1)
                                return (null, $"run {RunId} is interrupted at {client.Target}: its coordinator died and no successor took it over");
                            throw new RunLostException($"run {RunId} failed on the cluster: {error?.Error}");
                    }
                }
                return (null, $"the cluster at {client.Target} closed run {RunId}'s event stream before its end (see 'loadgrid ctl {client.Target} run status {RunId}')");
            }
            catch (Exception e) when (e is HttpRequestException or IOException or ControlUnreachableException)
            {
                return (null, $"lost the connection to the cluster at {client.Target} while following run {RunId} ({e.Message}); " +
                    $"its workers stop the run's load within seconds if its coordinator is gone (see 'loadgrid ctl {client.Target} run status {RunId}')");
            }
        }
    }
}
