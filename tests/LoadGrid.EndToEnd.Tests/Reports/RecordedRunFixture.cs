using System.Text;
using LoadGrid.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace LoadGrid.EndToEnd.Tests.Reports;

/// <summary>
/// One real run, made once for the report tests: two regions, two steps, a ramp, history in a SQLite file of its
/// own, and the HTML report, summary JSON and JUnit XML written at its end. The tests read it from later processes.
/// </summary>
public sealed class RecordedRunFixture : IAsyncLifetime
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(2);
    private readonly StringBuilder _log = new();
    private KnownTargetServer _server = null!;

    public TempFolder Folder { get; } = new();

    public string Database => "sqlite:" + Folder.File("history.db");

    public string Html => Folder.File("end.html");

    public string Json => Folder.File("end.json");

    public string Junit => Folder.File("end.xml");

    public string RunId { get; private set; } = "";

    public int ExitCode { get; private set; }

    /// <summary>What the run printed (the fixture has no test output of its own; tests print it when they fail).</summary>
    public string Log => _log.ToString();

    public async Task InitializeAsync()
    {
        _server = await KnownTargetServer.StartAsync();
        var file = Folder.Write("recorded.yaml", $"""
            name: recorded
            baseUrl: {_server.BaseAddress}
            regions: {"{"} us-east: 1, eu-west: 1 {"}"}
            scenarios:
              shop:
                executor: ramping-vus
                startVUs: 2
                stages: [ {"{"} duration: 3s, target: 6 {"}"}, {"{"} duration: 3s, target: 6 {"}"} ]
                flow:
                  - get: /ok
                    name: home
                  - get: /mix
                    name: mix
            thresholds:
              http_req_duration: [ "p(95)<5000" ]
              http_req_failed: [ "rate<0.5" ]
            """);
        using var process = await LoadGridProcess.RunAsync(new BufferLog(_log), Folder.Path, RunTimeout,
            ["run", file, "--db", Database, "--report", Html, "--summary-json", Json, "--junit", Junit, "--no-progress"]);
        ExitCode = process.ExitCode;
        if (File.Exists(Json)) RunId = Summary.Load(Json).String("runId");
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Folder.Dispose();
    }

    private sealed class BufferLog(StringBuilder buffer) : ITestOutputHelper
    {
        public void WriteLine(string message)
        {
            lock (buffer) buffer.AppendLine(message);
        }

        public void WriteLine(string format, params object[] args) => WriteLine(string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args));
    }
}
