using LoadGrid.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace LoadGrid.EndToEnd.Tests;

/// <summary>The main job: <c>loadgrid demo</c> from any folder, no setup.</summary>
[Collection(ProcessCollection.Name)]
public sealed class DemoCommandTests(ITestOutputHelper log) : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Demo_runs_three_regions_and_writes_the_report()
    {
        var json = _folder.File("demo.json");
        using var process = await LoadGridProcess.RunAsync(log, _folder.Path, TimeSpan.FromMinutes(2), "demo", "--no-progress", "--summary-json", json);

        Assert.Equal(0, process.ExitCode);
        Assert.True(File.Exists(Path.Combine(_folder.Path, "loadgrid-report.html")));
        var summary = Summary.Load(json);
        Assert.Equal("passed", summary.String("status"));
        Assert.Equal(3, summary["regions"].EnumerateObject().Count());
        foreach (var step in new[] { "products", "product", "login", "cart", "add-to-cart", "checkout" })
            Assert.True(summary.Long($"steps.{step}.requests") > 0, $"step {step} made no requests");
        Assert.True(summary.Long("totals.checksPassed") > 0);
        Assert.True(summary.Double("durationSeconds") < 60);
    }
}
