using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using LoadGrid.Http.Lean;

namespace LoadGrid.Http.Tests.Lean;

/// <summary>
/// Kestrel on 127.0.0.1 for the transport equivalence tests, counting the TCP connections it accepts, with both
/// transports to run every case through.
/// </summary>
public sealed class EquivalenceServer : IAsyncLifetime
{
    public const int MegabyteBody = 1024 * 1024;
    public const int ChunkedBody = 100_000;

    private WebApplication? _app;
    private int _connections;

    public string BaseUrl { get; private set; } = "";

    public int Connections => Volatile.Read(ref _connections);

    public HttpTransport Sockets { get; } = new();

    public LeanHttpTransport Lean { get; } = new();

    public IHttpTransport Transport(string name) => name switch
    {
        "lean" => Lean,
        "sockets" => Sockets,
        _ => throw new ArgumentException(name, nameof(name)),
    };

    public static TheoryData<string> Both => new() { "lean", "sockets" };

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0, listen => listen.Use(next => context =>
        {
            Interlocked.Increment(ref _connections);
            return next(context);
        })));
        var app = builder.Build();
        Map(app);
        await app.StartAsync();
        BaseUrl = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        _app = app;
    }

    public async Task DisposeAsync()
    {
        Lean.Dispose();
        Sockets.Dispose();
        if (_app is not null) await _app.DisposeAsync();
    }

    private static void Map(WebApplication app)
    {
        app.MapGet("/ok", () => "ok");
        // method|query|body|X-Team|Content-Type|Cookie|Host
        app.Map("/echo", async (HttpRequest request) =>
        {
            var body = await new StreamReader(request.Body).ReadToEndAsync();
            return string.Join('|', request.Method, request.QueryString.Value, body, request.Headers["X-Team"].ToString(),
                request.ContentType ?? "", request.Headers.Cookie.ToString(), request.Host.Value);
        });
        app.MapGet("/chunked", async (HttpResponse response) =>
        {
            var piece = Enumerable.Repeat((byte)'c', 1_000).ToArray();
            for (var i = 0; i < ChunkedBody / piece.Length; i++)
            {
                await response.Body.WriteAsync(piece);
                if (i % 10 == 0) await response.Body.FlushAsync();
            }
        });
        app.MapMethods("/length", ["GET", "HEAD"], (HttpResponse response) =>
        {
            response.ContentLength = 5_000;
            return response.HttpContext.Request.Method == "HEAD" ? Task.CompletedTask : response.Body.WriteAsync(new byte[5_000].AsMemory()).AsTask();
        });
        app.MapGet("/mb", (HttpResponse response) =>
        {
            response.ContentLength = MegabyteBody;
            return response.Body.WriteAsync(Enumerable.Repeat((byte)'m', MegabyteBody).ToArray()).AsTask();
        });
        app.MapGet("/no-content", () => Results.NoContent());
        app.MapGet("/close", (HttpResponse response) =>
        {
            response.Headers.Connection = "close";
            return "closing";
        });
        app.MapGet("/cookies", (HttpResponse response) =>
        {
            response.Headers.Append("Set-Cookie", "a=1; Path=/");
            response.Headers.Append("Set-Cookie", "b=2; Path=/");
            return "two cookies";
        });
        app.MapGet("/redirect", () => Results.Redirect("/ok"));
        app.MapPost("/redirect", () => Results.Redirect("/echo"));
        app.MapPost("/redirect-307", () => Results.Redirect("/echo", permanent: false, preserveMethod: true));
        app.MapGet("/redirect-loop", () => Results.Redirect("/redirect-loop"));
    }
}
