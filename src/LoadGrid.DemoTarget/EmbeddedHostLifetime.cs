using Microsoft.Extensions.Hosting;

namespace LoadGrid.DemoTarget;

/// <summary>
/// A host lifetime that listens to nothing. The default console lifetime would stop the target on Ctrl+C and print
/// start-up banners; the program embedding the target decides when it stops.
/// </summary>
internal sealed class EmbeddedHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
