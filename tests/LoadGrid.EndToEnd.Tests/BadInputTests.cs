using LoadGrid.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace LoadGrid.EndToEnd.Tests;

/// <summary>Bad input never crashes or hangs: a clear FILE:LINE:COL message and exit code 2.</summary>
[Collection(ProcessCollection.Name)]
public sealed class BadInputTests(ITestOutputHelper log) : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(1);
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Malformed_yaml_names_the_file_line_and_column()
    {
        var file = _folder.Write("broken.yaml", "name: broken\nscenarios:\n  a: [unclosed\n");
        using var process = await LoadGridProcess.RunAsync(log, _folder.Path, Timeout, "run", file, "--no-progress");

        Assert.Equal(2, process.ExitCode);
        Assert.Matches(@"broken\.yaml:\d+:\d+: ", process.Stderr);
    }

    [Fact]
    public async Task Validate_reports_every_error_at_once()
    {
        var file = _folder.Write("bad.yaml", """
            name: bad
            scenarios:
              one:
                executor: constant-vu
                duration: 10s
                flow:
                  - get: /relative
              two:
                executor: constant-vus
                vus: -3
                duraton: 10s
                flow:
                  - get: http://127.0.0.1:1/x
            thresholds:
              http_req_duration: [ "p(95)<<500" ]
            """);
        using var process = await LoadGridProcess.RunAsync(log, _folder.Path, Timeout, "validate", file);

        Assert.Equal(2, process.ExitCode);
        Assert.Contains("bad.yaml:4:15: ", process.Stderr);                     // unknown executor, at its value
        Assert.Contains("constant-vus", process.Stderr);                         // … with a did-you-mean
        Assert.Contains("bad.yaml:11:5: ", process.Stderr);                      // unknown key 'duraton'
        Assert.Contains("'duration'", process.Stderr);
        Assert.Contains("bad.yaml:10:10: ", process.Stderr);                     // negative vus
        Assert.Matches(@"bad\.yaml:7:\d+: .*baseUrl", process.Stderr);           // relative URL without baseUrl
        Assert.Matches(@"bad\.yaml:15:\d+: ", process.Stderr);                   // bad threshold expression
    }

    [Fact]
    public async Task A_missing_scenario_file_is_bad_input()
    {
        using var process = await LoadGridProcess.RunAsync(log, _folder.Path, Timeout, "run", _folder.File("nope.yaml"), "--no-progress");

        Assert.Equal(2, process.ExitCode);
        Assert.Contains("nope.yaml", process.Stderr);
    }

    [Fact]
    public async Task An_unknown_command_line_option_is_a_usage_error()
    {
        using var process = await LoadGridProcess.RunAsync(log, _folder.Path, Timeout, "run", "x.yaml", "--no-such-option");

        Assert.Equal(2, process.ExitCode);
    }

    [Fact]
    public async Task A_valid_file_validates()
    {
        var file = _folder.Write("good.yaml", """
            name: good
            baseUrl: http://127.0.0.1:9
            scenarios:
              one:
                executor: constant-vus
                vus: 2
                duration: 1s
                flow:
                  - get: /x
            """);
        using var process = await LoadGridProcess.RunAsync(log, _folder.Path, Timeout, "validate", file);

        Assert.Equal(0, process.ExitCode);
        Assert.Contains("ok", process.Stdout);
    }

    [Fact]
    public async Task A_node_config_that_sends_the_hocon_parser_into_a_loop_is_refused_not_hung()
    {
        // Akka's HOCON parser never returns on this input; the node gives it 5 s, then names the file and exits 2.
        var config = _folder.Write("broken.hocon", "loadgrid { role = [ }");
        using var process = await LoadGridProcess.RunAsync(log, _folder.Path, Timeout, "node", "--config", config);

        Assert.Equal(2, process.ExitCode);
        Assert.Contains("broken.hocon", process.Stderr);
        Assert.Contains("not valid HOCON", process.Stderr);
    }

    [Fact]
    public async Task A_cluster_address_where_nothing_answers_is_bad_input()
    {
        var file = _folder.Write("ok.yaml", """
            name: ok
            baseUrl: http://127.0.0.1:9
            scenarios:
              a:
                executor: constant-vus
                vus: 1
                duration: 1s
                flow:
                  - get: /
            """);
        using var process = await LoadGridProcess.RunAsync(log, _folder.Path, Timeout, "run", file, "--cluster", $"127.0.0.1:{FreePort.Take()}", "--no-progress");

        Assert.Equal(2, process.ExitCode);
        Assert.Contains("cannot reach the LoadGrid control endpoint", process.Stderr);
    }
}
