using static LoadGrid.Core.Tests.Scenarios.ScenarioTestKit;

namespace LoadGrid.Core.Tests.Scenarios;

/// <summary>Flow steps. Steps start at line 8: "- " at column 7, the step's first key at column 9.</summary>
public class FlowValidationTests
{
    public static TheoryData<string, string, int, int> StepShapeErrors => new()
    {
        { "- get /x", "step 1 of scenario 's' (e.g. '- get: /path' or '- think: 1s') must be a mapping, got get /x", 8, 9 },
        { "- get: /\n  nmae: x", "unknown key 'nmae' in step 1 of scenario 's' (did you mean 'name'?)", 9, 9 },
        { "- get: /\n- gte: /x", "unknown key 'gte' in step 2 of scenario 's' (did you mean 'get'?)", 9, 9 },
        { "- GET: /x", "unknown key 'GET' in step 1 of scenario 's' (did you mean 'get'?)", 8, 9 },
        { "- name: x", "step 1 of scenario 's' has no request method: add one of get, post, put, patch, delete, head with the URL", 8, 9 },
        { "- get: /a\n  post: /b", "step 1 of scenario 's' has two methods, 'get' and 'post': put each request in a step of its own", 9, 9 },
        { "- get: /a\n  think: 1s", "step 1 of scenario 's' is both a request and a think", 9, 9 },
        { "- think: 1s\n  name: x", "'name' does not apply to a think step (it takes only 'think')", 9, 9 },
    };

    [Theory]
    [MemberData(nameof(StepShapeErrors))]
    public void Steps_have_one_method_or_think(string steps, string fragment, int line, int column) =>
        AssertSingleError(FlowWith(steps), fragment, line, column);

    public static TheoryData<string, string, int, int> ThinkErrors => new()
    {
        { "- think: soon", "bad think time 'soon': use a duration like 1s, or a range like 500ms..2s", 8, 16 },
        { "- think: 1s..", "bad think time '1s..'", 8, 16 },
        { "- think: [1s]", "'think' must be a time, got a list: use a duration like 1s", 8, 16 },
        { "- think: 2s..1s", "think range '2s..1s' starts above its end: write the shorter time first, e.g. 1s..2s", 8, 16 },
    };

    [Theory]
    [MemberData(nameof(ThinkErrors))]
    public void Think_times_must_parse(string steps, string fragment, int line, int column) =>
        AssertSingleError(FlowWith(steps), fragment, line, column);

    public static TheoryData<string, string, int, int> RequestOptionErrors => new()
    {
        { "- get: ''", "the URL of 'get' must not be empty", 8, 14 },
        { "- get: ftp://x/y", "URL 'ftp://x/y' must use http or https", 8, 14 },
        { "- get: http://", "URL 'http://' is not a valid absolute URL", 8, 14 },
        { "- get: /\n  name: ''", "the step's 'name' must not be empty", 9, 15 },
        { "- get: /\n  timeout: 0s", "'timeout' must be longer than 0s", 9, 18 },
        { "- get: /\n  timeout: 5", "bad duration '5'", 9, 18 },
        { "- post: /\n  json: { a: 1 }\n  body: x", "a step takes either 'json' or 'body', not both", 10, 9 },
        { "- post: /\n  body: { a: 1 }", "'body' must be text, got a mapping (use 'json' to send a JSON document)", 9, 15 },
        { "- post: /\n  json: { [a]: 1 }", "JSON object keys must be text, got a list", 9, 17 },
        { "- get: /\n  headers: { \"X Id\": 1 }", "header name 'X Id' is not valid", 9, 20 },
        { "- get: /\n  headers: { Accept: [a] }", "header 'Accept' needs a text value, got a list", 9, 28 },
        { "- get: /\n  headers: [ Accept ]", "'headers' must be a mapping, got a list", 9, 18 },
    };

    [Theory]
    [MemberData(nameof(RequestOptionErrors))]
    public void Request_options_must_be_valid(string steps, string fragment, int line, int column) =>
        AssertSingleError(FlowWith(steps), fragment, line, column);

    public static TheoryData<string, string, int, int> CheckErrors => new()
    {
        { "- get: /\n  check: { status: [200, 42] }", "'status' must be an HTTP status from 100 to 599, got 42", 9, 32 },
        { "- get: /\n  check: { status: ok }", "'status' must be an HTTP status from 100 to 599, got ok", 9, 26 },
        { "- get: /\n  check: { status: [] }", "'status' needs at least one status", 9, 26 },
        { "- get: /\n  check: { stauts: 200 }", "unknown key 'stauts' in 'check' of step 1 of scenario 's' (did you mean 'status'?)", 9, 18 },
        { "- get: /\n  check: {}", "'check' of step 1 of scenario 's' is empty: give status, bodyContains or json", 9, 16 },
        { "- get: /\n  check: { bodyContains: '' }", "'bodyContains' must not be empty", 9, 32 },
        { "- get: /\n  check: { json: { token: x } }", "JSON path 'token' must start with '$', e.g. $.token", 9, 26 },
        { "- get: /\n  check: { json: {} }", "the 'json' check is empty", 9, 24 },
    };

    [Theory]
    [MemberData(nameof(CheckErrors))]
    public void Checks_must_be_valid(string steps, string fragment, int line, int column) =>
        AssertSingleError(FlowWith(steps), fragment, line, column);

    public static TheoryData<string, string, int, int> ExtractErrors => new()
    {
        { "- get: /\n  extract: { id: \"re:(\" }", "extract 'id': bad regex '('", 9, 24 },
        { "- get: /\n  extract: { id: 're:' }", "extract 'id': the regex after 're:' is empty", 9, 24 },
        { "- get: /\n  extract: { id: token }", "extract 'id': 'token' is neither a JSON path (starting with '$', e.g. $.id) nor a regex ('re:…')", 9, 24 },
        { "- get: /\n  extract: { vu: $.x }", "'vu' is a built-in variable: extract into another name", 9, 20 },
        { "- get: /\n  extract: { a.b: $.x }", "variable name 'a.b' is not valid", 9, 20 },
        { "- get: /\n  extract: { id: [1] }", "extract 'id' must be a text value, got a list", 9, 24 },
    };

    [Theory]
    [MemberData(nameof(ExtractErrors))]
    public void Extractions_must_be_valid(string steps, string fragment, int line, int column) =>
        AssertSingleError(FlowWith(steps), fragment, line, column);
}
