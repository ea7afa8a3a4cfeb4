using LoadGrid.Core.Metrics;
using LoadGrid.Core.Scenarios;
using LoadGrid.Http.Tests.Infrastructure;
using static LoadGrid.Http.Tests.Infrastructure.Flows;

namespace LoadGrid.Http.Tests;

[Collection(TargetServerCollection.Name)]
public sealed class RequestTests(TargetServer server)
{
    private readonly RecordingSink _sink = new();

    [Fact]
    public async Task Records_every_request_with_its_status_and_failure()
    {
        var runner = Runner(server.BaseUrl, server.Transport, _sink, [Get("/ok", "ok"), Get("/status/500", "boom"), Get("/status/404", "missing")]);

        var outcome = await runner.RunIterationAsync(runner.CreateVirtualUser(1), 0, CancellationToken.None);

        Assert.Equal(IterationOutcome.Completed, outcome);
        Assert.Equal(["ok", "boom", "missing"], runner.StepNames);
        Assert.Equal([(0, 200, false), (1, 500, true), (2, 404, true)], _sink.Requests.Select(r => (r.Step, r.Status, r.Failed)));
        Assert.All(_sink.Requests, r => Assert.Equal(TransportError.None, r.Error));
        Assert.All(_sink.Requests, r => Assert.True(r.BytesSent > 20 && r.BytesReceived > 20, "bytes are counted, headers included"));
        Assert.Single(_sink.Iterations);
    }

    [Fact]
    public async Task A_status_the_step_checks_for_is_not_a_failed_request()
    {
        var runner = Runner(server.BaseUrl, server.Transport, _sink,
            [Get("/status/404", checks: [Status(404)], expectedStatuses: [404]), Get("/status/200", checks: [Status(404)], expectedStatuses: [404])]);

        await runner.RunIterationAsync(runner.CreateVirtualUser(1), 0, CancellationToken.None);

        Assert.Equal([(404, false), (200, true)], _sink.Requests.Select(r => (r.Status, r.Failed)));
        Assert.Equal([(0, true), (1, false)], _sink.Checks);
    }

    [Theory]
    [InlineData("widget", true)]
    [InlineData("gadget", false)]
    [InlineData("${env.WORD}", true)]
    public async Task Body_contains_checks_search_the_rendered_text(string text, bool passes)
    {
        var runner = Runner(server.BaseUrl, server.Transport, _sink, [Get("/json", checks: [BodyContains(text)])],
            env: new Dictionary<string, string> { ["WORD"] = "\"price\":9.5" });

        await runner.RunIterationAsync(runner.CreateVirtualUser(1), 0, CancellationToken.None);

        Assert.Equal([(0, passes)], _sink.Checks);
    }

    [Theory]
    [InlineData("$.id", "42", true)]
    [InlineData("$.id", "42.0", true)]
    [InlineData("$.id", "43", false)]
    [InlineData("$.id", "\"42\"", false)]
    [InlineData("$.price", "9.50", true)]
    [InlineData("$.name", "\"widget\"", true)]
    [InlineData("$['name']", "\"widget\"", true)]
    [InlineData("$['odd key']", "\"x\"", true)]
    [InlineData("$.name", "\"gadget\"", false)]
    [InlineData("$.active", "true", true)]
    [InlineData("$.active", "false", false)]
    [InlineData("$.nothing", "null", true)]
    [InlineData("$.items[1].id", "\"a2\"", true)]
    [InlineData("$.items[2].id", "\"a3\"", false)]
    [InlineData("$.items[0]", "{\"id\":\"a1\"}", true)]
    [InlineData("$.missing", "null", false)]
    public async Task Json_path_checks_compare_as_json_values(string path, string expected, bool passes)
    {
        var runner = Runner(server.BaseUrl, server.Transport, _sink, [Get("/json", checks: [JsonEquals(path, expected)])]);

        await runner.RunIterationAsync(runner.CreateVirtualUser(1), 0, CancellationToken.None);

        Assert.Equal([(0, passes)], _sink.Checks);
    }

    [Fact]
    public async Task A_body_that_is_not_json_fails_json_checks_and_extractions_quietly()
    {
        var runner = Runner(server.BaseUrl, server.Transport, _sink,
            [Get("/ok", checks: [JsonEquals("$.id", "1")], extract: [ExtractJson("id", "$.id")])]);
        var vu = runner.CreateVirtualUser(1);

        var outcome = await runner.RunIterationAsync(vu, 0, CancellationToken.None);

        Assert.Equal(IterationOutcome.Completed, outcome);
        Assert.Equal([(0, false)], _sink.Checks);
        Assert.False(_sink.Requests[0].Failed);
        Assert.False(vu.TryGet("id", out _));
    }

    [Fact]
    public async Task Extracted_values_feed_the_next_steps()
    {
        var runner = Runner(server.BaseUrl, server.Transport, _sink,
        [
            Request(HttpMethodKind.Post, "/login", body: JsonBody("""{"user":"alice"}"""), extract: [ExtractJson("token", "$.token")]),
            Get("/text", extract: [ExtractRegex("id", @"id=(\d+)"), ExtractRegex("whole", @"ref=\w+")]),
            Get("/needs-token?t=${token}&id=${id}"),
        ]);
        var vu = runner.CreateVirtualUser(1);

        await runner.RunIterationAsync(vu, 0, CancellationToken.None);

        Assert.Equal([200, 200, 200], _sink.Requests.Select(r => r.Status));
        Assert.True(vu.TryGet("token", out var token));
        Assert.Equal("tok-alice", token);
        Assert.True(vu.TryGet("whole", out var whole));
        Assert.Equal("ref=XY", whole);
    }

    [Fact]
    public async Task Json_extraction_keeps_non_string_values_as_json_text()
    {
        var runner = Runner(server.BaseUrl, server.Transport, _sink,
            [Get("/json", extract: [ExtractJson("id", "$.id"), ExtractJson("active", "$.active"), ExtractJson("first", "$.items[0]"), ExtractJson("none", "$.nope")])]);
        var vu = runner.CreateVirtualUser(1);
        vu.SetVariable("none", "before");

        await runner.RunIterationAsync(vu, 0, CancellationToken.None);

        Assert.Equal(("42", "true", """{"id":"a1"}""", "before"), (Value(vu, "id"), Value(vu, "active"), Value(vu, "first"), Value(vu, "none")));
    }

    [Fact]
    public async Task Url_headers_and_json_body_are_rendered_with_json_escaping_in_the_body()
    {
        var runner = Runner(server.BaseUrl, server.Transport, _sink,
        [
            Request(HttpMethodKind.Post, "/echo?scenario=${scenario}", headers: [("X-Team", "${env.TEAM}")],
                body: JsonBody("""{"name":"${name}","vu":"${vu}"}"""),
                extract: [ExtractJson("name", "$.name"), ExtractJson("vu", "$.vu"), ExtractJson("header", "$.header"),
                    ExtractJson("scenario", "$.scenario"), ExtractJson("contentType", "$.contentType")]),
        ], env: new Dictionary<string, string> { ["TEAM"] = "checkout" });
        var vu = runner.CreateVirtualUser(7);
        const string awkward = "O\"Brien \\ \n tab\t";
        vu.SetVariable("name", awkward);

        await runner.RunIterationAsync(vu, 0, CancellationToken.None);

        Assert.Equal(200, _sink.Requests.Single().Status);
        // Read back from the server's echo: the scenario name went through the URL, the env value through a header.
        Assert.Equal((awkward, "7", "checkout", "browse", "application/json"),
            (Value(vu, "name"), Value(vu, "vu"), Value(vu, "header"), Value(vu, "scenario"), Value(vu, "contentType")));
    }

    [Fact]
    public async Task Absolute_urls_ignore_the_base_url()
    {
        var runner = Runner("http://127.0.0.1:1/not-used", server.Transport, _sink, [Get(server.BaseUrl + "/ok")]);

        await runner.RunIterationAsync(runner.CreateVirtualUser(1), 0, CancellationToken.None);

        Assert.Equal(200, _sink.Requests.Single().Status);
    }

    [Fact]
    public async Task A_url_that_renders_to_nonsense_is_a_failed_request_not_an_exception()
    {
        var runner = Runner(null, server.Transport, _sink, [Get("${nowhere}/x", checks: [Status(200)])]);

        var outcome = await runner.RunIterationAsync(runner.CreateVirtualUser(1), 0, CancellationToken.None);

        Assert.Equal(IterationOutcome.Completed, outcome);
        Assert.Equal((0, TransportError.Other, true), (_sink.Requests.Single().Status, _sink.Requests.Single().Error, _sink.Requests.Single().Failed));
        Assert.Equal([(0, false)], _sink.Checks);
    }

    private static string Value(VirtualUserState vu, string name) => vu.TryGet(name, out var value) ? value : "<unset>";
}
