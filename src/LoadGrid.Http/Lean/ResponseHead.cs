using System.Buffers.Text;
using System.Net.Http;
using System.Text;

namespace LoadGrid.Http.Lean;

/// <summary>What the lean transport needs from a response's status line and headers, parsed straight from bytes.</summary>
internal struct ResponseHead
{
    public int Status;

    /// <summary>The Content-Length, or -1 when there was none.</summary>
    public long ContentLength;

    public bool Chunked;

    /// <summary>The server will close the connection after this response (Connection: close, or HTTP/1.0 without keep-alive).</summary>
    public bool Close;

    public string[]? SetCookies;

    /// <summary>The Location header, kept for redirect statuses only.</summary>
    public string? Location;

    public static bool IsRedirect(int status) => status is 300 or 301 or 302 or 303 or 307 or 308;

    /// <summary>Parses <paramref name="head"/>: the status line and header lines, without the blank line that ends them.</summary>
    /// <exception cref="HttpIOException">Not a valid HTTP/1.x response head (classified as a protocol error).</exception>
    public static ResponseHead Parse(ReadOnlySpan<byte> head)
    {
        var result = new ResponseHead { ContentLength = -1 };
        var lineEnd = head.IndexOf("\r\n"u8);
        var statusLine = lineEnd < 0 ? head : head[..lineEnd];
        // "HTTP/1.x SSS[ reason]"
        if (statusLine.Length < 12 || !statusLine.StartsWith("HTTP/1."u8) || !char.IsAsciiDigit((char)statusLine[7]) || statusLine[8] != (byte)' '
            || !TryStatus(statusLine.Slice(9, 3), out result.Status) || (statusLine.Length > 12 && statusLine[12] != (byte)' '))
        {
            throw Invalid("invalid status line");
        }
        var keepAliveRequested = false;
        var http10 = statusLine[7] == (byte)'0';
        var rest = lineEnd < 0 ? ReadOnlySpan<byte>.Empty : head[(lineEnd + 2)..];
        while (!rest.IsEmpty)
        {
            lineEnd = rest.IndexOf("\r\n"u8);
            var line = lineEnd < 0 ? rest : rest[..lineEnd];
            rest = lineEnd < 0 ? ReadOnlySpan<byte>.Empty : rest[(lineEnd + 2)..];
            var colon = line.IndexOf((byte)':');
            if (colon <= 0 || line[0] is (byte)' ' or (byte)'\t' || line[colon - 1] is (byte)' ' or (byte)'\t') throw Invalid("invalid header line");
            var name = line[..colon];
            var value = line[(colon + 1)..].Trim(" \t"u8);
            switch (name.Length)
            {
                case 14 when Ascii.EqualsIgnoreCase(name, "Content-Length"u8):
                    if (!Utf8Parser.TryParse(value, out long length, out var used) || used != value.Length || length < 0) throw Invalid("invalid Content-Length");
                    if (result.ContentLength >= 0 && result.ContentLength != length) throw Invalid("conflicting Content-Length headers");
                    result.ContentLength = length;
                    break;
                case 17 when Ascii.EqualsIgnoreCase(name, "Transfer-Encoding"u8):
                    if (EndsWithToken(value, "chunked"u8)) result.Chunked = true;
                    break;
                case 10 when Ascii.EqualsIgnoreCase(name, "Connection"u8):
                    if (ContainsToken(value, "close"u8)) result.Close = true;
                    if (ContainsToken(value, "keep-alive"u8)) keepAliveRequested = true;
                    break;
                case 10 when Ascii.EqualsIgnoreCase(name, "Set-Cookie"u8):
                    var cookies = result.SetCookies;
                    Array.Resize(ref cookies, (cookies?.Length ?? 0) + 1);
                    cookies[^1] = Encoding.Latin1.GetString(value);
                    result.SetCookies = cookies;
                    break;
                case 8 when IsRedirect(result.Status) && Ascii.EqualsIgnoreCase(name, "Location"u8):
                    result.Location = Encoding.UTF8.GetString(value);
                    break;
            }
        }
        if (http10 && !keepAliveRequested) result.Close = true;
        return result;
    }

    public static HttpIOException Invalid(string message) => new(HttpRequestError.InvalidResponse, "invalid HTTP response: " + message);

    private static bool TryStatus(ReadOnlySpan<byte> digits, out int status)
    {
        status = 0;
        foreach (var digit in digits)
        {
            if (!char.IsAsciiDigit((char)digit)) return false;
            status = status * 10 + (digit - '0');
        }
        return status >= 100;
    }

    private static bool EndsWithToken(ReadOnlySpan<byte> value, ReadOnlySpan<byte> token)
    {
        var comma = value.LastIndexOf((byte)',');
        return Ascii.EqualsIgnoreCase(value[(comma + 1)..].Trim(" \t"u8), token);
    }

    private static bool ContainsToken(ReadOnlySpan<byte> value, ReadOnlySpan<byte> token)
    {
        foreach (var range in value.Split((byte)','))
        {
            if (Ascii.EqualsIgnoreCase(value[range].Trim(" \t"u8), token)) return true;
        }
        return false;
    }
}
