using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;

namespace LoadGrid.Cli.Telemetry;

/// <summary>
/// The Prometheus scrape endpoint (<c>GET /metrics</c>) of one process, on a small Kestrel host of its own. Kestrel
/// rather than the HttpListener exporter: on Linux HttpListener cannot listen on 0.0.0.0 (containers need that).
/// </summary>
public sealed class MetricsEndpoint : IDisposable
{
    private readonly WebApplication _app;

    private MetricsEndpoint(WebApplication app, string url)
    {
        _app = app;
        Url = url;
    }

    public string Url { get; }

    /// <exception cref="TelemetryStartException">The host is not an address, or the port is taken.</exception>
    public static MetricsEndpoint Start(MeterProvider meters, string host, int port)
    {
        var address = host is "localhost" ? IPAddress.Loopback
            : IPAddress.TryParse(host, out var parsed) ? parsed
            : throw new TelemetryStartException($"--metrics-host '{host}': expected an IP address such as 127.0.0.1 or 0.0.0.0", null);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [],
            ApplicationName = typeof(MetricsEndpoint).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IHostLifetime, NoLifetime>();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(address, port);
        });
        var app = builder.Build();
        app.UseOpenTelemetryPrometheusScrapingEndpoint(meters, predicate: null, path: "/metrics", configureBranchedPipeline: null, optionsName: null);
        try
        {
            // Synchronous on purpose: started once, before any actor exists.
            app.StartAsync().GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is IOException or InvalidOperationException)
        {
            ((IDisposable)app).Dispose();
            throw new TelemetryStartException($"--metrics-port {port}: cannot serve metrics on {host}:{port} ({e.GetBaseException().Message})", e);
        }
        var shown = IPAddress.Any.Equals(address) || IPAddress.IPv6Any.Equals(address) ? "127.0.0.1" : address.ToString();
        return new MetricsEndpoint(app, $"http://{(address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 && shown != "127.0.0.1" ? $"[{shown}]" : shown)}:{port}/metrics");
    }

    public void Dispose()
    {
        _app.StopAsync(TimeSpan.FromSeconds(5)).GetAwaiter().GetResult();
        ((IDisposable)_app).Dispose();
    }

    /// <summary>The process owns Ctrl+C and shutdown, not this web host.</summary>
    private sealed class NoLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
