using System.Text;
using LoadGrid.Core.Metrics;
using LoadGrid.Http.Tests.Infrastructure;

namespace LoadGrid.Http.Tests;

[Collection(TargetServerCollection.Name)]
public sealed class HttpTransportTests(TargetServer server)
{
    [Fact]
    public async Task Reads_the_body_into_memory_only_when_asked()
    {
        var kept = await server.Transport.SendAsync(Get("/json", readBody: true), CancellationToken.None);
        var drained = await server.Transport.SendAsync(Get("/json", readBody: false), CancellationToken.None);
        try
        {
            Assert.Equal((200, TransportError.None), (kept.Status, kept.Error));
            Assert.StartsWith("{\"id\":42", Encoding.UTF8.GetString(kept.Body.Span));
            Assert.Null(drained.BodyBuffer);
            Assert.Equal(kept.BodyBytes, drained.BodyBytes);
            Assert.True(kept.HeaderBytes > 40, "Content-Type and Content-Length at least");
            Assert.True(kept.HeadersTimestamp > 0 && kept.EndTimestamp >= kept.HeadersTimestamp);
        }
        finally
        {
            kept.ReleaseBody();
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_large_chunked_body_is_read_or_counted_whole(bool readBody)
    {
        var response = await server.Transport.SendAsync(Get("/big", readBody), CancellationToken.None);
        try
        {
            Assert.Equal(TargetServer.BigBodyBytes, response.BodyBytes);
            if (readBody) Assert.True(response.Body.Span.IndexOfAnyExcept((byte)'x') < 0);
        }
        finally
        {
            response.ReleaseBody();
        }
    }

    [Fact]
    public async Task Surfaces_set_cookie_headers()
    {
        var response = await server.Transport.SendAsync(Get("/set-cookie", readBody: false), CancellationToken.None);

        Assert.StartsWith("session=", Assert.Single(response.SetCookies!));
    }

    [Fact]
    public async Task A_failure_is_returned_with_its_exception_not_thrown()
    {
        var port = ClosedPort.Take();
        var request = new TransportRequest(HttpMethod.Get, new Uri($"http://127.0.0.1:{port}/"), [], null, null, null, ReadBody: true);

        var response = await server.Transport.SendAsync(request, CancellationToken.None);

        Assert.Equal((0, TransportError.ConnectionRefused), (response.Status, response.Error));
        Assert.IsType<HttpRequestException>(response.Exception);
        Assert.Null(response.BodyBuffer);
    }

    [Fact]
    public async Task Cancellation_by_the_caller_is_thrown()
    {
        server.ResetSlowSignal();
        using var cancellation = new CancellationTokenSource();
        var sending = server.Transport.SendAsync(Get("/slow", readBody: false), cancellation.Token).AsTask();
        await server.SlowRequestArrived.WaitAsync(TimeSpan.FromSeconds(10));
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    private TransportRequest Get(string path, bool readBody) =>
        new(HttpMethod.Get, new Uri(server.BaseUrl + path), [], null, null, null, readBody);
}
