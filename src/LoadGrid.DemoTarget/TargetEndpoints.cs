using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LoadGrid.DemoTarget;

/// <summary>The endpoints with known behaviour: fixed and distributed latency, chosen status codes and error rates.</summary>
internal static class TargetEndpoints
{
    /// <summary>The longest delay any endpoint will sleep, so a typo cannot park connections for hours.</summary>
    public const int MaxDelayMs = 60_000;

    public static void Map(IEndpointRouteBuilder app, RequestCounter counter)
    {
        app.MapGet("/ok", () => Results.Text("ok"));

        app.MapGet("/delay/{ms:int}", async (int ms, CancellationToken ct) =>
        {
            if (ms is < 0 or > MaxDelayMs)
                return Results.BadRequest(new { error = $"ms must be 0..{MaxDelayMs}" });
            await Task.Delay(ms, ct);
            return Results.Json(new { delayMs = ms });
        });

        app.MapGet("/mix", async (CancellationToken ct) =>
        {
            var ms = LatencyDistributions.Mix(Random.Shared.NextDouble());
            await Task.Delay(ms, ct);
            return Results.Json(new { delayMs = ms });
        });

        app.MapGet("/latency", async (double? p50, double? p95, double? p99, CancellationToken ct) =>
        {
            var (a, b, c) = (p50 ?? 10, p95 ?? 50, p99 ?? 400);
            if (!(a >= 0 && a <= b && b <= c && c * 1.25 <= MaxDelayMs))
                return Results.BadRequest(new { error = $"need 0 <= p50 <= p95 <= p99 <= {MaxDelayMs / 1.25} (ms)" });
            var ms = LatencyDistributions.FromPercentiles(Random.Shared.NextDouble(), a, b, c);
            await Task.Delay(TimeSpan.FromMilliseconds(ms), ct);
            return Results.Json(new { delayMs = Math.Round(ms, 3) });
        });

        app.MapGet("/status/{code:int}", (int code) =>
            code is >= 200 and <= 599 ? Results.StatusCode(code) : Results.BadRequest(new { error = "code must be 200..599" }));

        app.MapGet("/error-rate/{percent:double}", (double percent) =>
        {
            if (percent is < 0 or > 100 || double.IsNaN(percent))
                return Results.BadRequest(new { error = "percent must be 0..100" });
            return Random.Shared.NextDouble() * 100 < percent
                ? Results.Text("error", statusCode: StatusCodes.Status500InternalServerError)
                : Results.Text("ok");
        });

        app.MapGet("/stats", () => Results.Json(new { requests = counter.Total, endpoints = counter.ByEndpoint() }));
    }
}
