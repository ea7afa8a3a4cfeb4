using System.Text;
using LoadGrid.Core.Scenarios;
using LoadGrid.Core.Templates;

namespace LoadGrid.Http.Steps;

/// <summary>
/// A request step prepared once per flow runner: the method object, the URI and headers when they are constant,
/// the encoded body when it is constant, the checks and extractions, and whether the body must be kept at all.
/// </summary>
internal sealed class CompiledRequest : CompiledStep
{
    // " HTTP/1.1\r\n", "Host: \r\n" and the blank line; the host itself is counted within the URL.
    private const int RequestLineAndHostOverhead = 11 + 8 + 2;
    // "Content-Length: N\r\n" and "Content-Type: \r\n" around a body.
    private const int BodyHeadersOverhead = 22 + 16;

    private readonly Template _url;
    private readonly string? _baseUrl;
    private readonly Uri? _constantUri;
    private readonly HeaderTemplate[] _headerTemplates;
    private readonly KeyValuePair<string, string>[]? _constantHeaders;
    private readonly int _constantHeaderBytes;
    private readonly RequestBody? _body;
    private readonly byte[]? _constantBody;
    private readonly int[]? _expectedStatuses;

    public CompiledRequest(int index, RequestStep step, string? baseUrl)
    {
        Index = index;
        Name = step.Name;
        Method = ToHttpMethod(step.Method);
        Timeout = step.Timeout;
        _url = step.Url;
        _baseUrl = baseUrl;
        if (step.Url.IsConstant) _constantUri = TryCreateUri(Resolve(baseUrl, step.Url.Source));

        _headerTemplates = step.Headers.ToArray();
        if (_headerTemplates.All(h => h.Value.IsConstant))
        {
            _constantHeaders = _headerTemplates.Select(h => KeyValuePair.Create(h.Name, h.Value.Source)).ToArray();
            _constantHeaderBytes = _constantHeaders.Sum(h => HeaderBytes(h.Key, h.Value));
        }

        _body = step.Body;
        if (step.Body is { Content.IsConstant: true }) _constantBody = Encoding.UTF8.GetBytes(step.Body.Content.Source);

        _expectedStatuses = step.ExpectedStatuses?.ToArray();
        Checks = step.Checks.Select(ResponseCheck.From).ToArray();
        Extractions = step.Extractions.Select(ResponseExtractor.From).ToArray();
        ReadBody = Extractions.Length > 0 || Checks.Any(c => c.NeedsBody);
    }

    /// <summary>Index into the flow runner's step names, as passed to the metrics sink.</summary>
    public int Index { get; }

    public string Name { get; }

    public HttpMethod Method { get; }

    public TimeSpan Timeout { get; }

    public ResponseCheck[] Checks { get; }

    public ResponseExtractor[] Extractions { get; }

    /// <summary>True when a check or extraction reads the body; otherwise it is only drained and counted.</summary>
    public bool ReadBody { get; }

    /// <summary>Succeeds unless the rendered URL is not an absolute http(s) URL.</summary>
    public bool TryResolveUri(IVariableSource variables, out Uri uri)
    {
        uri = _constantUri ?? TryCreateUri(Resolve(_baseUrl, _url.Render(variables)))!;
        return uri is not null;
    }

    public TransportRequest BuildRequest(Uri uri, IVariableSource variables, string? cookie, out long bytesSent)
    {
        var headerBytes = _constantHeaderBytes;
        var headers = _constantHeaders ?? RenderHeaders(variables, out headerBytes);
        var body = _constantBody ?? RenderBody(variables);
        bytesSent = Method.Method.Length + 1 + uri.OriginalString.Length + RequestLineAndHostOverhead + headerBytes
            + (cookie is null ? 0 : HeaderBytes("Cookie", cookie))
            + (body is null ? 0 : body.Length + BodyHeadersOverhead + _body!.ContentType.Length);
        return new TransportRequest(Method, uri, headers, body, _body?.ContentType, cookie, ReadBody);
    }

    /// <summary>A failed request: no response, or a status the step does not accept (by default 400 and above).</summary>
    public bool IsSuccessStatus(int status) =>
        _expectedStatuses is null ? status < 400 : Array.IndexOf(_expectedStatuses, status) >= 0;

    private KeyValuePair<string, string>[] RenderHeaders(IVariableSource variables, out int bytes)
    {
        var headers = new KeyValuePair<string, string>[_headerTemplates.Length];
        bytes = 0;
        for (var i = 0; i < headers.Length; i++)
        {
            var (name, value) = (_headerTemplates[i].Name, _headerTemplates[i].Value.Render(variables));
            headers[i] = KeyValuePair.Create(name, value);
            bytes += HeaderBytes(name, value);
        }
        return headers;
    }

    private byte[]? RenderBody(IVariableSource variables) =>
        _body is null ? null : Encoding.UTF8.GetBytes(_body.Content.Render(variables, _body.IsJson ? JsonStringEscape.Escape : null));

    /// <summary>
    /// Joins a relative URL onto the base URL as load tools do (Gatling, Artillery): a base of
    /// <c>http://host/api</c> and <c>/items</c> give <c>http://host/api/items</c>. Absolute URLs stay as they are.
    /// </summary>
    internal static string Resolve(string? baseUrl, string url)
    {
        if (baseUrl is null || IsAbsolute(url)) return url;
        var trimmedBase = baseUrl.AsSpan().TrimEnd('/');
        if (url.Length == 0) return trimmedBase.ToString();
        return url[0] is '/' or '?' ? string.Concat(trimmedBase, url) : string.Concat(trimmedBase, "/", url);
    }

    private static bool IsAbsolute(string url) =>
        url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("https://", StringComparison.OrdinalIgnoreCase);

    private static Uri? TryCreateUri(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) ? uri : null;

    private static int HeaderBytes(string name, string value) => name.Length + value.Length + 4;

    private static HttpMethod ToHttpMethod(HttpMethodKind method) => method switch
    {
        HttpMethodKind.Get => HttpMethod.Get,
        HttpMethodKind.Post => HttpMethod.Post,
        HttpMethodKind.Put => HttpMethod.Put,
        HttpMethodKind.Patch => HttpMethod.Patch,
        HttpMethodKind.Delete => HttpMethod.Delete,
        HttpMethodKind.Head => HttpMethod.Head,
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, "unknown HTTP method"),
    };
}
