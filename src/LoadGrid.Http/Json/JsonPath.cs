using System.Globalization;
using System.Text.Json;

namespace LoadGrid.Http.Json;

/// <summary>
/// The simple JSON paths checks and extractions use: <c>$</c>, then any of <c>.name</c>, <c>['name']</c>,
/// <c>["name"]</c> and <c>[index]</c>, e.g. <c>$.items[0].id</c> or <c>$['odd key']</c>. Parsed once, evaluated
/// against a parsed response without allocating.
/// </summary>
public sealed class JsonPath
{
    private readonly Segment[] _segments;

    private JsonPath(string text, Segment[] segments)
    {
        Text = text;
        _segments = segments;
    }

    public string Text { get; }

    public static bool TryParse(string text, out JsonPath path, out string? error)
    {
        path = null!;
        error = null;
        if (!text.StartsWith('$'))
        {
            error = $"JSON path '{text}' must start with '$'";
            return false;
        }
        var segments = new List<Segment>();
        var i = 1;
        while (i < text.Length)
        {
            if (text[i] == '.')
            {
                var start = ++i;
                while (i < text.Length && text[i] is not ('.' or '[')) i++;
                if (i == start)
                {
                    error = $"JSON path '{text}' has an empty name after '.' at position {start}";
                    return false;
                }
                segments.Add(Segment.Property(text[start..i]));
            }
            else if (text[i] == '[')
            {
                if (!TryParseBracket(text, ref i, out var segment, out error)) return false;
                segments.Add(segment);
            }
            else
            {
                error = $"JSON path '{text}': expected '.' or '[' at position {i}, found '{text[i]}'";
                return false;
            }
        }
        path = new JsonPath(text, segments.ToArray());
        return true;
    }

    /// <exception cref="FormatException">The path is not valid.</exception>
    public static JsonPath Parse(string text) =>
        TryParse(text, out var path, out var error) ? path : throw new FormatException(error);

    /// <summary>Finds the value at this path under <paramref name="root"/>; false when a step of the path is missing.</summary>
    public bool TryFind(JsonElement root, out JsonElement value)
    {
        value = root;
        foreach (var segment in _segments)
        {
            if (segment.Name is { } name)
            {
                if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty(name, out value)) return false;
            }
            else
            {
                if (value.ValueKind != JsonValueKind.Array || segment.Index >= value.GetArrayLength()) return false;
                value = value[segment.Index];
            }
        }
        return true;
    }

    public override string ToString() => Text;

    private static bool TryParseBracket(string text, ref int i, out Segment segment, out string? error)
    {
        segment = default;
        error = null;
        var open = i++;
        if (i < text.Length && text[i] is '\'' or '"')
        {
            var quote = text[i];
            var end = text.IndexOf(quote, i + 1);
            if (end < 0 || end + 1 >= text.Length || text[end + 1] != ']')
            {
                error = $"JSON path '{text}': the [{quote}…{quote}] at position {open} is not closed";
                return false;
            }
            segment = Segment.Property(text[(i + 1)..end]);
            i = end + 2;
            return true;
        }
        var close = text.IndexOf(']', i);
        if (close < 0 || !int.TryParse(text.AsSpan(i, close - i), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            error = $"JSON path '{text}': expected an array index like [0] or a quoted name like ['name'] at position {open}";
            return false;
        }
        segment = Segment.Element(index);
        i = close + 1;
        return true;
    }

    private readonly record struct Segment(string? Name, int Index)
    {
        public static Segment Property(string name) => new(name, 0);

        public static Segment Element(int index) => new(null, index);
    }
}
