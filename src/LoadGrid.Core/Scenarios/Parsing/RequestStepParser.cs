using System.Text.RegularExpressions;
using LoadGrid.Core.Templates;
using YamlDotNet.RepresentationModel;

namespace LoadGrid.Core.Scenarios.Parsing;

/// <summary>One request step: <c>- post: /login</c> with name, headers, json or body, timeout, check and extract.</summary>
internal sealed partial class RequestStepParser(ParseContext ctx, VariableScope scope, bool hasBaseUrl)
{
    public static readonly IReadOnlyList<string> OptionKeys = ["name", "headers", "json", "body", "timeout", "check", "extract"];

    /// <summary>The step, or null when its URL is unusable (the error is reported).</summary>
    public RequestStep? Parse(YamlMap map, YamlMap.Entry methodEntry, string what)
    {
        var url = ParseUrl(methodEntry);
        var name = map.Value("name") is { } nameNode ? YamlValues.NonEmptyString(nameNode, "the step's 'name'", ctx) : null;
        var headers = map.Value("headers") is { } headersNode ? ParseHeaders(headersNode, what) : [];
        var body = ParseBody(map, headers);
        var timeout = map.Value("timeout") is { } timeoutNode ? YamlValues.Duration(timeoutNode, "timeout", allowZero: false, ctx) : null;
        var (checks, statuses) = map.Value("check") is { } checkNode ? CheckParser.Parse(checkNode, what, scope, ctx) : ([], null);
        var extractions = map.Value("extract") is { } extractNode ? ExtractParser.Parse(extractNode, what, ctx) : [];
        // Only after this step's own templates were checked: its extractions exist once its response arrived.
        foreach (var extraction in extractions) scope.AddExtracted(extraction.Variable);

        if (url is null) return null;
        var method = Enum.Parse<HttpMethodKind>(methodEntry.Name, ignoreCase: true);
        return new RequestStep(
            YamlValues.Location(map.Node), name ?? DefaultName(methodEntry.Name, url), method, url, headers, body,
            timeout ?? RequestStep.DefaultTimeout, checks, extractions, statuses);
    }

    /// <summary>"GET /products" for <c>get: /products?page=1</c>.</summary>
    private static string DefaultName(string method, Template url)
    {
        var source = url.Source;
        var query = source.IndexOf('?');
        return $"{method.ToUpperInvariant()} {(query >= 0 ? source[..query] : source)}";
    }

    private Template? ParseUrl(YamlMap.Entry entry)
    {
        var text = YamlValues.NonEmptyString(entry.Value, $"the URL of '{entry.Name}'", ctx);
        if (text is null) return null;
        var template = scope.Parse(text, entry.Value, "URL");
        CheckUrlForm(text.Trim(), entry.Value);
        return template;
    }

    private void CheckUrlForm(string url, YamlNode node)
    {
        // A URL that starts with a placeholder may well be absolute; only the run can tell.
        if (url.StartsWith("${", StringComparison.Ordinal)) return;
        if (url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            if (!url.Contains("${", StringComparison.Ordinal) && !Uri.TryCreate(url, UriKind.Absolute, out _))
                ctx.Error(node, $"URL '{url}' is not a valid absolute URL");
            return;
        }
        if (url.Contains("://", StringComparison.Ordinal))
            ctx.Error(node, $"URL '{url}' must use http or https");
        else if (!hasBaseUrl)
            ctx.Error(node, $"relative URL '{url}' needs a baseUrl at the top of the file");
    }

    private List<HeaderTemplate> ParseHeaders(YamlNode node, string what)
    {
        var map = YamlMap.Read(node, "'headers'", $"in 'headers' of {what}", allowedKeys: null, ctx);
        if (map is null) return [];
        var headers = new List<HeaderTemplate>();
        foreach (var entry in map.Entries)
        {
            if (!HeaderName().IsMatch(entry.Name))
            {
                ctx.Error(entry.Key, $"header name '{entry.Name}' is not valid: use letters, digits and '-' (no spaces or ':'), e.g. X-Request-Id");
                continue;
            }
            if (YamlValues.Text(entry.Value) is not { } text)
            {
                ctx.Error(entry.Value, $"header '{entry.Name}' needs a text value, got {YamlValues.Describe(entry.Value)}");
                continue;
            }
            if (scope.Parse(text, entry.Value, $"header '{entry.Name}'") is { } value) headers.Add(new HeaderTemplate(entry.Name, value));
        }
        return headers;
    }

    private RequestBody? ParseBody(YamlMap map, IReadOnlyList<HeaderTemplate> headers)
    {
        var json = map.Value("json");
        var body = map.Value("body");
        if (json is not null && body is not null)
        {
            var second = map.Key("json")!.Start.CompareTo(map.Key("body")!.Start) > 0 ? map.Key("json")! : map.Key("body")!;
            ctx.Error(second, "a step takes either 'json' or 'body', not both");
            return null;
        }
        var contentType = headers.FirstOrDefault(h => h.Name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase) && h.Value.IsConstant)?.Value.Source;
        if (json is not null) return ParseJsonBody(json, contentType ?? "application/json");
        if (body is null) return null;

        if (YamlValues.Text(body) is not { } text)
        {
            ctx.Error(body, $"'body' must be text, got {YamlValues.Describe(body)} (use 'json' to send a JSON document)");
            return null;
        }
        return scope.Parse(text, body, "body") is { } template ? new RequestBody(template, contentType ?? "text/plain", IsJson: false) : null;
    }

    private RequestBody? ParseJsonBody(YamlNode node, string contentType)
    {
        var stringsValid = true;
        var text = YamlJsonWriter.Write(node, ctx, (value, valueNode) => stringsValid &= scope.Parse(value, valueNode, "JSON text") is not null);
        if (text is null || !stringsValid) return null;
        // Every string parsed on its own, and JSON escaping leaves '$', '{' and '}' alone, so this parse succeeds.
        return new RequestBody(Template.Parse(text), contentType, IsJson: true);
    }

    [GeneratedRegex("^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")]
    private static partial Regex HeaderName();
}
