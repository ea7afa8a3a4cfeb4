using System.Text;
using System.Text.Json;

namespace LoadGrid.Http.Steps;

/// <summary>
/// A response as checks and extractions see it. The body is parsed as JSON, or decoded as text, at most once and
/// only when something asks. Lives on the stack of one request; dispose it before the body buffer is released.
/// </summary>
internal struct ResponseView(int status, bool arrived, ReadOnlyMemory<byte> body) : IDisposable
{
    private JsonDocument? _json;
    private bool _jsonParsed;
    private string? _text;

    public readonly int Status => status;

    /// <summary>False when the transport failed: there is no status and no body to check.</summary>
    public readonly bool Arrived => arrived;

    public readonly ReadOnlySpan<byte> Body => body.Span;

    /// <summary>The body as UTF-8 text.</summary>
    public string Text => _text ??= Encoding.UTF8.GetString(body.Span);

    /// <summary>The parsed body; false when it is not JSON.</summary>
    public bool TryGetJson(out JsonElement root)
    {
        if (!_jsonParsed)
        {
            _jsonParsed = true;
            try
            {
                _json = JsonDocument.Parse(body);
            }
            catch (JsonException)
            {
                _json = null;
            }
        }
        root = _json?.RootElement ?? default;
        return _json is not null;
    }

    public readonly void Dispose() => _json?.Dispose();
}
