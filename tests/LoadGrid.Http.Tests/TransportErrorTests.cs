using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using LoadGrid.Core.Metrics;
using LoadGrid.Http.Tests.Infrastructure;
using static LoadGrid.Http.Tests.Infrastructure.Flows;

namespace LoadGrid.Http.Tests;

[Collection(TargetServerCollection.Name)]
public sealed class TransportErrorTests(TargetServer server)
{
    private readonly RecordingSink _sink = new();

    [Fact]
    public async Task A_step_timeout_on_a_slow_endpoint_is_a_timeout_error_and_comes_quickly()
    {
        var runner = Runner(server.BaseUrl, server.Transport, _sink, [Get("/slow", timeout: TimeSpan.FromMilliseconds(300), checks: [Status(200)])]);
        var clock = Stopwatch.StartNew();

        var outcome = await runner.RunIterationAsync(runner.CreateVirtualUser(1), 0, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(IterationOutcome.Completed, outcome);
        var sample = _sink.Requests.Single();
        Assert.Equal((0, TransportError.Timeout, true), (sample.Status, sample.Error, sample.Failed));
        Assert.InRange(sample.LatencyMicros, 250_000, 10_000_000);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        Assert.Equal([(0, false)], _sink.Checks);
    }

    [Fact]
    public async Task A_closed_port_is_connection_refused()
    {
        var port = ClosedPort.Take();
        var runner = Runner($"http://127.0.0.1:{port}", server.Transport, _sink, [Get("/ok")]);

        await runner.RunIterationAsync(runner.CreateVirtualUser(1), 0, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal((0, TransportError.ConnectionRefused, true), Outcome(_sink.Requests.Single()));
    }

    [Fact]
    public async Task A_server_that_aborts_the_connection_is_a_reset_or_protocol_error()
    {
        var runner = Runner(server.BaseUrl, server.Transport, _sink, [Get("/abort")]);

        await runner.RunIterationAsync(runner.CreateVirtualUser(1), 0, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20));

        var sample = _sink.Requests.Single();
        Assert.Contains(sample.Error, new[] { TransportError.ConnectionReset, TransportError.Protocol });
        Assert.Equal((0, true), (sample.Status, sample.Failed));
    }

    [Fact]
    public async Task A_server_that_answers_with_garbage_is_a_protocol_error()
    {
        await using var garbage = GarbageServer.Start();
        var runner = Runner(garbage.BaseUrl, server.Transport, _sink, [Get("/ok", checks: [BodyContains("x")])]);

        await runner.RunIterationAsync(runner.CreateVirtualUser(1), 0, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal((0, TransportError.Protocol, true), Outcome(_sink.Requests.Single()));
        Assert.Equal([(0, false)], _sink.Checks);
    }

    private static (int, TransportError, bool) Outcome(RequestSample sample) => (sample.Status, sample.Error, sample.Failed);

    /// <summary>Answers every connection with bytes that are not HTTP, then closes it.</summary>
    private sealed class GarbageServer : IAsyncDisposable
    {
        private readonly TcpListener _listener;
        private readonly Task _loop;

        private GarbageServer(TcpListener listener)
        {
            _listener = listener;
            _loop = Task.Run(AcceptLoopAsync);
        }

        public string BaseUrl => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

        public static GarbageServer Start()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return new GarbageServer(listener);
        }

        public async ValueTask DisposeAsync()
        {
            _listener.Stop();
            await _loop;
        }

        private async Task AcceptLoopAsync()
        {
            while (true)
            {
                TcpClient client;
                try
                {
                    client = await _listener.AcceptTcpClientAsync();
                }
                catch (Exception e) when (e is SocketException or ObjectDisposedException)
                {
                    return;
                }
                using (client)
                {
                    var stream = client.GetStream();
                    var request = new byte[4096];
                    _ = await stream.ReadAsync(request);
                    await stream.WriteAsync("SPLAT 42 nonsense\r\n\u0001\u0002\r\n\r\n"u8.ToArray());
                }
            }
        }
    }
}
