using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace LoadGrid.Http.Steps;

/// <summary>
/// Escapes a value substituted into a string of a <c>json:</c> body, so a name like <c>O"Brien</c> keeps the
/// document valid. Values with nothing to escape (the usual case) are returned as they are.
/// </summary>
internal static class JsonStringEscape
{
    private static readonly SearchValues<char> NeedsEscaping = SearchValues.Create(
        "\"\\\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000b\f\r\u000e\u000f" +
        "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f");

    public static readonly Func<string, string> Escape = Apply;

    private static string Apply(string value) =>
        value.AsSpan().ContainsAny(NeedsEscaping)
            ? JsonEncodedText.Encode(value, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).Value
            : value;
}
