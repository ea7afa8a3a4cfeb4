using LoadGrid.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace LoadGrid.EndToEnd.Tests;

/// <summary><c>loadgrid target</c>: the demo target as its own long-running program.</summary>
[Collection(ProcessCollection.Name)]
public sealed class TargetCommandTests(ITestOutputHelper log) : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Serves_the_shop_until_sigterm()
    {
        var port = FreePort.Take();
        using var process = LoadGridProcess.Start(log, _folder.Path, "target", "--port", port.ToString());
        await process.WaitForOutputAsync("listening on", TimeSpan.FromSeconds(60));

        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
        Assert.Equal("ok", await client.GetStringAsync("/ok"));
        Assert.Contains("price", await client.GetStringAsync("/products"));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await client.GetAsync("/products/99999")).StatusCode);

        process.Signal("TERM");
        await process.WaitForExitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(0, process.ExitCode);
    }
}
