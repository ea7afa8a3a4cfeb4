using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LoadGrid.Http.Tests.Infrastructure;

/// <summary>A real Kestrel server on 127.0.0.1 (OS-chosen port) with the endpoints the engine tests talk to.</summary>
public sealed class TargetServer : IAsyncLifetime
{
    public const int BigBodyBytes = 250_000;

    private WebApplication? _app;
    private TaskCompletionSource _slowRequestArrived = NewSignal();

    public string BaseUrl { get; private set; } = "";

    /// <summary>
    /// The transport the tests share, as a node's VUs do: the one LOADGRID_HTTP_TRANSPORT names (sockets by default),
    /// so the whole suite can run against the lean transport too.
    /// </summary>
    public IHttpTransport Transport { get; } = LoadGrid.Http.Lean.TransportSelection.FromEnvironment();

    /// <summary>Completes when a request reached /slow (and is now waiting); see <see cref="ResetSlowSignal"/>.</summary>
    public Task SlowRequestArrived => _slowRequestArrived.Task;

    public void ResetSlowSignal() => _slowRequestArrived = NewSignal();

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        Map(app);
        await app.StartAsync();
        BaseUrl = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        _app = app;
    }

    public async Task DisposeAsync()
    {
        ((IDisposable)Transport).Dispose();
        if (_app is not null) await _app.DisposeAsync();
    }

    private void Map(WebApplication app)
    {
        app.MapGet("/ok", () => "ok");
        app.MapGet("/status/{code:int}", (int code) => Results.Text($"status {code}", statusCode: code));
        app.MapGet("/json", () => Results.Text(
            """{"id":42,"name":"widget","price":9.5,"active":true,"items":[{"id":"a1"},{"id":"a2"}],"nothing":null,"odd key":"x"}""",
            "application/json"));
        app.MapGet("/text", () => "order placed: id=12345; ref=XY");
        app.MapPost("/login", async (HttpRequest request) =>
        {
            using var body = await JsonDocument.ParseAsync(request.Body);
            return Results.Json(new { token = "tok-" + body.RootElement.GetProperty("user").GetString() });
        });
        app.MapGet("/needs-token", (HttpRequest request) =>
            request.Query["t"] == "tok-alice" && request.Query["id"] == "12345" ? Results.Text("welcome") : Results.StatusCode(401));
        // Parses the JSON body (a 400 if it is not valid JSON) and echoes what it received, with the header and query.
        app.MapPost("/echo", async (HttpRequest request) =>
        {
            try
            {
                using var body = await JsonDocument.ParseAsync(request.Body);
                return Results.Json(new
                {
                    name = body.RootElement.GetProperty("name").GetString(),
                    vu = body.RootElement.GetProperty("vu").GetString(),
                    header = request.Headers["X-Team"].ToString(),
                    scenario = request.Query["scenario"].ToString(),
                    contentType = request.ContentType,
                });
            }
            catch (JsonException)
            {
                return Results.StatusCode(400);
            }
        });
        app.MapGet("/set-cookie", (HttpResponse response) =>
        {
            response.Headers.Append("Set-Cookie", "session=" + Guid.NewGuid().ToString("N") + "; Path=/");
            return "cookie set";
        });
        // The W3C trace header as it arrived ("none" without one; two would show comma-joined).
        app.MapGet("/traceparent", (HttpRequest request) => request.Headers.TryGetValue("traceparent", out var value) ? value.ToString() : "none");
        app.MapGet("/whoami", (HttpRequest request) => request.Headers.Cookie.Count == 0 ? "none" : request.Headers.Cookie.ToString());
        app.MapGet("/slow", async (HttpContext context) =>
        {
            _slowRequestArrived.TrySetResult();
            await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
            return "late";
        });
        // A large body without Content-Length (chunked), so a reader cannot size its buffer up front.
        app.MapGet("/big", async (HttpResponse response) =>
        {
            var chunk = Enumerable.Repeat((byte)'x', 10_000).ToArray();
            for (var i = 0; i < BigBodyBytes / chunk.Length; i++) await response.Body.WriteAsync(chunk);
        });
        app.MapGet("/abort", (HttpContext context) => context.Abort());
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}

[CollectionDefinition(Name)]
public sealed class TargetServerCollection : ICollectionFixture<TargetServer>
{
    public const string Name = "target server";
}
