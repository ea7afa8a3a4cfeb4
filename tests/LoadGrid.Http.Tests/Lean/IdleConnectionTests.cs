using System.Text;
using LoadGrid.Http.Lean;
using Xunit;

namespace LoadGrid.Http.Tests.Lean;

/// <summary>A kept-alive connection waiting in its pool holds no buffers, and works again when taken.</summary>
public sealed class IdleConnectionTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_connection_back_in_its_pool_holds_no_buffers_and_serves_the_next_request()
    {
        var response = Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello");
        await using var server = RawServer.Start(async (stream, cancellation) =>
        {
            for (var i = 0; i < 2; i++)
            {
                await RawServer.ReadRequestAsync(stream, cancellation);
                await stream.WriteAsync(response, cancellation);
            }
        });
        var uri = new Uri(server.BaseUrl + "/hello");
        using var pool = new ConnectionPool("127.0.0.1", uri.Port, defaultPort: false);
        var request = new TransportRequest(HttpMethod.Get, uri, [], null, null, null, ReadBody: true);

        var connection = await pool.ConnectAsync(CancellationToken.None).AsTask().WaitAsync(Bound);
        var first = await connection.SendAsync(request, pool.HostHeader, readBody: true).AsTask().WaitAsync(Bound);
        Assert.Equal((200, 5L, true), (first.Head.Status, first.BodyBytes, first.KeepAlive));
        Assert.True(connection.HoldsBuffers);
        pool.Return(connection);
        Assert.False(connection.HoldsBuffers);

        var again = pool.TryTake();
        Assert.Same(connection, again);
        var second = await again!.SendAsync(request, pool.HostHeader, readBody: true).AsTask().WaitAsync(Bound);
        Assert.Equal((200, "hello"), (second.Head.Status, Encoding.ASCII.GetString(second.Body!, 0, (int)second.BodyBytes)));
        Assert.Equal(1, server.Accepted);
        again.Dispose();
    }
}
