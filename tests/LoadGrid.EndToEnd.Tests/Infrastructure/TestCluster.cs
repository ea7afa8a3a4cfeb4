using System.Net.Http.Json;
using System.Text.Json;
using Xunit.Abstractions;

namespace LoadGrid.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A real LoadGrid cluster of <c>loadgrid node</c> processes on loopback ports the OS handed out: one coordinator
/// and workers added one by one. Waits on conditions (the control endpoint answering, workers Up as the coordinator
/// sees them), never on fixed sleeps. Disposing kills every process; their output goes to the test log.
/// </summary>
public sealed class TestCluster : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private readonly ITestOutputHelper _log;
    private readonly string _folder;
    private readonly List<LoadGridProcess> _workers = [];
    private readonly List<(LoadGridProcess Process, string Control)> _standbys = [];
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    private TestCluster(ITestOutputHelper log, string folder, string database)
    {
        SampleLogPrefix = System.IO.Path.Combine(folder, "samples");
        _log = log;
        _folder = folder;
        Database = database;
        RemotingPort = FreePort.Take();
        ControlPort = FreePort.Take();
    }

    public int RemotingPort { get; }

    public int ControlPort { get; }

    public string Database { get; }

    /// <summary>Where every node writes its raw samples (see <see cref="SampleLogs"/>).</summary>
    public string SampleLogPrefix { get; }

    /// <summary>HOST:PORT of the control endpoint, as users pass it to --cluster.</summary>
    public string Control => $"127.0.0.1:{ControlPort}";

    public LoadGridProcess Coordinator { get; private set; } = null!;

    /// <summary>Further coordinator-role nodes (<see cref="AddCoordinatorAsync"/>) and their control endpoints.</summary>
    public IReadOnlyList<(LoadGridProcess Process, string Control)> StandbyCoordinators => _standbys;

    public IReadOnlyList<LoadGridProcess> Workers => _workers;

    /// <summary>Everything every node printed so far.</summary>
    public string AllOutput => string.Join("\n", new[] { Coordinator }.Concat(_standbys.Select(s => s.Process)).Concat(_workers).Select(p => p.Stdout + p.Stderr));

    public static async Task<TestCluster> StartAsync(ITestOutputHelper log, string folder, string database, params string[] workerRegions)
    {
        var cluster = new TestCluster(log, folder, database);
        try
        {
            await cluster.StartCoordinatorAsync();
            foreach (var region in workerRegions) await cluster.AddWorkerAsync(region);
            return cluster;
        }
        catch
        {
            cluster.Dispose();
            throw;
        }
    }

    public async Task StartCoordinatorAsync()
    {
        Coordinator = LoadGridProcess.Start(_log, _folder, serializeLocalMessages: false, SampleLogs.Environment(SampleLogPrefix), "node", "--role", "coordinator", "--port", RemotingPort.ToString(),
            "--control-port", ControlPort.ToString(), "--db", Database);
        await Coordinator.WaitForOutputAsync("Control endpoint:", StartTimeout);
        await WaitForWorkersAsync(_workers.Count == 0 ? [] : CountByRegion());
    }

    /// <summary>SIGTERM to the coordinator, then a new coordinator process on the same ports and database.</summary>
    public async Task RestartCoordinatorAsync()
    {
        Coordinator.Signal("TERM");
        await Coordinator.WaitForExitAsync(TimeSpan.FromSeconds(60));
        Coordinator.Dispose();
        Coordinator = LoadGridProcess.Start(_log, _folder, serializeLocalMessages: false, SampleLogs.Environment(SampleLogPrefix), "node", "--role", "coordinator", "--port", RemotingPort.ToString(),
            "--control-port", ControlPort.ToString(), "--db", Database);
        await Coordinator.WaitForOutputAsync("Control endpoint:", StartTimeout);
    }

    /// <summary>A second coordinator-role node on the same database: the run manager moves to it if the first dies.</summary>
    public async Task AddCoordinatorAsync()
    {
        var controlPort = FreePort.Take();
        var coordinator = LoadGridProcess.Start(_log, _folder, serializeLocalMessages: false, SampleLogs.Environment(SampleLogPrefix), "node", "--role", "coordinator", "--port", "0",
            "--control-port", controlPort.ToString(), "--db", Database, "--seed", $"127.0.0.1:{RemotingPort}");
        _standbys.Add((coordinator, $"127.0.0.1:{controlPort}"));
        await coordinator.WaitForOutputAsync("Control endpoint:", StartTimeout);
    }

    /// <param name="environment">Extra variables for this worker (e.g. LOADGRID_METRICS_PORT).</param>
    public async Task AddWorkerAsync(string region, IReadOnlyDictionary<string, string>? environment = null)
    {
        var variables = new Dictionary<string, string>(SampleLogs.Environment(SampleLogPrefix));
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) variables[key] = value;
        var worker = LoadGridProcess.Start(_log, _folder, serializeLocalMessages: false, variables, "node", "--role", "worker", "--region", region, "--port", "0",
            "--seed", $"127.0.0.1:{RemotingPort}");
        _workers.Add(worker);
        await worker.WaitForOutputAsync("LoadGrid node up", StartTimeout);
        await WaitForWorkersAsync(CountByRegion());
    }

    /// <summary>Waits until the coordinator sees exactly these workers Up (what it plans the next run over).</summary>
    public async Task WaitForWorkersAsync(IReadOnlyDictionary<string, int> expected)
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        var last = "";
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                var health = await _http.GetFromJsonAsync<JsonElement>($"http://{Control}/api/v1/health");
                var workers = health.GetProperty("workersPerRegion").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());
                last = string.Join(", ", workers.Select(w => $"{w.Key}={w.Value}"));
                if (workers.Count == expected.Count && expected.All(e => workers.GetValueOrDefault(e.Key) == e.Value)) return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                last = e.Message;
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"the coordinator did not see workers {string.Join(", ", expected.Select(e => $"{e.Key}={e.Value}"))} within {StartTimeout.TotalSeconds:0}s (last: {last})");
    }

    private Dictionary<string, int> CountByRegion() => _workers
        .Select(w => w.Arguments[Array.IndexOf(w.Arguments, "--region") + 1])
        .GroupBy(r => r)
        .ToDictionary(g => g.Key, g => g.Count());

    public void Dispose()
    {
        foreach (var worker in _workers) worker.Dispose();
        foreach (var (standby, _) in _standbys) standby.Dispose();
        Coordinator?.Dispose();
        _http.Dispose();
    }
}
