using System.Globalization;
using System.Text.Json;

namespace LoadGrid.Http;

/// <summary>
/// The JSON paths checks and extractions use: <c>$</c>, <c>.name</c>, <c>['name']</c>, <c>[index]</c> (e.g.
/// <c>$.items[0].id</c>). Compiled once per step; evaluating allocates nothing beyond the parsed document.
/// </summary>
public sealed class JsonPath
{
    private readonly Segment[] _segments;

    private JsonPath(string source, Segment[] segments)
    {
        Source = source;
        _segments = segments;
    }

    public string Source { get; }

    public static JsonPath Compile(string path)
    {
        if (!path.StartsWith('$')) throw new FormatException($"JSON path '{path}' must start with '$'");
        var segments = new List<Segment>();
        var i = 1;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                var end = i + 1;
                while (end < path.Length && path[end] is not ('.' or '[')) end++;
                if (end == i + 1) throw new FormatException($"JSON path '{path}': empty name at {i}");
                segments.Add(new Segment(path[(i + 1)..end], -1));
                i = end;
            }
            else if (path[i] == '[')
            {
                var close = path.IndexOf(']', i);
                if (close < 0) throw new FormatException($"JSON path '{path}': missing ']'");
                var inner = path[(i + 1)..close].Trim();
                if (inner.Length >= 2 && inner[0] is '\'' or '"' && inner[^1] == inner[0]) segments.Add(new Segment(inner[1..^1], -1));
                else if (int.TryParse(inner, NumberStyles.None, CultureInfo.InvariantCulture, out var index)) segments.Add(new Segment(null, index));
                else throw new FormatException($"JSON path '{path}': '[{inner}]' is neither an index nor a quoted name");
                i = close + 1;
            }
            else
            {
                throw new FormatException($"JSON path '{path}': unexpected '{path[i]}' at {i}");
            }
        }
        return new JsonPath(path, segments.ToArray());
    }

    public bool TryEvaluate(JsonElement root, out JsonElement value)
    {
        value = root;
        foreach (var segment in _segments)
        {
            if (segment.Name is not null)
            {
                if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty(segment.Name, out value)) return false;
            }
            else if (value.ValueKind != JsonValueKind.Array || segment.Index >= value.GetArrayLength())
            {
                return false;
            }
            else
            {
                value = value[segment.Index];
            }
        }
        return true;
    }

    /// <summary>A string value unquoted; anything else as its JSON text.</summary>
    public static string AsText(JsonElement value) =>
        value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();

    /// <summary>JSON equality: numbers by value, strings ordinal, objects by members in any order, arrays in order.</summary>
    public static bool JsonEquals(JsonElement a, JsonElement b)
    {
        if (a.ValueKind != b.ValueKind) return false;
        switch (a.ValueKind)
        {
            case JsonValueKind.Number:
                return a.TryGetDecimal(out var x) && b.TryGetDecimal(out var y) ? x == y : a.GetDouble().Equals(b.GetDouble());
            case JsonValueKind.String:
                return a.GetString() == b.GetString();
            case JsonValueKind.Array:
                if (a.GetArrayLength() != b.GetArrayLength()) return false;
                for (var i = 0; i < a.GetArrayLength(); i++) if (!JsonEquals(a[i], b[i])) return false;
                return true;
            case JsonValueKind.Object:
                var count = 0;
                foreach (var property in a.EnumerateObject())
                {
                    count++;
                    if (!b.TryGetProperty(property.Name, out var other) || !JsonEquals(property.Value, other)) return false;
                }
                return count == b.EnumerateObject().Count();
            default:
                return true; // true, false, null: equal kinds are equal values
        }
    }

    private readonly record struct Segment(string? Name, int Index);
}
