namespace LoadGrid.DemoTarget.Tests;

/// <summary>One target on 127.0.0.1, OS-chosen port, shared by a test class; every call has a timeout.</summary>
public sealed class TargetFixture : IAsyncLifetime
{
    public DemoTargetServer Server { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        Server = await DemoTargetServer.StartAsync(0, ct: timeout.Token);
        Client = new HttpClient { BaseAddress = Server.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }
}
