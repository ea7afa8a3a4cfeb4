using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace LoadGrid.Core.Scenarios.Parsing;

/// <summary>Names defined elsewhere in the file that threshold tag filters may refer to.</summary>
internal sealed record KnownNames(IReadOnlyCollection<string> Steps, IReadOnlyCollection<string> Scenarios, IReadOnlyCollection<string> Regions)
{
    public IReadOnlyCollection<string> For(string tag) => tag switch
    {
        "step" => Steps,
        "scenario" => Scenarios,
        _ => Regions,
    };
}

/// <summary>
/// <c>thresholds: { "http_req_duration{step:products}": [ "p(95)&lt;500", { threshold: "p(99)&lt;900", abortOnFail: true } ] }</c>.
/// </summary>
internal static partial class ThresholdParser
{
    private static readonly string[] ItemKeys = ["threshold", "abortOnFail", "delayAbortEval"];

    public static List<ThresholdDefinition> Parse(YamlNode? node, KnownNames known, ParseContext ctx)
    {
        var thresholds = new List<ThresholdDefinition>();
        if (node is null || YamlValues.IsNull(node)) return thresholds;
        var map = YamlMap.Read(node, "'thresholds'", "under 'thresholds'", allowedKeys: null, ctx);
        if (map is null) return thresholds;

        foreach (var entry in map.Entries)
        {
            // Items are checked even under a bad key, so one run of validate shows every mistake.
            var (metric, tags) = ParseKey(entry, known, ctx);
            IReadOnlyList<YamlNode> items = entry.Value is YamlSequenceNode list ? list.Children.ToList() : [entry.Value];
            if (items.Count == 0)
                ctx.Error(entry.Value, $"thresholds of '{entry.Name}' is an empty list: add an expression, e.g. [ \"p(95)<500\" ]");
            foreach (var item in items)
            {
                if (ParseItem(item, metric, tags, ctx) is { } threshold) thresholds.Add(threshold);
            }
        }
        return thresholds;
    }

    /// <summary>The metric (null when unknown or malformed) and its tag filters from <c>metric{tag:value,…}</c>.</summary>
    private static (string? Metric, Dictionary<string, string> Tags) ParseKey(YamlMap.Entry entry, KnownNames known, ParseContext ctx)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        var match = MetricKey().Match(entry.Name.Trim());
        if (!match.Success)
        {
            ctx.Error(entry.Key, $"bad threshold key '{entry.Name}': write a metric name, optionally with tag filters, e.g. http_req_duration{{step:products}}");
            return (null, tags);
        }

        string? metric = match.Groups["metric"].Value;
        if (ThresholdMetrics.AggregationsOf(metric) is null)
        {
            ctx.Error(entry.Key, $"unknown metric '{metric}'{DidYouMean.OneOf(metric, ThresholdMetrics.Names.ToArray())}");
            metric = null;
        }
        if (match.Groups["tags"].Success) ParseTags(match.Groups["tags"].Value, entry, known, tags, ctx);
        return (metric, tags);
    }

    private static void ParseTags(string text, YamlMap.Entry entry, KnownNames known, Dictionary<string, string> tags, ParseContext ctx)
    {
        foreach (var part in text.Split(','))
        {
            var colon = part.IndexOf(':');
            if (colon < 0)
            {
                ctx.Error(entry.Key, $"tag filter '{part.Trim()}' in '{entry.Name}' needs a value: write tag:value, e.g. step:products");
                continue;
            }
            var tag = part[..colon].Trim();
            var value = Unquote(part[(colon + 1)..].Trim());
            if (!ThresholdMetrics.Tags.Contains(tag))
            {
                ctx.Error(entry.Key, $"unknown tag '{tag}' in '{entry.Name}'{DidYouMean.OneOf(tag, ThresholdMetrics.Tags.ToArray())}");
                continue;
            }
            if (!tags.TryAdd(tag, value))
            {
                ctx.Error(entry.Key, $"tag '{tag}' appears twice in '{entry.Name}'");
                continue;
            }
            var names = known.For(tag);
            if (!names.Contains(value))
            {
                var hint = DidYouMean.Suggest(value, names) is { } suggestion
                    ? $"did you mean '{suggestion}'?"
                    : $"{tag} names: {string.Join(", ", names)}";
                ctx.Error(entry.Key, $"tag filter {tag}:{value} in '{entry.Name}' matches no {tag} in this file ({hint})");
            }
        }
    }

    private static string Unquote(string value) =>
        value.Length >= 2 && value[0] == value[^1] && value[0] is '"' or '\'' ? value[1..^1] : value;

    private static ThresholdDefinition? ParseItem(YamlNode item, string? metric, IReadOnlyDictionary<string, string> tags, ParseContext ctx)
    {
        YamlNode expressionNode;
        var abortOnFail = false;
        var delayAbortEval = TimeSpan.Zero;
        if (item is YamlMappingNode)
        {
            var map = YamlMap.Read(item, "a threshold", "in a threshold", ItemKeys, ctx);
            if (map is null) return null;
            if (map.Value("abortOnFail") is { } abortNode) abortOnFail = YamlValues.Bool(abortNode, "abortOnFail", ctx) ?? false;
            if (map.Value("delayAbortEval") is { } delayNode)
                delayAbortEval = YamlValues.Duration(delayNode, "delayAbortEval", allowZero: true, ctx) ?? TimeSpan.Zero;
            if (map.Value("threshold") is not { } thresholdNode)
            {
                ctx.Error(item, "a threshold needs 'threshold', e.g. { threshold: \"p(95)<500\", abortOnFail: true }");
                return null;
            }
            expressionNode = thresholdNode;
        }
        else
        {
            expressionNode = item;
        }

        if (YamlValues.Text(expressionNode) is not { } text)
        {
            ctx.Error(expressionNode, $"a threshold must be an expression like \"p(95)<500\" or {{ threshold: \"p(95)<500\", abortOnFail: true }}, got {YamlValues.Describe(expressionNode)}");
            return null;
        }
        if (!ThresholdExpressionParser.TryParse(text, out var expression, out var error))
        {
            ctx.Error(expressionNode, error);
            return null;
        }
        if (metric is null) return null;
        if (!ThresholdMetrics.Supports(metric, expression.Aggregation))
        {
            var allowed = ThresholdMetrics.AggregationsOf(metric)!.ToArray();
            ctx.Error(expressionNode, $"aggregation '{expression.Aggregation}' does not apply to metric '{metric}'{DidYouMean.OneOf(expression.Aggregation, allowed)}");
            return null;
        }
        return new ThresholdDefinition(
            metric, tags, text.Trim(), expression.Aggregation, expression.Percentile, expression.Operator, expression.Limit,
            abortOnFail, delayAbortEval, YamlValues.Location(expressionNode));
    }

    [GeneratedRegex(@"^(?<metric>[A-Za-z_][A-Za-z0-9_]*)\s*(\{(?<tags>[^{}]*)\})?$")]
    private static partial Regex MetricKey();
}
