using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LoadGrid.Http.Tests;

/// <summary>A Kestrel server on 127.0.0.1 with the behaviours the HTTP engine must handle, shared by the tests.</summary>
public sealed class TestTarget : IAsyncLifetime
{
    private WebApplication _app = null!;

    public string BaseUrl { get; private set; } = "";

    public List<string> ReceivedBodies { get; } = [];

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.MapGet("/ok", () => Results.Text("ok"));
        _app.MapGet("/status/{code:int}", (int code) => Results.StatusCode(code));
        _app.MapGet("/item", () => Results.Json(new { id = 3, name = "lamp", price = 12.5, tags = new[] { "a", "b" }, active = true }));
        _app.MapGet("/text", () => Results.Text("order id=4711; status=ok"));
        _app.MapPost("/echo", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            lock (ReceivedBodies) ReceivedBodies.Add(body);
            using var parsed = JsonDocument.Parse(body); // must be valid JSON
            return Results.Text(body, "application/json");
        });
        _app.MapGet("/whoami", (HttpContext context) => Results.Text(context.Request.Headers["X-User"].ToString()));
        _app.MapGet("/login", (HttpContext context) =>
        {
            context.Response.Cookies.Append("session", "s-" + context.Request.Query["u"]);
            return Results.Text("logged in");
        });
        _app.MapGet("/me", (HttpContext context) => Results.Text(context.Request.Cookies["session"] ?? "anonymous"));
        _app.MapGet("/slow/{ms:int}", async (int ms, CancellationToken cancellation) =>
        {
            await Task.Delay(ms, cancellation);
            return Results.Text("slow");
        });
        _app.MapGet("/abort", (HttpContext context) =>
        {
            context.Abort();
            return Results.Empty;
        });
        await _app.StartAsync();
        BaseUrl = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();
}

/// <summary>A TCP server that answers every connection with bytes that are not HTTP, then closes.</summary>
public sealed class GarbageServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();

    public GarbageServer()
    {
        _listener.Start();
        _ = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                try
                {
                    using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                    var stream = client.GetStream();
                    var buffer = new byte[4096];
                    _ = await stream.ReadAsync(buffer, _stop.Token);
                    await stream.WriteAsync(Encoding.ASCII.GetBytes("SMTP READY\r\n\r\n\u0001\u0002garbage\r\n\r\n"), _stop.Token);
                }
                catch (Exception) when (_stop.IsCancellationRequested)
                {
                    return;
                }
                catch (IOException)
                {
                    // the client gave up first
                }
            }
        });
    }

    public string BaseUrl => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
    }
}
