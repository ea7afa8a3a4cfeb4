using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LoadGrid.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A target on 127.0.0.1 whose behaviour is known exactly, so a test can compare LoadGrid's figures with the truth:
/// /mix sleeps 10 ms for 80 % of requests, 50 ms for 18 %, 400 ms for 2 % (a fixed cycle of 50) and records how
/// long each took on the server; /flaky fails every 20th request (5 %); /login hands out tokens that /cart checks.
/// </summary>
public sealed class KnownTargetServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentQueue<long>> _arrivals = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<double> _mixMilliseconds = new();
    private readonly ConcurrentDictionary<string, string> _tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<double> _stallMilliseconds = new();
    private readonly ConcurrentQueue<string> _traceParents = new();
    private readonly ConcurrentDictionary<string, byte> _connectionIds = new(StringComparer.Ordinal);
    private int _connectionInFlight;
    private int _connectionMaxInFlight;
    private long _mix;
    private long _flaky;
    private long _stallHits;
    private long _freezeOrigin;
    private long _stallReleaseTimestamp;

    private KnownTargetServer(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    public long Count(string endpoint) => _counts.GetValueOrDefault(endpoint);

    /// <summary>When each request to <paramref name="endpoint"/> was answered (Stopwatch timestamps, in order).</summary>
    public IReadOnlyList<long> Arrivals(string endpoint) => _arrivals.TryGetValue(endpoint, out var queue) ? queue.ToArray() : [];

    public IReadOnlyList<double> MixMilliseconds => _mixMilliseconds.ToArray();

    /// <summary>How many connections /connection requests came on.</summary>
    public int ConnectionsSeen => _connectionIds.Count;

    /// <summary>The most /connection requests the server held at once.</summary>
    public int MostConnectionRequestsAtOnce => Volatile.Read(ref _connectionMaxInFlight);

    /// <summary>The traceparent header of each /traced request, "" for none.</summary>
    public IReadOnlyList<string> TraceParents => _traceParents.ToArray();

    /// <summary>How long each /stall request took on the server (arrival to response).</summary>
    public IReadOnlyList<double> StallMilliseconds => _stallMilliseconds.ToArray();

    public static async Task<KnownTargetServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new KnownTargetServer(app);
        server.Map(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseAddress = new Uri(address);
        return server;
    }

    private void Map(WebApplication app)
    {
        app.MapGet("/ok", () => { Hit("ok"); return Results.Text("ok"); });
        // Keeps each request's W3C traceparent header ("" when it had none): what a target's APM would see.
        app.MapGet("/traced", (HttpContext context) =>
        {
            Hit("traced");
            _traceParents.Enqueue(context.Request.Headers.TryGetValue("traceparent", out var value) ? value.ToString() : "");
            return Results.Text("ok");
        });
        // ?scale=N multiplies every delay: tests across several processes use it so that a few ms of CPU contention
        // between them stays small beside the latencies whose percentiles they check.
        app.MapGet("/mix", async (int? scale) =>
        {
            var started = Stopwatch.GetTimestamp();
            var i = Interlocked.Increment(ref _mix) - 1;
            var delay = (i % 50) switch { 0 => 400, <= 9 => 50, _ => 10 } * Math.Clamp(scale ?? 1, 1, 20);
            await Task.Delay(delay);
            _mixMilliseconds.Enqueue(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            Hit("mix");
            return Results.Text("ok");
        });
        // Answers at once, except that the 50th request freezes the endpoint for one second: it and every request
        // arriving meanwhile are held until the second is over (a target that stalls, as under a GC pause).
        app.MapGet("/stall", async () =>
        {
            var arrived = Stopwatch.GetTimestamp();
            if (Interlocked.Increment(ref _stallHits) == 50)
                Interlocked.Exchange(ref _stallReleaseTimestamp, arrived + Stopwatch.Frequency);
            var release = Interlocked.Read(ref _stallReleaseTimestamp);
            if (arrived < release) await Task.Delay(TimeSpan.FromSeconds((release - arrived) / (double)Stopwatch.Frequency));
            _stallMilliseconds.Enqueue(Stopwatch.GetElapsedTime(arrived).TotalMilliseconds);
            Hit("stall");
            return Results.Text("ok");
        });
        // Frozen for 2 s of every 10 s, counted from the first request: from 5 s to 7 s, 15 s to 17 s, … every
        // request that arrives while frozen is held until the freeze ends (the stalled target).
        app.MapGet("/freeze", async () =>
        {
            var now = Stopwatch.GetTimestamp();
            Interlocked.CompareExchange(ref _freezeOrigin, now, 0);
            var sinceOrigin = Stopwatch.GetElapsedTime(Interlocked.Read(ref _freezeOrigin), now);
            var inCycle = sinceOrigin.TotalSeconds % 10;
            if (inCycle is >= 5 and < 7) await Task.Delay(TimeSpan.FromSeconds(7 - inCycle));
            Hit("freeze");
            return Results.Text("ok");
        });
        // Holds each request 20 ms and notes the connection it came on: how many sockets a generator opened, and how
        // many requests it had in flight at once.
        app.MapGet("/connection", async (HttpContext context) =>
        {
            _connectionIds.TryAdd(context.Connection.Id, 0);
            var now = Interlocked.Increment(ref _connectionInFlight);
            int most;
            while ((most = Volatile.Read(ref _connectionMaxInFlight)) < now && Interlocked.CompareExchange(ref _connectionMaxInFlight, now, most) != most)
            {
            }
            try
            {
                await Task.Delay(20);
            }
            finally
            {
                Interlocked.Decrement(ref _connectionInFlight);
            }
            Hit("connection");
            return Results.Text("ok");
        });
        app.MapGet("/slow", async () =>
        {
            await Task.Delay(200);
            Hit("slow");
            return Results.Text("ok");
        });
        app.MapGet("/flaky", () =>
        {
            var i = Interlocked.Increment(ref _flaky) - 1;
            Hit("flaky");
            return i % 20 == 0 ? Results.StatusCode(500) : Results.Text("ok");
        });
        app.MapPost("/login", async (HttpContext context) =>
        {
            Hit("login");
            using var body = await JsonDocument.ParseAsync(context.Request.Body);
            var user = body.RootElement.TryGetProperty("user", out var u) ? u.GetString() : null;
            if (string.IsNullOrEmpty(user)) return Results.StatusCode(400);
            var token = $"tok-{Guid.NewGuid():N}";
            _tokens[token] = user;
            return Results.Json(new { token, user });
        });
        app.MapGet("/cart", (HttpContext context) =>
        {
            var header = context.Request.Headers.Authorization.ToString();
            var valid = header.StartsWith("Bearer ", StringComparison.Ordinal) && _tokens.ContainsKey(header["Bearer ".Length..]);
            Hit(valid ? "cart-authorized" : "cart-unauthorized");
            return valid ? Results.Json(new { items = Array.Empty<int>() }) : Results.StatusCode(401);
        });
    }

    private void Hit(string endpoint)
    {
        _arrivals.GetOrAdd(endpoint, _ => new ConcurrentQueue<long>()).Enqueue(Stopwatch.GetTimestamp());
        _counts.AddOrUpdate(endpoint, 1, (_, n) => n + 1);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
