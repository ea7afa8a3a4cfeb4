using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace LoadGrid.Core.Scenarios.Parsing;

/// <summary><c>extract: { token: "$.token", id: "re:id=(\d+)" }</c>: response values into VU variables.</summary>
internal static partial class ExtractParser
{
    private const string RegexPrefix = "re:";

    /// <summary>The extractions; a regex one holds the pattern without its <c>re:</c> prefix.</summary>
    public static List<Extraction> Parse(YamlNode node, string what, ParseContext ctx)
    {
        var extractions = new List<Extraction>();
        var map = YamlMap.Read(node, $"'extract' of {what} (e.g. {{ token: \"$.token\" }})", $"in 'extract' of {what}", allowedKeys: null, ctx);
        if (map is null) return extractions;
        if (map.Node.Children.Count == 0)
            ctx.Error(node, $"'extract' of {what} is empty: map variable names to JSON paths, e.g. {{ token: \"$.token\" }}");

        foreach (var entry in map.Entries)
        {
            var name = entry.Name;
            if (!VariableName().IsMatch(name))
            {
                ctx.Error(entry.Key, $"variable name '{name}' is not valid: use letters, digits and '_' (no dots), starting with a letter or '_'");
                continue;
            }
            if (VariableScope.BuiltIns.Contains(name) || name == "env")
            {
                ctx.Error(entry.Key, $"'{name}' is a built-in variable: extract into another name");
                continue;
            }
            if (YamlValues.NonEmptyString(entry.Value, $"extract '{name}'", ctx) is not { } expression) continue;
            if (ParseExpression(name, expression, entry.Value, ctx) is { } extraction) extractions.Add(extraction);
        }
        return extractions;
    }

    private static Extraction? ParseExpression(string name, string expression, YamlNode node, ParseContext ctx)
    {
        var location = YamlValues.Location(node);
        if (expression.StartsWith('$')) return new Extraction(location, name, ExtractionKind.JsonPath, expression);
        if (!expression.StartsWith(RegexPrefix, StringComparison.Ordinal))
        {
            ctx.Error(node, $"extract '{name}': '{expression}' is neither a JSON path (starting with '$', e.g. $.{name}) nor a regex ('re:…')");
            return null;
        }

        var pattern = expression[RegexPrefix.Length..];
        if (pattern.Length == 0)
        {
            ctx.Error(node, $"extract '{name}': the regex after 're:' is empty");
            return null;
        }
        try
        {
            _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException e)
        {
            ctx.Error(node, $"extract '{name}': bad regex '{pattern}': {e.Message}");
            return null;
        }
        return new Extraction(location, name, ExtractionKind.Regex, pattern);
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex VariableName();
}
