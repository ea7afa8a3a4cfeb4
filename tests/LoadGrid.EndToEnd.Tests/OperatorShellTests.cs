using System.Text.RegularExpressions;
using LoadGrid.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace LoadGrid.EndToEnd.Tests;

/// <summary>
/// <c>loadgrid shell</c> in a real pseudo-terminal (tmux) against a real cluster: Tab completion of a command and of
/// a run id, a streaming <c>run watch</c> ended with Ctrl+C (the shell stays), an unknown command and a bad argument,
/// history kept across sessions.
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed class OperatorShellTests(ITestOutputHelper log) : IAsyncLifetime
{
    private static readonly TimeSpan ScreenTimeout = TimeSpan.FromSeconds(30);
    private readonly TempFolder _folder = new();
    private KnownTargetServer _server = null!;

    public async Task InitializeAsync() => _server = await KnownTargetServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _folder.Dispose();
    }

    private static int Prompts(string screen, string prompt) => Regex.Matches(screen, Regex.Escape(prompt)).Count;

    [SkippableFact]
    public async Task The_shell_completes_streams_and_explains_in_a_terminal()
    {
        Skip.IfNot(TmuxSession.Available, "SKIPPED: the shell test drives a pseudo-terminal through tmux, which is not installed (.ci/run installs it)");
        using var cluster = await TestCluster.StartAsync(log, _folder.Path, $"sqlite:{_folder.File("shell.db")}", "local");
        var file = _folder.Write("shell.yaml", $$"""
            name: shell
            baseUrl: {{_server.BaseAddress}}
            scenarios:
              arrivals:
                executor: constant-arrival-rate
                rate: 10
                duration: 60s
                preAllocatedVUs: 5
                maxVUs: 20
                flow:
                  - get: /ok
            """);
        using var start = await LoadGridProcess.RunAsync(log, _folder.Path, TimeSpan.FromSeconds(60), "ctl", cluster.Control, "run", "start", file);
        var runId = Regex.Match(start.Stdout, @"run (\S+) started").Groups[1].Value;
        Assert.NotEmpty(runId);

        var history = _folder.File("history");
        var prompt = $"[{cluster.Control}] loadgrid> ";
        var environment = new Dictionary<string, string> { ["LOADGRID_HISTORY"] = history, ["NO_COLOR"] = "1", ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1" };
        using (var tmux = TmuxSession.Start($"dotnet '{LoadGridProcess.CliAssemblyPath}' shell {cluster.Control}", _folder.Path, environment))
        {
            try
            {
                await tmux.WaitForAsync(s => s.Contains(prompt, StringComparison.Ordinal), ScreenTimeout, "the prompt");

                // Tab completes a command, then a run id the node knows.
                tmux.Type("run wa");
                tmux.SendKeys("Tab");
                await tmux.WaitForAsync(s => s.Contains(prompt + "run watch ", StringComparison.Ordinal), ScreenTimeout, "'run wa' completed to 'run watch'");
                tmux.Type(runId[..10]);
                tmux.SendKeys("Tab");
                await tmux.WaitForAsync(s => s.Contains(prompt + "run watch " + runId, StringComparison.Ordinal), ScreenTimeout, "the run id completed");

                // A streaming command, ended with Ctrl+C: the shell is still there.
                tmux.SendKeys("Enter");
                await tmux.WaitForAsync(s => Regex.IsMatch(s, @"\]\s+vus=\d+ rps="), ScreenTimeout, "run watch's progress lines");
                tmux.SendKeys("C-c");
                await tmux.WaitForAsync(s => Prompts(s, prompt) >= 2, ScreenTimeout, "the prompt again after Ctrl+C");
                Assert.False(tmux.PaneDead, "Ctrl+C ended the shell, not just the command");

                tmux.Type("run lst");
                tmux.SendKeys("Enter");
                await tmux.WaitForAsync(s => s.Contains("unknown command 'run lst' (did you mean 'list'?)", StringComparison.Ordinal), ScreenTimeout, "the unknown-command message");
                tmux.Type($"run scale {runId} --factor fast");
                tmux.SendKeys("Enter");
                await tmux.WaitForAsync(s => s.Contains("factor must be a number, not 'fast'", StringComparison.Ordinal), ScreenTimeout, "the bad-argument message");

                tmux.Type("help run scale");
                tmux.SendKeys("Enter");
                await tmux.WaitForAsync(s => s.Contains("change the load live", StringComparison.Ordinal), ScreenTimeout, "help for run scale");

                tmux.Type($"run stop {runId}");
                tmux.SendKeys("Enter");
                await tmux.WaitForAsync(s => s.Contains($"run {runId}: stopping gracefully", StringComparison.Ordinal), ScreenTimeout, "the stop");

                tmux.Type("exit");
                tmux.SendKeys("Enter");
                await tmux.WaitForAsync(_ => tmux.PaneDead, ScreenTimeout, "the shell's exit");
            }
            finally
            {
                log.WriteLine("terminal:\n" + tmux.Capture());
            }
        }

        // History across sessions: what was typed is in the file, for the next shell's Up arrow.
        var lines = File.ReadAllLines(history);
        Assert.Contains($"run watch {runId}", lines);
        Assert.Contains("run lst", lines);
        Assert.Equal("exit", lines[^1]);
    }
}
