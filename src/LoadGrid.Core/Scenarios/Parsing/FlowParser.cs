using YamlDotNet.RepresentationModel;

namespace LoadGrid.Core.Scenarios.Parsing;

/// <summary>
/// A scenario's <c>flow:</c> list: request steps (<c>- get: /products</c>) and think steps (<c>- think: 1s</c>),
/// read in order so that each step may use the variables extracted by the steps before it.
/// </summary>
internal sealed class FlowParser(ParseContext ctx, VariableScope scope, bool hasBaseUrl, string scenario)
{
    public static readonly IReadOnlyList<string> Methods = ["get", "post", "put", "patch", "delete", "head"];

    private static readonly IReadOnlyList<string> StepKeys = [.. Methods, "think", .. RequestStepParser.OptionKeys];

    public List<FlowStep> Parse(YamlNode node)
    {
        if (node is not YamlSequenceNode { Children.Count: > 0 } list)
        {
            ctx.Error(node, $"'flow' of scenario '{scenario}' must be a non-empty list of steps, e.g. - get: /products, got {YamlValues.Describe(node)}");
            return [];
        }
        var steps = new List<FlowStep>();
        for (var i = 0; i < list.Children.Count; i++)
        {
            if (ParseStep(list.Children[i], $"step {i + 1} of scenario '{scenario}'") is { } step) steps.Add(step);
        }
        return steps;
    }

    private FlowStep? ParseStep(YamlNode node, string what)
    {
        var map = YamlMap.Read(node, $"{what} (e.g. '- get: /path' or '- think: 1s')", $"in {what}", StepKeys, ctx);
        if (map is null) return null;

        var methods = map.Entries.Where(e => Methods.Contains(e.Name)).ToList();
        if (map.Value("think") is { } think)
        {
            if (methods.Count > 0)
            {
                ctx.Error(map.Key("think")!, $"{what} is both a request and a think: put 'think' in a step of its own");
                return null;
            }
            foreach (var other in map.Entries.Where(e => e.Name != "think"))
                ctx.Error(other.Key, $"'{other.Name}' does not apply to a think step (it takes only 'think')");
            return ParseThink(think);
        }
        if (methods.Count == 0)
        {
            // A misspelt method was already reported as an unknown key with a suggestion; one error is enough.
            if (map.UnknownKeys == 0)
                ctx.Error(node, $"{what} has no request method: add one of {string.Join(", ", Methods)} with the URL (e.g. get: /products), or think: 1s");
            return null;
        }
        if (methods.Count > 1)
        {
            ctx.Error(methods[1].Key, $"{what} has two methods, '{methods[0].Name}' and '{methods[1].Name}': put each request in a step of its own");
            return null;
        }
        return new RequestStepParser(ctx, scope, hasBaseUrl).Parse(map, methods[0], what);
    }

    /// <summary><c>think: 1s</c> or <c>think: 500ms..2s</c>.</summary>
    private ThinkStep? ParseThink(YamlNode node)
    {
        const string Hint = "use a duration like 1s, or a range like 500ms..2s";
        if (YamlValues.Text(node) is not { } text)
        {
            ctx.Error(node, $"'think' must be a time, got {YamlValues.Describe(node)}: {Hint}");
            return null;
        }
        var parts = text.Split("..", 2);
        if (!DurationParser.TryParse(parts[0], out var min) || !DurationParser.TryParse(parts[^1], out var max))
        {
            ctx.Error(node, $"bad think time '{text}': {Hint}");
            return null;
        }
        if (min > max)
        {
            ctx.Error(node, $"think range '{text}' starts above its end: write the shorter time first, e.g. {parts[1].Trim()}..{parts[0].Trim()}");
            return null;
        }
        return new ThinkStep(YamlValues.Location(node), min, max);
    }
}
