using System.Net;
using Akka.Actor;
using LoadGrid.Cluster.Hosting;
using LoadGrid.Core.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LoadGrid.Control;

/// <summary>
/// The control endpoint of a coordinator node: HTTP + JSON on 127.0.0.1:9110 by default (docs/control-api.md).
/// <c>loadgrid run --cluster</c> and <c>loadgrid ctl</c> talk to it.
/// </summary>
public sealed class ControlServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ControlServer(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <param name="token">When set, every request must carry <c>Authorization: Bearer TOKEN</c>.</param>
    public static async Task<ControlServer> StartAsync(LoadGridNode node, string host, int port, string? token = null, CancellationToken cancellation = default)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [],
            ApplicationName = typeof(ControlServer).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders().AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton<IHostLifetime, OwnedHostLifetime>();
        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.NumberHandling = RunResultJson.Options.NumberHandling;
            foreach (var converter in RunResultJson.Options.Converters) json.SerializerOptions.Converters.Add(converter);
        });
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(ParseHost(host), port);
        });
        var app = builder.Build();
        if (token is not null) app.Use(BearerToken.Require(token));
        ControlEndpoints.Map(app, node);
        await app.StartAsync(cancellation);
        var bound = app.Urls.First();
        return new ControlServer(app, new Uri(bound.EndsWith('/') ? bound : bound + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await _app.StopAsync(timeout.Token);
        }
        finally
        {
            await _app.DisposeAsync();
        }
    }

    private static IPAddress ParseHost(string host) =>
        host is "localhost" ? IPAddress.Loopback
        : IPAddress.TryParse(host, out var address) ? address
        : throw new ArgumentException($"--control-host '{host}': expected an IP address such as 127.0.0.1 or 0.0.0.0");

    /// <summary>The node process owns Ctrl+C and shutdown, not this web host.</summary>
    private sealed class OwnedHostLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
