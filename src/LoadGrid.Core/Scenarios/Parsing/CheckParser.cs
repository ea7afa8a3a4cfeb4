using YamlDotNet.RepresentationModel;

namespace LoadGrid.Core.Scenarios.Parsing;

/// <summary><c>check: { status: 200, bodyContains: "…", json: { "$.path": value } }</c>.</summary>
internal static class CheckParser
{
    private static readonly string[] Keys = ["status", "bodyContains", "json"];

    /// <summary>The checks in file order, and the status list when there is a status check.</summary>
    public static (List<Check> Checks, IReadOnlyList<int>? Statuses) Parse(YamlNode node, string what, VariableScope scope, ParseContext ctx)
    {
        var checks = new List<Check>();
        IReadOnlyList<int>? statuses = null;
        var map = YamlMap.Read(node, $"'check' of {what}", $"in 'check' of {what}", Keys, ctx);
        if (map is null) return (checks, statuses);
        if (map.Node.Children.Count == 0)
            ctx.Error(node, $"'check' of {what} is empty: give status, bodyContains or json");

        foreach (var entry in map.Entries)
        {
            var location = YamlValues.Location(entry.Value);
            switch (entry.Name)
            {
                case "status":
                    statuses = ParseStatuses(entry.Value, ctx);
                    if (statuses is not null) checks.Add(new StatusCheck(location, statuses));
                    break;
                case "bodyContains":
                    if (YamlValues.NonEmptyString(entry.Value, "'bodyContains'", ctx) is { } text &&
                        scope.Parse(text, entry.Value, "bodyContains") is { } template)
                        checks.Add(new BodyContainsCheck(location, template));
                    break;
                case "json":
                    checks.AddRange(ParseJsonChecks(entry.Value, what, ctx));
                    break;
            }
        }
        return (checks, statuses);
    }

    private static IReadOnlyList<int>? ParseStatuses(YamlNode node, ParseContext ctx)
    {
        IReadOnlyList<YamlNode> items = node is YamlSequenceNode list ? list.Children.ToList() : [node];
        if (items.Count == 0)
        {
            ctx.Error(node, "'status' needs at least one status, e.g. status: [200, 201]");
            return null;
        }
        var statuses = new List<int>();
        foreach (var item in items)
        {
            if (YamlValues.TryInteger(item, out var status) && status is >= 100 and <= 599) statuses.Add((int)status);
            else ctx.Error(item, $"'status' must be an HTTP status from 100 to 599, got {YamlValues.Describe(item)}");
        }
        return statuses.Count == items.Count ? statuses : null;
    }

    private static List<Check> ParseJsonChecks(YamlNode node, string what, ParseContext ctx)
    {
        var checks = new List<Check>();
        var map = YamlMap.Read(node, "a 'json' check (e.g. { \"$.status\": ok })", $"in the 'json' check of {what}", allowedKeys: null, ctx);
        if (map is null) return checks;
        if (map.Node.Children.Count == 0)
            ctx.Error(node, "the 'json' check is empty: map JSON paths to expected values, e.g. { \"$.status\": ok }");
        foreach (var entry in map.Entries)
        {
            if (!entry.Name.StartsWith('$'))
            {
                ctx.Error(entry.Key, $"JSON path '{entry.Name}' must start with '$', e.g. $.{entry.Name}");
                continue;
            }
            if (YamlJsonWriter.Write(entry.Value, ctx) is { } expected)
                checks.Add(new JsonPathCheck(YamlValues.Location(entry.Key), entry.Name, expected));
        }
        return checks;
    }
}
