using System.Net;
using LoadGrid.DemoTarget.Shop;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LoadGrid.DemoTarget;

/// <summary>
/// The demo target service (<c>loadgrid target</c>, and what <c>loadgrid demo</c> loads): an ASP.NET Core minimal
/// API with endpoints of known latency and error rate plus a small shop. Endpoints are listed in docs/demo-target.md.
/// </summary>
public sealed class DemoTargetServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly RequestCounter _counter;
    private readonly SessionStore _sessions;
    private int _stopped;

    private DemoTargetServer(WebApplication app, RequestCounter counter, SessionStore sessions, Uri baseAddress)
    {
        _app = app;
        _counter = counter;
        _sessions = sessions;
        BaseAddress = baseAddress;
    }

    /// <summary>The address actually bound, e.g. http://127.0.0.1:41234/.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Requests received so far, on every endpoint (unknown paths included).</summary>
    public long RequestCount => _counter.Total;

    /// <param name="port">0 lets the OS choose; read <see cref="BaseAddress"/> for the result.</param>
    /// <param name="host">An IP address to bind ("127.0.0.1", "0.0.0.0", "::"), or "localhost" for the IPv4 loopback.</param>
    public static async Task<DemoTargetServer> StartAsync(int port, string host = "127.0.0.1", CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, IPEndPoint.MaxPort);
        var address = ParseHost(host);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [],
            ApplicationName = typeof(DemoTargetServer).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders().AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        // The process that embeds the target (the CLI) owns Ctrl+C and shutdown, not this host.
        builder.Services.AddSingleton<IHostLifetime, EmbeddedHostLifetime>();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxConcurrentConnections = null;
            kestrel.Limits.MaxConcurrentUpgradedConnections = null;
            // A load generator on a busy machine reads and writes slowly at times; the target must not drop it for that.
            kestrel.Limits.MinRequestBodyDataRate = null;
            kestrel.Limits.MinResponseDataRate = null;
            kestrel.Limits.KeepAliveTimeout = TimeSpan.FromMinutes(5);
            kestrel.Listen(address, port);
        });

        var app = builder.Build();
        var counter = new RequestCounter();
        var sessions = new SessionStore(TimeProvider.System);
        app.Use((context, next) =>
        {
            counter.Count(context.GetEndpoint());
            return next(context);
        });
        TargetEndpoints.Map(app, counter);
        ShopEndpoints.Map(app, sessions);

        try
        {
            await app.StartAsync(ct).ConfigureAwait(false);
        }
        catch
        {
            sessions.Dispose();
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        var bound = app.Urls.First();
        return new DemoTargetServer(app, counter, sessions, new Uri(bound.EndsWith('/') ? bound : bound + "/"));
    }

    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0) return;
        try
        {
            await _app.StopAsync().ConfigureAwait(false);
        }
        finally
        {
            _sessions.Dispose();
            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }

    public ValueTask DisposeAsync() => new(StopAsync());

    private static IPAddress ParseHost(string host) => host switch
    {
        "localhost" => IPAddress.Loopback,
        "*" or "+" => IPAddress.Any,
        _ when IPAddress.TryParse(host, out var address) => address,
        _ => throw new ArgumentException($"Host \"{host}\" is not an IP address; use 127.0.0.1, 0.0.0.0, :: or localhost.", nameof(host)),
    };
}
