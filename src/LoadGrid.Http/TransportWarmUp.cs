using System.Net;
using System.Net.Sockets;
using System.Text;

namespace LoadGrid.Http;

/// <summary>
/// Readies a fresh process's HTTP path before it takes load: a few hundred requests through the transport to a
/// throwaway HTTP/1.1 responder on loopback. Without it the first request of every VU paid JIT compilation and
/// thread-pool ramp-up (measured +50..300 ms each for 40 VUs starting together), which showed up as latency of the
/// target in the high percentiles.
/// </summary>
public static class TransportWarmUp
{
    private static readonly byte[] Response = Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nok");

    public static async Task RunAsync(IHttpTransport transport, int requests = 256, int concurrency = 16, TimeSpan? timeout = null)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var uri = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/warm-up");
        using var stop = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        var server = ServeAsync(listener, stop.Token);
        try
        {
            await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
            {
                for (var i = 0; i < requests / concurrency && !stop.IsCancellationRequested; i++)
                {
                    var response = await transport.SendAsync(new TransportRequest(HttpMethod.Get, uri, [], null, null, null, ReadBody: true), stop.Token);
                    response.ReleaseBody();
                }
            }));
        }
        catch (OperationCanceledException)
        {
            // out of time: the node starts anyway, only colder
        }
        finally
        {
            await stop.CancelAsync();
            listener.Stop();
            await server;
            // Its connections are dead now that the responder has stopped: not kept as idle sockets.
            if (transport is Lean.LeanHttpTransport lean) lean.Forget(uri);
        }
    }

    private static async Task ServeAsync(TcpListener listener, CancellationToken stop)
    {
        var connections = new List<Task>();
        try
        {
            while (!stop.IsCancellationRequested)
                connections.Add(AnswerAsync(await listener.AcceptTcpClientAsync(stop), stop));
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // stopped
        }
        await Task.WhenAll(connections);
    }

    /// <summary>Answers every request on a keep-alive connection (requests without bodies: a blank line ends each).</summary>
    private static async Task AnswerAsync(TcpClient client, CancellationToken stop)
    {
        using (client)
        {
            var stream = client.GetStream();
            var buffer = new byte[4096];
            var matched = 0;
            try
            {
                while (true)
                {
                    var read = await stream.ReadAsync(buffer, stop);
                    if (read == 0) return;
                    for (var i = 0; i < read; i++)
                    {
                        matched = buffer[i] == "\r\n\r\n"[matched] ? matched + 1 : buffer[i] == '\r' ? 1 : 0;
                        if (matched < 4) continue;
                        matched = 0;
                        await stream.WriteAsync(Response, stop);
                    }
                }
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
            {
                // the client or the warm-up went away
            }
        }
    }
}
