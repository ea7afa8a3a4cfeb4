using LoadGrid.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace LoadGrid.EndToEnd.Tests;

/// <summary>The control endpoint's bearer token, through the real programs.</summary>
[Collection(ProcessCollection.Name)]
public sealed class ControlTokenTests(ITestOutputHelper log) : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_coordinator_will_not_serve_a_non_loopback_address_without_a_token()
    {
        using var node = await LoadGridProcess.RunAsync(log, _folder.Path, Timeout,
            "node", "--role", "coordinator", "--port", "0", "--control-host", "0.0.0.0", "--db", $"sqlite:{_folder.File("t.db")}");

        Assert.Equal(2, node.ExitCode);
        Assert.Contains("without a token", node.Stderr);
    }

    [Fact]
    public async Task Requests_without_the_right_token_are_refused()
    {
        var control = $"127.0.0.1:{FreePort.Take()}";
        using var coordinator = LoadGridProcess.Start(log, _folder.Path, serializeLocalMessages: false, new Dictionary<string, string>(),
            "node", "--role", "coordinator", "--port", "0", "--control-port", control.Split(':')[1], "--token", "s3cret", "--db", $"sqlite:{_folder.File("t.db")}");
        await coordinator.WaitForOutputAsync("bearer token required", Timeout);

        using var none = await LoadGridProcess.RunAsync(log, _folder.Path, Timeout, "ctl", control, "run", "list");
        Assert.Equal(2, none.ExitCode);
        Assert.Contains("needs a token", none.Stderr);

        using var wrong = await LoadGridProcess.RunAsync(log, _folder.Path, Timeout, "ctl", control, "run", "list", "--token", "guess");
        Assert.Equal(2, wrong.ExitCode);
        Assert.Contains("wrong token", wrong.Stderr);

        using var right = await LoadGridProcess.RunAsync(log, _folder.Path, Timeout, "ctl", control, "run", "list", "--token", "s3cret");
        Assert.Equal(0, right.ExitCode);
        Assert.Contains("no runs yet", right.Stdout);
    }
}
