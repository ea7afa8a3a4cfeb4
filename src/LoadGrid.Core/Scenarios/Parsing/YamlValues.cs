using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace LoadGrid.Core.Scenarios.Parsing;

/// <summary>
/// Reads typed values out of YAML nodes. Each reader reports a bad value at the value's node and returns null,
/// so callers carry on and find the next error.
/// </summary>
internal static class YamlValues
{
    public const string DurationHint = "use a number with ms, s, m or h, e.g. 500ms, 10s, 2m";

    public static SourceLocation Location(YamlNode node) => new((int)node.Start.Line, (int)node.Start.Column);

    /// <summary>An empty value, <c>~</c> or <c>null</c> written without quotes.</summary>
    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain, Value: null or "" or "~" or "null" or "Null" or "NULL" };

    /// <summary>How a node reads in a message: the scalar itself, or "a list", "a mapping", "nothing".</summary>
    public static string Describe(YamlNode node) => node switch
    {
        YamlSequenceNode { Children.Count: 0 } => "an empty list",
        YamlSequenceNode => "a list",
        YamlMappingNode => "a mapping",
        _ when IsNull(node) => "nothing",
        YamlScalarNode scalar => scalar.Value ?? string.Empty,
        _ => "an unsupported value",
    };

    /// <summary>The text of a non-null scalar, else null (no error).</summary>
    public static string? Text(YamlNode node) => node is YamlScalarNode scalar && !IsNull(node) ? scalar.Value : null;

    /// <summary>A non-empty text value; <paramref name="what"/> names it in the message, e.g. "'name'".</summary>
    public static string? NonEmptyString(YamlNode node, string what, ParseContext ctx)
    {
        var text = Text(node);
        if (text is null)
        {
            ctx.Error(node, $"{what} must be a text value, got {Describe(node)}");
            return null;
        }
        if (text.Trim().Length == 0)
        {
            ctx.Error(node, $"{what} must not be empty");
            return null;
        }
        return text;
    }

    public static int? PositiveInt(YamlNode node, string key, ParseContext ctx) =>
        (int?)Integer(node, key, 1, int.MaxValue, "a positive integer", ctx);

    public static int? NonNegativeInt(YamlNode node, string key, ParseContext ctx) =>
        (int?)Integer(node, key, 0, int.MaxValue, "an integer of 0 or more", ctx);

    public static long? PositiveLong(YamlNode node, string key, ParseContext ctx) =>
        Integer(node, key, 1, long.MaxValue, "a positive integer", ctx);

    public static double? PositiveNumber(YamlNode node, string key, ParseContext ctx) =>
        Number(node, key, allowZero: false, ctx);

    public static double? NonNegativeNumber(YamlNode node, string key, ParseContext ctx) =>
        Number(node, key, allowZero: true, ctx);

    /// <summary>A duration like <c>10s</c>; zero only when <paramref name="allowZero"/>.</summary>
    public static TimeSpan? Duration(YamlNode node, string key, bool allowZero, ParseContext ctx)
    {
        var text = Text(node);
        if (text is null)
        {
            ctx.Error(node, $"'{key}' must be a duration, got {Describe(node)}: {DurationHint}");
            return null;
        }
        if (!DurationParser.TryParse(text, out var value))
        {
            ctx.Error(node, $"bad duration '{text}': {DurationHint}");
            return null;
        }
        if (!allowZero && value == TimeSpan.Zero)
        {
            ctx.Error(node, $"'{key}' must be longer than 0s, got {text}");
            return null;
        }
        return value;
    }

    public static bool? Bool(YamlNode node, string key, ParseContext ctx)
    {
        switch (Text(node))
        {
            case "true" or "True" or "TRUE":
                return true;
            case "false" or "False" or "FALSE":
                return false;
            default:
                ctx.Error(node, $"'{key}' must be true or false, got {Describe(node)}");
                return null;
        }
    }

    /// <summary>An integer if the scalar is one (no error otherwise); for callers with their own message.</summary>
    public static bool TryInteger(YamlNode node, out long value)
    {
        value = 0;
        return Text(node) is { } text &&
               long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>A finite number if the scalar is one (no error otherwise).</summary>
    public static bool TryNumber(YamlNode node, out double value)
    {
        value = 0;
        return Text(node) is { } text &&
               double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) &&
               double.IsFinite(value);
    }

    private static long? Integer(YamlNode node, string key, long min, long max, string expectation, ParseContext ctx)
    {
        if (!TryInteger(node, out var value) || value < min)
        {
            ctx.Error(node, $"'{key}' must be {expectation}, got {Describe(node)}");
            return null;
        }
        if (value > max)
        {
            ctx.Error(node, $"'{key}' must be at most {max}, got {value}");
            return null;
        }
        return value;
    }

    private static double? Number(YamlNode node, string key, bool allowZero, ParseContext ctx)
    {
        if (!TryNumber(node, out var value) || value < 0 || (!allowZero && value == 0))
        {
            ctx.Error(node, $"'{key}' must be {(allowZero ? "a number of 0 or more" : "a positive number")}, got {Describe(node)}");
            return null;
        }
        return value;
    }
}
