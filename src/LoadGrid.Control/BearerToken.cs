using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace LoadGrid.Control;

/// <summary>The control endpoint's authentication: one shared bearer token (<c>--token</c> / <c>LOADGRID_TOKEN</c>).</summary>
public static class BearerToken
{
    public const string EnvironmentVariable = "LOADGRID_TOKEN";

    public static Func<HttpContext, RequestDelegate, Task> Require(string token)
    {
        var expected = Encoding.UTF8.GetBytes(token);
        return async (context, next) =>
        {
            var header = context.Request.Headers.Authorization.ToString();
            var given = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? Encoding.UTF8.GetBytes(header[7..].Trim()) : [];
            // constant-time, so the comparison does not leak how much of a guess was right
            if (given.Length == expected.Length && CryptographicOperations.FixedTimeEquals(given, expected))
            {
                await next(context);
                return;
            }
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await context.Response.WriteAsJsonAsync(new ErrorReply(
                header.Length == 0 ? "this control endpoint needs a token: pass --token or set LOADGRID_TOKEN" : "wrong token", []));
        };
    }
}
