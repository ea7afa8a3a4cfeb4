using LoadGrid.Core.Templates;

namespace LoadGrid.Core.Scenarios;

/// <summary>One entry of a scenario's <c>flow:</c> list.</summary>
public abstract record FlowStep(SourceLocation Location);

public enum HttpMethodKind { Get, Post, Put, Patch, Delete, Head }

/// <summary>An HTTP request step, e.g. <c>- get: /products</c>.</summary>
/// <param name="Name">Step name in every metric: the <c>name:</c> key, or "METHOD path" (path without query).</param>
/// <param name="Url">The URL template; relative URLs resolve against the file's baseUrl.</param>
/// <param name="Timeout">Per-step timeout (default 60 s) covering the whole request and response body.</param>
/// <param name="ExpectedStatuses">
/// Statuses that count as success. Null means "below 400". A <c>check: { status: … }</c> sets it, so a step
/// that checks for 404 does not count its 404s as failed requests.
/// </param>
public sealed record RequestStep(
    SourceLocation Location,
    string Name,
    HttpMethodKind Method,
    Template Url,
    IReadOnlyList<HeaderTemplate> Headers,
    RequestBody? Body,
    TimeSpan Timeout,
    IReadOnlyList<Check> Checks,
    IReadOnlyList<Extraction> Extractions,
    IReadOnlyList<int>? ExpectedStatuses) : FlowStep(Location)
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);
}

/// <summary><c>- think: 1s</c> or <c>- think: 500ms..2s</c> (uniform between the two).</summary>
public sealed record ThinkStep(SourceLocation Location, TimeSpan Min, TimeSpan Max) : FlowStep(Location);

public sealed record HeaderTemplate(string Name, Template Value);

/// <summary>A request body. <c>json:</c> is rendered as JSON with templates inside string values; <c>body:</c> is text.</summary>
/// <param name="IsJson">True for <c>json:</c>: substituted values are JSON-string-escaped when rendered.</param>
public sealed record RequestBody(Template Content, string ContentType, bool IsJson);

/// <summary>A check on the response; a failed check is counted, it does not fail the request.</summary>
public abstract record Check(SourceLocation Location);
public sealed record StatusCheck(SourceLocation Location, IReadOnlyList<int> Allowed) : Check(Location);
public sealed record BodyContainsCheck(SourceLocation Location, Template Text) : Check(Location);
/// <summary><c>json: { "$.path": value }</c>: the value at the path equals the expected JSON value (compared as JSON).</summary>
public sealed record JsonPathCheck(SourceLocation Location, string Path, string ExpectedJson) : Check(Location);

public enum ExtractionKind { JsonPath, Regex }

/// <summary><c>extract: { token: "$.token" }</c> or <c>{ id: "re:id=(\d+)" }</c> (first capture group, else whole match).</summary>
public sealed record Extraction(SourceLocation Location, string Variable, ExtractionKind Kind, string Expression);
