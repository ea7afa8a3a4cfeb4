using LoadGrid.Core.Templates;
using YamlDotNet.RepresentationModel;

namespace LoadGrid.Core.Scenarios.Parsing;

/// <summary>The top level of a scenario file; sections are read in dependency order (regions and data first).</summary>
internal static class ScenarioFileParser
{
    private static readonly string[] TopKeys = ["name", "baseUrl", "regions", "data", "scenarios", "thresholds", "onRegionLost"];
    private static readonly string[] RegionLossPolicies = ["continue", "abort"];

    /// <summary>The file's model; the caller discards it when <paramref name="ctx"/> holds errors.</summary>
    public static ScenarioFile? Parse(YamlNode root, string text, ParseContext ctx)
    {
        var map = YamlMap.Read(root, "the file (name, baseUrl, scenarios, … at the top level)", "at the top level", TopKeys, ctx);
        if (map is null) return null;

        var name = ParseName(map, ctx);
        var baseUrl = map.Value("baseUrl") is { } baseUrlNode ? ParseBaseUrl(baseUrlNode, ctx) : null;
        var regions = RegionParser.Parse(map.Value("regions"), ctx);
        var feeders = FeederParser.Parse(map.Value("data"), ctx);
        // A bad baseUrl is reported once; relative URLs are not reported again because of it.
        var hasBaseUrl = map.Has("baseUrl");
        var scenarios = ScenarioSectionParser.Parse(map.Value("scenarios"), root, ctx, new VariableScope(ctx, feeders), hasBaseUrl);

        var known = new KnownNames(
            Steps: scenarios.SelectMany(s => s.Flow).OfType<RequestStep>().Select(s => s.Name).ToHashSet(StringComparer.Ordinal),
            Scenarios: scenarios.Select(s => s.Name).ToArray(),
            Regions: regions.Select(r => r.Name).ToArray());
        var thresholds = ThresholdParser.Parse(map.Value("thresholds"), known, ctx);
        var onRegionLost = map.Value("onRegionLost") is { } policyNode ? ParseRegionLossPolicy(policyNode, ctx) : RegionLossPolicy.Continue;

        if (name is null || scenarios.Any(s => s.Definition is null)) return null;
        return new ScenarioFile(
            name, baseUrl, regions, feeders, scenarios.Select(s => s.Definition!).ToArray(), thresholds, ctx.File, text, onRegionLost);
    }

    private static RegionLossPolicy ParseRegionLossPolicy(YamlNode node, ParseContext ctx)
    {
        var text = YamlValues.Text(node) ?? YamlValues.Describe(node);
        var index = Array.IndexOf(RegionLossPolicies, text);
        if (index >= 0) return (RegionLossPolicy)index;
        ctx.Error(node, $"unknown onRegionLost '{text}'{DidYouMean.OneOf(text, RegionLossPolicies)}");
        return RegionLossPolicy.Continue;
    }

    private static string? ParseName(YamlMap map, ParseContext ctx)
    {
        if (map.Value("name") is { } node) return YamlValues.NonEmptyString(node, "'name'", ctx);
        ctx.Error(map.Node, "the file needs a 'name' at the top level, e.g. name: checkout-peak");
        return null;
    }

    /// <summary>An absolute http(s) URL; <c>${env.KEY}</c> placeholders are filled in here so one file serves many targets.</summary>
    private static string? ParseBaseUrl(YamlNode node, ParseContext ctx)
    {
        if (YamlValues.NonEmptyString(node, "'baseUrl'", ctx) is not { } text) return null;
        if (!Template.TryParse(text, out var template, out var error))
        {
            ctx.Error(node, $"{error} in baseUrl '{text}'");
            return null;
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var variable in template.Variables)
        {
            if (!variable.StartsWith("env.", StringComparison.Ordinal))
            {
                ctx.Error(node, $"baseUrl may only use ${{env.KEY}} placeholders, got '${{{variable}}}'");
                return null;
            }
            var key = variable["env.".Length..];
            if (ctx.EnvValue(key) is not { } value)
            {
                ctx.Error(node, $"undefined variable '{variable}': pass --env {key}=… or set the environment variable {key}");
                return null;
            }
            values[variable] = value;
        }

        var url = template.Render(new DictionaryVariableSource(values)).Trim();
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            ctx.Error(node, $"baseUrl '{url}' must be an absolute http or https URL, e.g. http://127.0.0.1:8080");
            return null;
        }
        return url;
    }
}
