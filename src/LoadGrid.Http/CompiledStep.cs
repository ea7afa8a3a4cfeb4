using System.Text.Json;
using System.Text.RegularExpressions;
using LoadGrid.Core.Scenarios;

namespace LoadGrid.Http;

/// <summary>A request step prepared once per scenario: everything that does not depend on the VU is precomputed.</summary>
internal sealed class CompiledRequest
{
    public CompiledRequest(RequestStep step, int stepIndex, Uri? baseUri)
    {
        Step = step;
        StepIndex = stepIndex;
        Method = step.Method switch
        {
            HttpMethodKind.Get => HttpMethod.Get,
            HttpMethodKind.Post => HttpMethod.Post,
            HttpMethodKind.Put => HttpMethod.Put,
            HttpMethodKind.Patch => HttpMethod.Patch,
            HttpMethodKind.Delete => HttpMethod.Delete,
            _ => HttpMethod.Head,
        };
        BaseUri = baseUri;
        if (step.Url.IsConstant) ConstantUri = Resolve(step.Url.Source);
        Expected = step.ExpectedStatuses is { } expected ? expected.ToHashSet() : null;
        Checks = step.Checks.Select(CompiledCheck.From).ToArray();
        Extractions = step.Extractions.Select(e => new CompiledExtraction(e)).ToArray();
        NeedsBody = Checks.Any(c => c.NeedsBody) || Extractions.Length > 0;
        NeedsJson = Checks.Any(c => c.Path is not null) || Extractions.Any(e => e.Path is not null);
    }

    public RequestStep Step { get; }
    public int StepIndex { get; }
    public HttpMethod Method { get; }
    public Uri? BaseUri { get; }
    public Uri? ConstantUri { get; }
    public HashSet<int>? Expected { get; }
    public CompiledCheck[] Checks { get; }
    public CompiledExtraction[] Extractions { get; }
    public bool NeedsBody { get; }
    public bool NeedsJson { get; }

    /// <summary>Absolute URLs as they are; others against baseUrl. Null when the result is not a valid http(s) URL.</summary>
    public Uri? Resolve(string url)
    {
        if (Uri.TryCreate(url, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https") return absolute;
        return BaseUri is not null && Uri.TryCreate(BaseUri, url, out var relative) ? relative : null;
    }

    /// <summary>A status counts as success when the step's status check lists it, otherwise when it is below 400.</summary>
    public bool IsFailure(int status) => Expected is not null ? !Expected.Contains(status) : status >= 400;
}

internal sealed class CompiledCheck
{
    private CompiledCheck(Check check, JsonPath? path, JsonElement expected)
    {
        Check = check;
        Path = path;
        Expected = expected;
    }

    public Check Check { get; }
    public JsonPath? Path { get; }
    public JsonElement Expected { get; }
    public bool NeedsBody => Check is BodyContainsCheck or JsonPathCheck;

    public static CompiledCheck From(Check check) => check switch
    {
        JsonPathCheck json => new CompiledCheck(check, JsonPath.Compile(json.Path), ParseExpected(json.ExpectedJson)),
        _ => new CompiledCheck(check, null, default),
    };

    private static JsonElement ParseExpected(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}

internal sealed class CompiledExtraction
{
    public CompiledExtraction(Extraction extraction)
    {
        Variable = extraction.Variable;
        if (extraction.Kind == ExtractionKind.JsonPath) Path = JsonPath.Compile(extraction.Expression);
        else Pattern = new Regex(extraction.Expression, RegexOptions.Compiled | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }

    public string Variable { get; }
    public JsonPath? Path { get; }
    public Regex? Pattern { get; }
}
