using System.Diagnostics;
using System.Text;
using LoadGrid.Core.Metrics;
using LoadGrid.Http.Lean;
using LoadGrid.Http.Tests.Infrastructure;

namespace LoadGrid.Http.Tests.Lean;

/// <summary>The same behaviour from the lean transport and the SocketsHttpHandler one, case by case.</summary>
public sealed class TransportEquivalenceTests(EquivalenceServer server) : IClassFixture<EquivalenceServer>
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    [Theory]
    [MemberData(nameof(EquivalenceServer.Both), MemberType = typeof(EquivalenceServer))]
    public async Task A_post_sends_body_headers_and_cookie(string transport)
    {
        var request = new TransportRequest(HttpMethod.Post, new Uri(server.BaseUrl + "/echo?x=1&y=%20z"), [new("X-Team", "blue")],
            "hello body"u8.ToArray(), "text/plain", "a=1; b=2", ReadBody: true);

        var response = await Send(transport, request);

        Assert.Equal((200, TransportError.None), (response.Status, response.Error));
        var port = new Uri(server.BaseUrl).Port;
        Assert.Equal($"POST|?x=1&y=%20z|hello body|blue|text/plain|a=1; b=2|127.0.0.1:{port}", Text(response));
        Assert.True(response.HeaderBytes > 40);
        Assert.True(response.HeadersTimestamp > 0 && response.EndTimestamp >= response.HeadersTimestamp);
        response.ReleaseBody();
    }

    [Theory]
    [MemberData(nameof(EquivalenceServer.Both), MemberType = typeof(EquivalenceServer))]
    public async Task A_content_type_header_wins_over_the_body_content_type(string transport)
    {
        var request = new TransportRequest(HttpMethod.Put, new Uri(server.BaseUrl + "/echo"), [new("Content-Type", "application/json")],
            "{}"u8.ToArray(), "text/plain", null, ReadBody: true);

        var response = await Send(transport, request);

        Assert.Equal("PUT||{}||application/json||127.0.0.1:" + new Uri(server.BaseUrl).Port, Text(response));
        response.ReleaseBody();
    }

    [Theory]
    [MemberData(nameof(EquivalenceServer.Both), MemberType = typeof(EquivalenceServer))]
    public async Task A_get_without_body_sends_no_content_headers(string transport)
    {
        var request = new TransportRequest(HttpMethod.Get, new Uri(server.BaseUrl + "/echo"), [new("Content-Type", "application/json"), new("X-Team", "red")],
            null, null, null, ReadBody: true);

        var response = await Send(transport, request);

        Assert.Equal("GET|||red|||127.0.0.1:" + new Uri(server.BaseUrl).Port, Text(response));
        response.ReleaseBody();
    }

    [Theory]
    [InlineData("lean", true)]
    [InlineData("lean", false)]
    [InlineData("sockets", true)]
    [InlineData("sockets", false)]
    public async Task A_chunked_body_is_read_or_counted(string transport, bool readBody)
    {
        var response = await Send(transport, Get("/chunked", readBody));

        Assert.Equal((200, EquivalenceServer.ChunkedBody), (response.Status, (int)response.BodyBytes));
        if (readBody) Assert.True(response.Body.Span.IndexOfAnyExcept((byte)'c') < 0);
        else Assert.Null(response.BodyBuffer);
        response.ReleaseBody();
    }

    [Theory]
    [InlineData("lean", true)]
    [InlineData("lean", false)]
    [InlineData("sockets", true)]
    [InlineData("sockets", false)]
    public async Task A_megabyte_body_with_content_length_is_read_or_drained(string transport, bool readBody)
    {
        var response = await Send(transport, Get("/mb", readBody));

        Assert.Equal((200, EquivalenceServer.MegabyteBody), (response.Status, (int)response.BodyBytes));
        if (readBody) Assert.True(response.Body.Span.IndexOfAnyExcept((byte)'m') < 0);
        response.ReleaseBody();
        // and the connection is still good
        var next = await Send(transport, Get("/length", readBody: false));
        Assert.Equal((200, 5_000L), (next.Status, next.BodyBytes));
    }

    [Theory]
    [MemberData(nameof(EquivalenceServer.Both), MemberType = typeof(EquivalenceServer))]
    public async Task Head_and_204_have_no_body(string transport)
    {
        var head = await Send(transport, new TransportRequest(HttpMethod.Head, new Uri(server.BaseUrl + "/length"), [], null, null, null, ReadBody: false));
        var noContent = await Send(transport, Get("/no-content", readBody: true));
        var after = await Send(transport, Get("/length", readBody: false));

        Assert.Equal((200, 0L), (head.Status, head.BodyBytes));
        Assert.Equal((204, 0L), (noContent.Status, noContent.BodyBytes));
        Assert.Equal((200, 5_000L), (after.Status, after.BodyBytes));
        noContent.ReleaseBody();
    }

    [Theory]
    [MemberData(nameof(EquivalenceServer.Both), MemberType = typeof(EquivalenceServer))]
    public async Task Sequential_requests_reuse_one_connection(string transport)
    {
        using var fresh = (IDisposable)TransportSelection.Create(transport);
        var before = server.Connections;
        for (var i = 0; i < 50; i++)
        {
            var response = await ((IHttpTransport)fresh).SendAsync(Get(i % 2 == 0 ? "/ok" : "/chunked", readBody: i % 3 == 0), CancellationToken.None).AsTask().WaitAsync(Bound);
            Assert.Equal(200, response.Status);
            response.ReleaseBody();
        }

        Assert.Equal(1, server.Connections - before);
    }

    [Theory]
    [MemberData(nameof(EquivalenceServer.Both), MemberType = typeof(EquivalenceServer))]
    public async Task Connection_close_from_the_server_is_honoured(string transport)
    {
        using var fresh = (IDisposable)TransportSelection.Create(transport);
        var before = server.Connections;
        for (var i = 0; i < 3; i++)
        {
            var response = await ((IHttpTransport)fresh).SendAsync(Get("/close", readBody: true), CancellationToken.None).AsTask().WaitAsync(Bound);
            Assert.Equal((200, "closing"), (response.Status, Text(response)));
            response.ReleaseBody();
        }

        Assert.Equal(3, server.Connections - before);
    }

    [Theory]
    [MemberData(nameof(EquivalenceServer.Both), MemberType = typeof(EquivalenceServer))]
    public async Task Set_cookie_headers_are_returned(string transport)
    {
        var response = await Send(transport, Get("/cookies", readBody: false));

        Assert.Equal(["a=1; Path=/", "b=2; Path=/"], response.SetCookies!.Order());
    }

    [Theory]
    [MemberData(nameof(EquivalenceServer.Both), MemberType = typeof(EquivalenceServer))]
    public async Task Redirects_are_followed_as_socketshttphandler_does(string transport)
    {
        var get = await Send(transport, Get("/redirect", readBody: true));
        var post = await Send(transport, new TransportRequest(HttpMethod.Post, new Uri(server.BaseUrl + "/redirect"), [], "x"u8.ToArray(), "text/plain", null, true));
        var post307 = await Send(transport, new TransportRequest(HttpMethod.Post, new Uri(server.BaseUrl + "/redirect-307"), [], "x"u8.ToArray(), "text/plain", null, true));
        var loop = await Send(transport, Get("/redirect-loop", readBody: false));

        Assert.Equal((200, "ok"), (get.Status, Text(get)));
        Assert.StartsWith("GET|||||", Text(post));
        Assert.StartsWith("POST||x||text/plain|", Text(post307));
        Assert.Equal(302, loop.Status);
        get.ReleaseBody();
        post.ReleaseBody();
        post307.ReleaseBody();
    }

    [Theory]
    [MemberData(nameof(EquivalenceServer.Both), MemberType = typeof(EquivalenceServer))]
    public async Task A_refused_port_is_connection_refused(string transport)
    {
        var port = ClosedPort.Take();

        var response = await Send(transport, new TransportRequest(HttpMethod.Get, new Uri($"http://127.0.0.1:{port}/"), [], null, null, null, true));

        Assert.Equal((0, TransportError.ConnectionRefused), (response.Status, response.Error));
        Assert.IsType<HttpRequestException>(response.Exception);
        Assert.Null(response.BodyBuffer);
    }

    [Theory]
    [MemberData(nameof(EquivalenceServer.Both), MemberType = typeof(EquivalenceServer))]
    public async Task Garbage_is_a_protocol_error(string transport)
    {
        await using var garbage = RawServer.Start(async (stream, cancellation) =>
        {
            await RawServer.ReadRequestAsync(stream, cancellation);
            await stream.WriteAsync("SPLAT 42 nonsense\r\n\u0001\u0002\r\n\r\n"u8.ToArray(), cancellation);
        });

        var response = await Send(transport, new TransportRequest(HttpMethod.Get, new Uri(garbage.BaseUrl + "/"), [], null, null, null, true));

        Assert.Equal((0, TransportError.Protocol), (response.Status, response.Error));
    }

    [Theory]
    [MemberData(nameof(EquivalenceServer.Both), MemberType = typeof(EquivalenceServer))]
    public async Task Malformed_chunking_is_a_protocol_error(string transport)
    {
        await using var bad = RawServer.Start(async (stream, cancellation) =>
        {
            await RawServer.ReadRequestAsync(stream, cancellation);
            await stream.WriteAsync("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n"u8.ToArray(), cancellation);
            await Task.Delay(Timeout.Infinite, cancellation);
        });

        var response = await Send(transport, new TransportRequest(HttpMethod.Get, new Uri(bad.BaseUrl + "/"), [], null, null, null, true));

        Assert.Equal((0, TransportError.Protocol), (response.Status, response.Error));
    }

    [Theory]
    [MemberData(nameof(EquivalenceServer.Both), MemberType = typeof(EquivalenceServer))]
    public async Task Closing_mid_body_is_an_error(string transport)
    {
        await using var closer = RawServer.Start(async (stream, cancellation) =>
        {
            await RawServer.ReadRequestAsync(stream, cancellation);
            await stream.WriteAsync("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\nonly ten.."u8.ToArray(), cancellation);
        });

        var response = await Send(transport, new TransportRequest(HttpMethod.Get, new Uri(closer.BaseUrl + "/"), [], null, null, null, true));

        Assert.Equal(0, response.Status);
        Assert.Contains(response.Error, new[] { TransportError.Protocol, TransportError.ConnectionReset });
        Assert.Null(response.BodyBuffer);
    }

    [Theory]
    [MemberData(nameof(EquivalenceServer.Both), MemberType = typeof(EquivalenceServer))]
    public async Task A_silent_server_ends_only_by_cancellation(string transport)
    {
        await using var silent = RawServer.Start((_, cancellation) => Task.Delay(Timeout.Infinite, cancellation));
        using var cancellation = new CancellationTokenSource();

        var sending = server.Transport(transport).SendAsync(new TransportRequest(HttpMethod.Get, new Uri(silent.BaseUrl + "/"), [], null, null, null, true), cancellation.Token).AsTask();
        await Task.Delay(500);
        Assert.False(sending.IsCompleted);
        var clock = Stopwatch.StartNew();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending.WaitAsync(Bound));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    [Theory]
    [MemberData(nameof(EquivalenceServer.Both), MemberType = typeof(EquivalenceServer))]
    public async Task A_keep_alive_connection_closed_while_idle_is_retried_on_a_fresh_one(string transport)
    {
        // Answers one request per connection as if keeping it alive, then closes it.
        await using var oneShot = RawServer.Start(async (stream, cancellation) =>
        {
            await RawServer.ReadRequestAsync(stream, cancellation);
            await stream.WriteAsync("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"u8.ToArray(), cancellation);
        });
        using var fresh = (IDisposable)TransportSelection.Create(transport);
        var uri = new Uri(oneShot.BaseUrl + "/");

        var first = await ((IHttpTransport)fresh).SendAsync(new TransportRequest(HttpMethod.Get, uri, [], null, null, null, false), CancellationToken.None).AsTask().WaitAsync(Bound);
        await Task.Delay(200); // the server has closed it by now
        var second = await ((IHttpTransport)fresh).SendAsync(new TransportRequest(HttpMethod.Get, uri, [], null, null, null, false), CancellationToken.None).AsTask().WaitAsync(Bound);

        Assert.Equal((200, TransportError.None), (first.Status, first.Error));
        Assert.Equal((200, TransportError.None), (second.Status, second.Error));
        Assert.Equal(2, oneShot.Accepted);
    }

    [Fact]
    public void The_environment_switch_names_the_transport()
    {
        using (var lean = (IDisposable)TransportSelection.Create("lean")) Assert.IsType<LeanHttpTransport>(lean);
        using (var byDefault = (IDisposable)TransportSelection.Create(null)) Assert.IsType<LeanHttpTransport>(byDefault);
        using (var sockets = (IDisposable)TransportSelection.Create("sockets")) Assert.IsType<HttpTransport>(sockets);
        Assert.Throws<ArgumentException>(() => TransportSelection.Create("fast"));
    }

    private async Task<TransportResponse> Send(string transport, TransportRequest request) =>
        await server.Transport(transport).SendAsync(request, CancellationToken.None).AsTask().WaitAsync(Bound);

    private TransportRequest Get(string path, bool readBody) =>
        new(HttpMethod.Get, new Uri(server.BaseUrl + path), [], null, null, null, readBody);

    private static string Text(in TransportResponse response) => Encoding.UTF8.GetString(response.Body.Span);
}
