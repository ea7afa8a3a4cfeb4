using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace LoadGrid.Core.Scenarios.Parsing;

/// <summary>
/// Writes a YAML value as compact JSON text: mappings become objects, sequences arrays; plain scalars that read as
/// a JSON number, true, false or null become those tokens; every other scalar, and every quoted one, a string.
/// </summary>
internal static partial class YamlJsonWriter
{
    // Relaxed escaping keeps non-ASCII text and characters such as '+' or '<' readable in the request body;
    // JSON syntax characters are still escaped.
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// The JSON text, or null after reporting a mapping key that is not a scalar. <paramref name="onString"/> sees
    /// every string written (keys and values) with its node, so the caller can check templates inside them.
    /// </summary>
    public static string? Write(YamlNode node, ParseContext ctx, Action<string, YamlNode>? onString = null)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var ok = true;
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            WriteNode(writer, node, ctx, onString, ref ok);
        }
        return ok ? Encoding.UTF8.GetString(buffer.WrittenSpan) : null;
    }

    private static void WriteNode(Utf8JsonWriter writer, YamlNode node, ParseContext ctx, Action<string, YamlNode>? onString, ref bool ok)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                writer.WriteStartObject();
                foreach (var (key, value) in mapping.Children)
                {
                    if (key is not YamlScalarNode { Value: { } name })
                    {
                        ctx.Error(key, $"JSON object keys must be text, got {YamlValues.Describe(key)}");
                        ok = false;
                        continue;
                    }
                    onString?.Invoke(name, key);
                    writer.WritePropertyName(name);
                    WriteNode(writer, value, ctx, onString, ref ok);
                }
                writer.WriteEndObject();
                break;
            case YamlSequenceNode sequence:
                writer.WriteStartArray();
                foreach (var child in sequence.Children) WriteNode(writer, child, ctx, onString, ref ok);
                writer.WriteEndArray();
                break;
            case YamlScalarNode scalar:
                WriteScalar(writer, scalar, onString);
                break;
        }
    }

    private static void WriteScalar(Utf8JsonWriter writer, YamlScalarNode scalar, Action<string, YamlNode>? onString)
    {
        var text = scalar.Value ?? string.Empty;
        if (scalar.Style == ScalarStyle.Plain)
        {
            if (YamlValues.IsNull(scalar))
            {
                writer.WriteNullValue();
                return;
            }
            switch (text)
            {
                case "true" or "True" or "TRUE":
                    writer.WriteBooleanValue(true);
                    return;
                case "false" or "False" or "FALSE":
                    writer.WriteBooleanValue(false);
                    return;
            }
            if (JsonNumber().IsMatch(text))
            {
                writer.WriteRawValue(text);
                return;
            }
        }
        onString?.Invoke(text, scalar);
        writer.WriteStringValue(text);
    }

    [GeneratedRegex(@"^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$")]
    private static partial Regex JsonNumber();
}
