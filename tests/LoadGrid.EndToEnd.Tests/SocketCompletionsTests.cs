using LoadGrid.Cli.Hosting;
using Xunit;

namespace LoadGrid.EndToEnd.Tests;

/// <summary>
/// Inline socket completions are for the processes that run VUs only: a client that blocks on the console after
/// awaiting a socket (the shell's Tab completion) would block the epoll thread its own answer needs.
/// </summary>
public sealed class SocketCompletionsTests
{
    [Theory]
    [InlineData("run scenario.yaml", true)]
    [InlineData("run scenario.yaml --summary-json s.json --no-progress", true)]
    [InlineData("demo", true)]
    [InlineData("node --roles region-local", true)]
    [InlineData("run scenario.yaml --cluster 127.0.0.1:5000", false)]
    [InlineData("run scenario.yaml --cluster=127.0.0.1:5000", false)]
    [InlineData("shell 127.0.0.1:5000", false)]
    [InlineData("ctl 127.0.0.1:5000 run list", false)]
    [InlineData("target --port 8080", false)]
    [InlineData("validate scenario.yaml", false)]
    [InlineData("report 20261204-1 --html r.html", false)]
    [InlineData("", false)]
    public void Only_commands_that_run_vus_here_run_socket_completions_inline(string command, bool inline) =>
        Assert.Equal(inline, SocketCompletions.GeneratesLoad(command.Split(' ', StringSplitOptions.RemoveEmptyEntries)));
}

/// <summary>
/// What a real node process runs with, from the line it prints at start: fails if Program.cs stops turning inline
/// completions on, or a node stops taking its socket cap from LOADGRID_MAX_CONNECTIONS.
/// </summary>
[Collection(Infrastructure.ProcessCollection.Name)]
public sealed class NodeTransportBannerTests(Xunit.Abstractions.ITestOutputHelper log) : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);
    private readonly Infrastructure.TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_node_runs_socket_completions_inline_and_says_how_many_sockets_it_may_open()
    {
        var line = await BannerAsync(new Dictionary<string, string> { ["LOADGRID_MAX_CONNECTIONS"] = "77" });

        Assert.Contains("lean HTTP/1.1", line);
        Assert.Contains("at most 77 sockets", line);
        Assert.Contains("socket completions inline", line);
    }

    [Fact]
    public async Task A_users_choice_of_completions_and_transport_is_kept()
    {
        var line = await BannerAsync(new Dictionary<string, string>
        {
            [SocketCompletions.Variable] = "0",
            ["LOADGRID_HTTP_TRANSPORT"] = "sockets",
            ["LOADGRID_MAX_CONNECTIONS"] = "12",
        });

        Assert.Contains("SocketsHttpHandler, at most 12 connections per host", line);
        Assert.Contains("socket completions on the thread pool", line);
    }

    private async Task<string> BannerAsync(Dictionary<string, string> environment)
    {
        using var node = Infrastructure.LoadGridProcess.Start(log, _folder.Path, serializeLocalMessages: false, environment,
            "node", "--role", "coordinator", "--port", "0", "--control-port", Infrastructure.FreePort.Take().ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--db", $"sqlite:{_folder.File("banner.db")}");
        await node.WaitForOutputAsync("socket completions", Timeout);
        return node.Stdout.Split('\n').First(l => l.StartsWith("HTTP: ", StringComparison.Ordinal));
    }
}
