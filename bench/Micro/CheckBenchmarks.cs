using System.Text;
using BenchmarkDotNet.Attributes;
using LoadGrid.Core.Scenarios;
using LoadGrid.Core.Templates;
using LoadGrid.Http;
using LoadGrid.Http.Steps;

namespace LoadGrid.Bench.Micro;

/// <summary>
/// A step's checks and extractions against one response. Each benchmark builds a fresh <see cref="ResponseView"/>,
/// as the flow runner does per request, so JSON ones include parsing the body once.
/// </summary>
[MemoryDiagnoser]
public class CheckBenchmarks
{
    private static readonly SourceLocation At = new(1, 1);
    private readonly byte[] _body = Encoding.UTF8.GetBytes(
        """{"token":"0f8fad5b-d9cb-469f-a165-70867728950e","user":{"id":42,"name":"ann"},"items":[{"sku":"a-1","qty":2},{"sku":"b-7","qty":1}],"status":"ok"}""");

    private readonly ResponseCheck _status = ResponseCheck.From(new StatusCheck(At, [200]));
    private readonly ResponseCheck _statusList = ResponseCheck.From(new StatusCheck(At, [200, 201, 204, 304]));
    private readonly ResponseCheck _bodyContains = ResponseCheck.From(new BodyContainsCheck(At, Template.Parse("\"status\":\"ok\"")));
    private readonly ResponseCheck _bodyContainsTemplate = ResponseCheck.From(new BodyContainsCheck(At, Template.Parse("\"name\":\"${user}\"")));
    private readonly ResponseCheck _json = ResponseCheck.From(new JsonPathCheck(At, "$.user.id", "42"));
    private readonly ResponseCheck _jsonDeep = ResponseCheck.From(new JsonPathCheck(At, "$.items[1].sku", "\"b-7\""));
    private readonly ResponseExtractor _extractJson = ResponseExtractor.From(new Extraction(At, "token", ExtractionKind.JsonPath, "$.token"));
    private readonly ResponseExtractor _extractRegex = ResponseExtractor.From(new Extraction(At, "token", ExtractionKind.Regex, "\"token\":\"([^\"]+)\""));
    private VirtualUserState _vu = null!;

    [GlobalSetup]
    public void Setup()
    {
        _vu = new VirtualUserState(17, "browse", "local", new Dictionary<string, string>());
        _vu.SetVariable("user", "ann");
        if (!Check(_status) || !Check(_statusList) || !Check(_bodyContains) || !Check(_bodyContainsTemplate) || !Check(_json) || !Check(_jsonDeep)
            || ExtractJson() != "0f8fad5b-d9cb-469f-a165-70867728950e" || ExtractRegex() != "0f8fad5b-d9cb-469f-a165-70867728950e")
            throw new InvalidOperationException("a benchmarked check or extraction does not match its response");
    }

    [Benchmark]
    public bool Status() => Check(_status);

    [Benchmark]
    public bool StatusOfFour() => Check(_statusList);

    [Benchmark]
    public bool BodyContains() => Check(_bodyContains);

    [Benchmark]
    public bool BodyContains_template() => Check(_bodyContainsTemplate);

    [Benchmark]
    public bool JsonPath_equals() => Check(_json);

    [Benchmark]
    public bool JsonPath_arrayElement() => Check(_jsonDeep);

    [Benchmark]
    public string ExtractJson()
    {
        var view = new ResponseView(200, true, _body);
        try
        {
            return _extractJson.TryExtract(ref view, out var value) ? value : "";
        }
        finally
        {
            view.Dispose();
        }
    }

    [Benchmark]
    public string ExtractRegex()
    {
        var view = new ResponseView(200, true, _body);
        try
        {
            return _extractRegex.TryExtract(ref view, out var value) ? value : "";
        }
        finally
        {
            view.Dispose();
        }
    }

    private bool Check(ResponseCheck check)
    {
        var view = new ResponseView(200, true, _body);
        try
        {
            return check.Evaluate(ref view, _vu);
        }
        finally
        {
            view.Dispose();
        }
    }
}
