using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace LoadGrid.Core.Scenarios.Parsing;

/// <summary><c>data: { users: { csv: data/users.csv, pick: unique } }</c>: CSV feeders.</summary>
internal static partial class FeederParser
{
    private static readonly string[] Keys = ["csv", "pick"];
    private static readonly string[] Picks = ["unique", "sequential", "random"];

    /// <summary>
    /// Every feeder with a usable name, even one with other errors, so that <c>${users.name}</c> elsewhere is
    /// not reported again as an unknown feeder. Columns stay empty when the file was not (or could not be) read.
    /// </summary>
    public static List<FeederDefinition> Parse(YamlNode? node, ParseContext ctx)
    {
        if (node is null || YamlValues.IsNull(node)) return [];
        var map = YamlMap.Read(node, "'data'", "under 'data'", allowedKeys: null, ctx);
        if (map is null) return [];

        var feeders = new List<FeederDefinition>();
        foreach (var entry in map.Entries)
        {
            if (!FeederName().IsMatch(entry.Name) || entry.Name == "env")
            {
                var why = entry.Name == "env" ? "'env' is reserved for ${env.KEY} values" : "use letters, digits, '_' and '-', starting with a letter or '_'";
                ctx.Error(entry.Key, $"feeder name '{entry.Name}' is not valid: {why}");
                continue;
            }
            feeders.Add(ParseFeeder(entry, ctx));
        }
        return feeders;
    }

    private static FeederDefinition ParseFeeder(YamlMap.Entry entry, ParseContext ctx)
    {
        var name = entry.Name;
        var empty = new FeederDefinition(name, string.Empty, string.Empty, FeederPick.Sequential, []);
        var map = YamlMap.Read(entry.Value, $"feeder '{name}' (e.g. {{ csv: data/{name}.csv, pick: unique }})", $"in feeder '{name}'", Keys, ctx);
        if (map is null) return empty;

        var pick = FeederPick.Sequential;
        if (map.Value("pick") is { } pickNode)
        {
            var text = YamlValues.Text(pickNode) ?? YamlValues.Describe(pickNode);
            var index = Array.IndexOf(Picks, text);
            if (index < 0) ctx.Error(pickNode, $"unknown pick '{text}' in feeder '{name}'{DidYouMean.OneOf(text, Picks)}");
            else pick = (FeederPick)index;
        }

        if (map.Value("csv") is not { } csvNode)
        {
            ctx.Error(entry.Key, $"feeder '{name}' needs 'csv': the path of its CSV file, e.g. csv: data/{name}.csv");
            return empty with { Pick = pick };
        }
        var csv = YamlValues.NonEmptyString(csvNode, $"'csv' of feeder '{name}'", ctx);
        if (csv is null) return empty with { Pick = pick };

        string resolved;
        try
        {
            resolved = Path.GetFullPath(Path.Combine(ctx.BaseDirectory, csv));
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            ctx.Error(csvNode, $"feeder '{name}': '{csv}' is not a valid path ({e.Message})");
            return empty with { Pick = pick };
        }
        IReadOnlyList<string> columns = ctx.CheckFiles ? ReadColumns(name, csv, resolved, csvNode, ctx) : [];
        return new FeederDefinition(name, csv, resolved, pick, columns);
    }

    private static IReadOnlyList<string> ReadColumns(string name, string csv, string resolved, YamlNode csvNode, ParseContext ctx)
    {
        if (!File.Exists(resolved))
        {
            ctx.Error(csvNode, $"feeder '{name}': file '{csv}' not found (looked in {resolved})");
            return [];
        }
        try
        {
            var columns = CsvHeaderReader.ReadColumns(resolved, out var error);
            if (columns is null) ctx.Error(csvNode, $"feeder '{name}': file '{csv}' {error}");
            return columns ?? [];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            ctx.Error(csvNode, $"feeder '{name}': cannot read file '{csv}' ({resolved}): {e.Message}");
            return [];
        }
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_-]*$")]
    private static partial Regex FeederName();
}
