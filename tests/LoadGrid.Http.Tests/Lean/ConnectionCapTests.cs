using System.Diagnostics;
using System.Net.Sockets;
using LoadGrid.Core.Metrics;
using LoadGrid.Http.Lean;
using LoadGrid.Http.Tests.Infrastructure;

namespace LoadGrid.Http.Tests.Lean;

/// <summary>The lean transport's cap on open sockets (LOADGRID_MAX_CONNECTIONS), against real servers on loopback.</summary>
public sealed class ConnectionCapTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task At_the_cap_requests_wait_for_a_connection_instead_of_opening_more()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var pending = 0;
        await using var server = KeepAliveServer(async cancellation =>
        {
            Interlocked.Increment(ref pending);
            await release.Task.WaitAsync(cancellation);
        });
        using var transport = new LeanHttpTransport(maxConnections: 2);

        var requests = Enumerable.Range(0, 6).Select(_ => transport.SendAsync(Get(server.BaseUrl + "/"), CancellationToken.None).AsTask()).ToArray();
        await Until(() => Volatile.Read(ref pending) == 2 && transport.WaitingRequests == 4);
        Assert.Equal(2, transport.OpenConnections);
        Assert.Equal(2, server.Accepted);

        release.SetResult();
        var responses = await Task.WhenAll(requests).WaitAsync(Bound);

        Assert.All(responses, r => Assert.Equal((200, TransportError.None), (r.Status, r.Error)));
        Assert.Equal(2, server.Accepted);
        Assert.Equal(6, Volatile.Read(ref pending));
        Assert.Equal(0, transport.WaitingRequests);
        Assert.Equal(2, transport.OpenConnections);
    }

    [Fact]
    public async Task A_request_waiting_at_the_cap_leaves_the_queue_when_cancelled()
    {
        await using var server = KeepAliveServer(cancellation => Task.Delay(Timeout.Infinite, cancellation));
        using var transport = new LeanHttpTransport(maxConnections: 1);
        using var first = new CancellationTokenSource();
        var holding = transport.SendAsync(Get(server.BaseUrl + "/"), first.Token).AsTask();
        await Until(() => server.Accepted == 1);

        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var started = Stopwatch.GetTimestamp();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => transport.SendAsync(Get(server.BaseUrl + "/"), timeout.Token).AsTask().WaitAsync(Bound));

        Assert.InRange(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 250, 10_000);
        Assert.Equal(0, transport.WaitingRequests);
        await first.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => holding.WaitAsync(Bound));
        Assert.Equal(0, transport.OpenConnections);
        Assert.Equal(1, server.Accepted);
    }

    [Fact]
    public async Task A_request_for_another_host_takes_the_slot_of_an_idle_connection()
    {
        var closedAtA = 0;
        await using var a = RawServer.Start(async (stream, cancellation) =>
        {
            try
            {
                await ServeKeepAliveAsync(stream, _ => Task.CompletedTask, cancellation);
            }
            finally
            {
                Interlocked.Increment(ref closedAtA);
            }
        });
        await using var b = KeepAliveServer(_ => Task.CompletedTask);
        using var transport = new LeanHttpTransport(maxConnections: 1);

        var atA = await transport.SendAsync(Get(a.BaseUrl + "/"), CancellationToken.None).AsTask().WaitAsync(Bound);
        Assert.Equal(200, atA.Status);
        Assert.Equal(1, transport.OpenConnections);
        var atB = await transport.SendAsync(Get(b.BaseUrl + "/"), CancellationToken.None).AsTask().WaitAsync(Bound);

        Assert.Equal((200, TransportError.None), (atB.Status, atB.Error));
        await Until(() => Volatile.Read(ref closedAtA) == 1);
        Assert.Equal(1, transport.OpenConnections);
    }

    [Fact]
    public async Task Connections_idle_past_the_idle_timeout_are_closed_by_the_sweep()
    {
        var closedAtServer = 0;
        await using var server = RawServer.Start(async (stream, cancellation) =>
        {
            try
            {
                await ServeKeepAliveAsync(stream, _ => Task.CompletedTask, cancellation);
            }
            finally
            {
                Interlocked.Increment(ref closedAtServer);
            }
        });
        // A sweep every 100 ms; the connections are then closed 0.6–0.7 s after their last response.
        using var transport = new LeanHttpTransport(null, maxConnections: null, idleTimeout: TimeSpan.FromMilliseconds(600));

        var responses = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => transport.SendAsync(Get(server.BaseUrl + "/"), CancellationToken.None).AsTask())).WaitAsync(Bound);
        Assert.All(responses, r => Assert.Equal((200, TransportError.None), (r.Status, r.Error)));
        var served = Stopwatch.GetTimestamp();
        Assert.Equal(3, transport.OpenConnections);

        await Until(() => Volatile.Read(ref closedAtServer) == 3);
        Assert.True(Stopwatch.GetElapsedTime(served) >= TimeSpan.FromMilliseconds(500), "closed before the idle timeout");
        Assert.Equal(0, transport.OpenConnections);
        Assert.Empty(transport.IdleConnections());

        // The pool still works: a new request opens a new connection.
        var again = await transport.SendAsync(Get(server.BaseUrl + "/"), CancellationToken.None).AsTask().WaitAsync(Bound);
        Assert.Equal((200, TransportError.None), (again.Status, again.Error));
        Assert.Equal(4, server.Accepted);
    }

    [Fact]
    public async Task A_connection_that_could_not_be_opened_gives_its_slot_back()
    {
        await using var server = KeepAliveServer(_ => Task.CompletedTask);
        using var transport = new LeanHttpTransport(maxConnections: 1);

        var refused = await transport.SendAsync(Get($"http://127.0.0.1:{ClosedPort.Take()}/"), CancellationToken.None).AsTask().WaitAsync(Bound);
        Assert.Equal(TransportError.ConnectionRefused, refused.Error);
        Assert.Equal(0, transport.OpenConnections);

        var ok = await transport.SendAsync(Get(server.BaseUrl + "/"), CancellationToken.None).AsTask().WaitAsync(Bound);
        Assert.Equal((200, TransportError.None), (ok.Status, ok.Error));
    }

    [Fact]
    public async Task A_connection_closed_by_the_server_gives_its_slot_to_a_waiting_request()
    {
        // Every response says Connection: close, so no connection comes back to the pool: the waiting requests
        // get the slots as the closed ones are given back.
        await using var server = RawServer.Start(async (stream, cancellation) =>
        {
            await RawServer.ReadRequestAsync(stream, cancellation);
            await Task.Delay(50, cancellation);
            await stream.WriteAsync("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok"u8.ToArray(), cancellation);
        });
        using var transport = new LeanHttpTransport(maxConnections: 2);

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => transport.SendAsync(Get(server.BaseUrl + "/"), CancellationToken.None).AsTask())).WaitAsync(Bound);

        Assert.All(responses, r => Assert.Equal((200, TransportError.None), (r.Status, r.Error)));
        Assert.Equal(8, server.Accepted);
        Assert.Equal(0, transport.OpenConnections);
    }

    [Fact]
    public async Task An_idle_kept_alive_connection_holds_no_buffer()
    {
        // A body of 40 KB fills the first 4 KB read buffer, so the connection moves to the large one: still given back.
        var body = new string('x', 40_000);
        await using var server = RawServer.Start(async (stream, cancellation) =>
        {
            while (true)
            {
                await RawServer.ReadRequestAsync(stream, cancellation);
                await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Length: {body.Length}\r\n\r\n{body}"), cancellation);
            }
        });
        using var transport = new LeanHttpTransport();

        for (var i = 0; i < 3; i++)
        {
            var response = await transport.SendAsync(Get(server.BaseUrl + "/"), CancellationToken.None).AsTask().WaitAsync(Bound);
            Assert.Equal((200, 40_000L), (response.Status, response.BodyBytes));
        }

        var idle = Assert.Single(transport.IdleConnections());
        Assert.Equal(0, idle.HeldBufferBytes);
        Assert.Equal(1, server.Accepted);
    }

    [Fact]
    public async Task The_warm_up_leaves_no_socket_open()
    {
        using var transport = new LeanHttpTransport(maxConnections: 4);

        await TransportWarmUp.RunAsync(transport, requests: 64, concurrency: 8).WaitAsync(Bound);

        Assert.Equal(0, transport.OpenConnections);
        Assert.Empty(transport.IdleConnections());
    }

    [Theory]
    [InlineData(20_000, 18_000)]
    [InlineData(1_024, 922)]
    [InlineData(100, 36)]
    [InlineData(1_048_576, 1_000_000)]
    [InlineData(0, 16_384)]
    public void The_default_cap_leaves_a_reserve_of_the_open_files_limit(long openFiles, int cap) =>
        Assert.Equal(cap, ConnectionBudget.DefaultLimit(openFiles));

    [Fact]
    public void The_cap_comes_from_LOADGRID_MAX_CONNECTIONS_and_a_bad_value_is_named()
    {
        using (var capped = (LeanHttpTransport)TransportSelection.Create("lean", "5")) Assert.Equal(5, capped.MaxConnections);
        using (var byDefault = (LeanHttpTransport)TransportSelection.Create(null, null)) Assert.Equal(ConnectionBudget.DefaultLimit(), byDefault.MaxConnections);
        foreach (var bad in new[] { "0", "-3", "many", "1.5" })
        {
            var error = Assert.Throws<ArgumentException>(() => TransportSelection.Create("lean", bad));
            Assert.Contains($"LOADGRID_MAX_CONNECTIONS={bad}", error.Message);
        }
    }

    private static TransportRequest Get(string url) => new(HttpMethod.Get, new Uri(url), [], null, null, null, ReadBody: false);

    /// <summary>Answers every request on a connection with 200 "ok" after <paramref name="beforeAnswer"/>.</summary>
    private static RawServer KeepAliveServer(Func<CancellationToken, Task> beforeAnswer) =>
        RawServer.Start((stream, cancellation) => ServeKeepAliveAsync(stream, beforeAnswer, cancellation));

    private static async Task ServeKeepAliveAsync(NetworkStream stream, Func<CancellationToken, Task> beforeAnswer, CancellationToken cancellation)
    {
        while (true)
        {
            await RawServer.ReadRequestAsync(stream, cancellation);
            await beforeAnswer(cancellation);
            await stream.WriteAsync("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"u8.ToArray(), cancellation);
        }
    }

    private static async Task Until(Func<bool> condition)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(Bound.TotalSeconds * Stopwatch.Frequency);
        while (!condition())
        {
            if (Stopwatch.GetTimestamp() > deadline) throw new TimeoutException("condition not reached within " + Bound);
            await Task.Delay(10);
        }
    }
}
