using System.Net;
using System.Net.Sockets;

namespace LoadGrid.Http.Tests.Lean;

/// <summary>A TCP listener on 127.0.0.1 that runs <c>serve</c> for every connection it accepts: misbehaving servers.</summary>
internal sealed class RawServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly Func<NetworkStream, CancellationToken, Task> _serve;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _connections = [];
    private readonly Task _loop;

    private RawServer(Func<NetworkStream, CancellationToken, Task> serve)
    {
        _serve = serve;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        _loop = Task.Run(AcceptLoopAsync);
    }

    public string BaseUrl => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    public int Accepted { get; private set; }

    public static RawServer Start(Func<NetworkStream, CancellationToken, Task> serve) => new(serve);

    /// <summary>Reads until the end of a request head (bodies are not expected).</summary>
    public static async Task ReadRequestAsync(NetworkStream stream, CancellationToken cancellation)
    {
        var buffer = new byte[8192];
        var length = 0;
        while (buffer.AsSpan(0, length).IndexOf("\r\n\r\n"u8) < 0)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(length), cancellation);
            if (read == 0) throw new EndOfStreamException();
            length += read;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _loop;
        Task[] connections;
        lock (_connections) connections = [.. _connections];
        await Task.WhenAll(connections).WaitAsync(TimeSpan.FromSeconds(10));
        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (true)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            // InvalidOperationException: stopped between two accepts (DisposeAsync stops the listener).
            catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
            {
                return;
            }
            Accepted++;
            var connection = Task.Run(async () =>
            {
                using (client)
                {
                    try
                    {
                        await _serve(client.GetStream(), _stop.Token);
                    }
                    catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
                    {
                        // the client went away, or the test is over
                    }
                }
            });
            lock (_connections) _connections.Add(connection);
        }
    }
}
