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
