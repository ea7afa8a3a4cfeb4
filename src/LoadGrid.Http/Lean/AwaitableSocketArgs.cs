using System.Net.Sockets;
using System.Threading.Tasks.Sources;

namespace LoadGrid.Http.Lean;

/// <summary>
/// A connection's one <see cref="SocketAsyncEventArgs"/>, awaitable, for its sends and receives in turn (a request is
/// written whole before its response is read, so they never overlap).
/// </summary>
/// <remarks>
/// Why not <see cref="Socket.ReceiveAsync(Memory{byte}, SocketFlags, CancellationToken)"/>: the socket caches the
/// event args behind it, and those keep a reference to the last buffer they used. A kept-alive connection gives its
/// buffers back to the array pool between requests, but the pool's copy was never freed while the socket still
/// pointed at it — 8–16 KB per idle connection (docs/benchmarks.md). Owning the event args lets
/// <see cref="ForgetBuffer"/> drop that reference. Continuations run where the socket completes, as with the
/// socket's own awaitable (inline on the epoll thread when inline completions are on).
/// </remarks>
internal sealed class AwaitableSocketArgs : SocketAsyncEventArgs, IValueTaskSource<int>
{
    private ManualResetValueTaskSourceCore<int> _source;

    public AwaitableSocketArgs() : base(unsafeSuppressExecutionContextFlow: true)
    {
    }

    public ValueTask<int> ReceiveAsync(Socket socket, Memory<byte> buffer)
    {
        _source.Reset();
        SetBuffer(buffer);
        return socket.ReceiveAsync(this) ? new ValueTask<int>(this, _source.Version) : CompletedSynchronously();
    }

    public ValueTask<int> SendAsync(Socket socket, ReadOnlyMemory<byte> data)
    {
        _source.Reset();
        // SocketAsyncEventArgs takes a writable Memory for both directions; a send only reads it.
        SetBuffer(System.Runtime.InteropServices.MemoryMarshal.AsMemory(data));
        return socket.SendAsync(this) ? new ValueTask<int>(this, _source.Version) : CompletedSynchronously();
    }

    /// <summary>Drops the reference to the last buffer, so an idle connection keeps none alive.</summary>
    public void ForgetBuffer() => SetBuffer(Memory<byte>.Empty);

    protected override void OnCompleted(SocketAsyncEventArgs e)
    {
        if (SocketError == SocketError.Success) _source.SetResult(BytesTransferred);
        else _source.SetException(new SocketException((int)SocketError));
    }

    private ValueTask<int> CompletedSynchronously() => SocketError == SocketError.Success
        ? new ValueTask<int>(BytesTransferred)
        : ValueTask.FromException<int>(new SocketException((int)SocketError));

    int IValueTaskSource<int>.GetResult(short token) => _source.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource<int>.GetStatus(short token) => _source.GetStatus(token);

    void IValueTaskSource<int>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _source.OnCompleted(continuation, state, token, flags);
}
