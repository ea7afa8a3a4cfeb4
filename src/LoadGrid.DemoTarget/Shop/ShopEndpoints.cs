using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LoadGrid.DemoTarget.Shop;

internal sealed record LoginRequest(string? User, string? Password);

internal sealed record AddItemRequest(int ProductId, int? Quantity);

/// <summary>
/// A small shop to write realistic flows against: login, browse, cart, checkout. Each endpoint sleeps a few random
/// milliseconds like a real service would, and checkout fails 1 % of the time so a demo shows errors.
/// </summary>
internal static class ShopEndpoints
{
    /// <summary>Share of checkouts answered with 500.</summary>
    public const double CheckoutFailureRate = 0.01;

    public static void Map(IEndpointRouteBuilder app, SessionStore sessions)
    {
        app.MapGet("/products", async (CancellationToken ct) =>
        {
            await Pause(2, 8, ct);
            return Results.Json(Catalogue.Products);
        });

        app.MapGet("/products/{id:int}", async (int id, CancellationToken ct) =>
        {
            await Pause(1, 4, ct);
            return Catalogue.Find(id) is { } product ? Results.Json(product) : NotFound($"no product {id}");
        });

        app.MapPost("/login", async (LoginRequest? body, CancellationToken ct) =>
        {
            await Pause(5, 15, ct);
            if (string.IsNullOrWhiteSpace(body?.User) || string.IsNullOrEmpty(body.Password))
                return Results.Json(new { error = "user and password are required" }, statusCode: StatusCodes.Status401Unauthorized);
            return Results.Json(new { token = sessions.Login(body.User) });
        });

        app.MapGet("/cart", async (HttpRequest request, CancellationToken ct) =>
        {
            await Pause(2, 6, ct);
            if (sessions.Find(Token(request)) is not { } session) return Unauthorized();
            lock (session.Gate) return Results.Json(CartView(session));
        });

        app.MapPost("/cart/items", async (HttpRequest request, AddItemRequest? body, CancellationToken ct) =>
        {
            await Pause(3, 10, ct);
            if (sessions.Find(Token(request)) is not { } session) return Unauthorized();
            if (body is null) return BadRequest("body must be JSON {\"productId\": 1, \"quantity\": 1}");
            var quantity = body.Quantity ?? 1;
            if (quantity is < 1 or > 100) return BadRequest("quantity must be 1..100");
            if (Catalogue.Find(body.ProductId) is null) return NotFound($"no product {body.ProductId}");
            lock (session.Gate)
            {
                session.Items[body.ProductId] = session.Items.GetValueOrDefault(body.ProductId) + quantity;
                return Results.Json(CartView(session), statusCode: StatusCodes.Status201Created);
            }
        });

        app.MapPost("/checkout", async (HttpRequest request, CancellationToken ct) =>
        {
            await Pause(20, 60, ct);
            if (sessions.Find(Token(request)) is not { } session) return Unauthorized();
            if (Random.Shared.NextDouble() < CheckoutFailureRate)
                return Results.Json(new { error = "payment provider did not answer" }, statusCode: StatusCodes.Status500InternalServerError);
            lock (session.Gate)
            {
                if (session.Items.Count == 0) return BadRequest("cart is empty");
                var total = Total(session);
                session.Items.Clear();
                return Results.Json(new { orderId = "ord-" + Guid.NewGuid().ToString("N")[..12], total });
            }
        });
    }

    /// <summary>The token from <c>Authorization: Bearer TOKEN</c>, else from <c>?t=TOKEN</c>.</summary>
    private static string? Token(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        const string bearer = "Bearer ";
        if (authorization.StartsWith(bearer, StringComparison.OrdinalIgnoreCase))
            return authorization[bearer.Length..].Trim();
        return request.Query["t"].ToString();
    }

    private static object CartView(Session session) => new
    {
        user = session.User,
        items = session.Items.Select(item =>
        {
            var product = Catalogue.Find(item.Key)!;
            return new { productId = product.Id, name = product.Name, price = product.Price, quantity = item.Value };
        }).ToList(),
        total = Total(session),
    };

    private static decimal Total(Session session) => session.Items.Sum(i => Catalogue.Find(i.Key)!.Price * i.Value);

    private static Task Pause(int minMs, int maxMs, CancellationToken ct) => Task.Delay(Random.Shared.Next(minMs, maxMs + 1), ct);

    private static IResult Unauthorized() =>
        Results.Json(new { error = "log in first: Authorization: Bearer TOKEN or ?t=TOKEN" }, statusCode: StatusCodes.Status401Unauthorized);

    private static IResult BadRequest(string error) => Results.Json(new { error }, statusCode: StatusCodes.Status400BadRequest);

    private static IResult NotFound(string error) => Results.Json(new { error }, statusCode: StatusCodes.Status404NotFound);
}
