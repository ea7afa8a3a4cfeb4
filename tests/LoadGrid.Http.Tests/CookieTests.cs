using LoadGrid.Http.Tests.Infrastructure;
using static LoadGrid.Http.Tests.Infrastructure.Flows;

namespace LoadGrid.Http.Tests;

[Collection(TargetServerCollection.Name)]
public sealed class CookieTests(TargetServer server)
{
    [Fact]
    public async Task Cookies_a_response_sets_go_back_with_that_vus_later_requests_only()
    {
        var sink = new RecordingSink();
        var login = Runner(server.BaseUrl, server.Transport, sink,
            [Get("/whoami", extract: [ExtractRegex("before", ".+")]), Get("/set-cookie"), Get("/whoami", extract: [ExtractRegex("after", ".+")])]);
        var browse = Runner(server.BaseUrl, server.Transport, sink, [Get("/whoami", extract: [ExtractRegex("after", ".+")])]);
        var first = login.CreateVirtualUser(1);
        var second = browse.CreateVirtualUser(2);

        await login.RunIterationAsync(first, 0, CancellationToken.None);
        await browse.RunIterationAsync(second, 0, CancellationToken.None);

        Assert.True(first.TryGet("before", out var before));
        Assert.True(first.TryGet("after", out var after));
        Assert.Equal("none", before);
        Assert.StartsWith("session=", after);
        Assert.True(second.TryGet("after", out var other));
        Assert.Equal("none", other);
        Assert.Null(second.Cookies);
    }

    [Fact]
    public async Task A_vu_keeps_its_cookies_across_iterations()
    {
        var sink = new RecordingSink();
        var set = Runner(server.BaseUrl, server.Transport, sink, [Get("/set-cookie")]);
        var read = Runner(server.BaseUrl, server.Transport, sink, [Get("/whoami", checks: [BodyContains("session=")])]);
        var vu = set.CreateVirtualUser(1);

        await set.RunIterationAsync(vu, 0, CancellationToken.None);
        await read.RunIterationAsync(vu, 0, CancellationToken.None);

        Assert.Equal([(0, true)], sink.Checks);
    }
}
