using System.Buffers;
using System.Buffers.Text;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Text;

namespace LoadGrid.Http.Lean;

/// <summary>
/// One keep-alive HTTP/1.1 connection: a socket, and two pooled buffers while a request is on it. Used by one request
/// at a time; any failure leaves it unusable (the caller disposes it). Receives run without a token: cancellation
/// closes the socket instead (one registration per request rather than one per receive).
/// </summary>
internal sealed class LeanConnection : IDisposable
{
    // An idle kept-alive connection holds no buffer: with a connection per thinking VU, its buffers were most of the
    // VU's memory (16 + 4 KB, then 4 + 4 KB). They are rented from the shared pool for the request (the write one
    // only until the head is sent) and given back when the response is read, which the pool's per-thread cache makes
    // cheap; the socket's event args forget them too (AwaitableSocketArgs says why that matters). The read buffer
    // starts small (a response head and a small body fit); a connection that receives a full buffer while draining a
    // body asks for the large one from then on, so big bodies still come in 16 KB receives.
    private const int ReadBufferSize = 4 * 1024;
    private const int LargeReadBufferSize = 16 * 1024;
    private const int WriteBufferSize = 4 * 1024;
    private const int MaxHeadBytes = 64 * 1024;
    private const int MaxChunkLine = 8 * 1024;
    // A Content-Length above this is not trusted for the first buffer; the body grows into larger ones as it arrives.
    private const int MaxInitialBodyBuffer = 1024 * 1024;
    // A body this large is sent on its own rather than copied behind the head.
    private const int InlineBodyLimit = 8 * 1024;

    private readonly Socket _socket;
    private readonly AwaitableSocketArgs _args = new();
    private byte[] _read = [];
    private byte[] _write = [];
    private int _readSize = ReadBufferSize;
    private int _start;
    private int _end;
    private bool _lastReceiveFilledBuffer;
    private int _disposed;

    // The response being read.
    private bool _keepBody;
    private byte[]? _body;
    private long _bodyBytes;

    public LeanConnection(Socket socket) => _socket = socket;

    /// <summary>True once a request completed on it (so a failure before any response byte may be a stale keep-alive).</summary>
    public bool Reused { get; private set; }

    /// <summary>Some byte of the current response has arrived.</summary>
    public bool ReceivedAny { get; private set; }

    /// <summary><see cref="Environment.TickCount64"/> when it went back to its pool.</summary>
    public long IdleSince { get; set; }

    /// <summary>Bytes of buffers it (or its socket's event args) holds now: none while idle.</summary>
    internal int HeldBufferBytes => _read.Length + _write.Length + _args.MemoryBuffer.Length;

    public static void Abort(object? connection) => ((LeanConnection)connection!)._socket.Dispose();

    /// <summary>Sends the request and reads the whole response. Throws on any failure (the connection is then dead).</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<LeanResult> SendAsync(TransportRequest request, byte[] hostHeader, bool readBody)
    {
        ReceivedAny = false;
        var body = request.Body;
        var inline = body is not null && body.Length <= InlineBodyLimit;
        var length = WriteHead(request, hostHeader, inline, out var requestClose);
        await SendAllAsync(_write.AsMemory(0, length)).ConfigureAwait(false);
        GiveBack(ref _write);
        if (body is not null && !inline) await SendAllAsync(body).ConfigureAwait(false);
        _read = ArrayPool<byte>.Shared.Rent(_readSize);

        ResponseHead head;
        int headBytes;
        var noBody = request.Method == HttpMethod.Head;
        while (true)
        {
            int headEnd;
            while ((headEnd = _read.AsSpan(_start, _end - _start).IndexOf("\r\n\r\n"u8)) < 0)
            {
                if (_end - _start >= MaxHeadBytes) throw ResponseHead.Invalid("response headers too long");
                if (!await FillAsync().ConfigureAwait(false)) throw Ended();
            }
            head = ResponseHead.Parse(_read.AsSpan(_start, headEnd));
            headBytes = headEnd + 4;
            _start += headBytes;
            // 1xx interim responses (100 Continue…) precede the real one; 101 would switch protocols, which is not asked for.
            if (head.Status is >= 100 and < 200 && head.Status != 101) continue;
            break;
        }
        var headersTimestamp = Stopwatch.GetTimestamp();

        _keepBody = readBody;
        _body = null;
        _bodyBytes = 0;
        var keepAlive = !head.Close && !requestClose;
        try
        {
            if (noBody || head.Status is < 200 or 204 or 304)
            {
                // no body, whatever the headers say
            }
            else if (head.Chunked)
            {
                await ReadChunkedAsync().ConfigureAwait(false);
            }
            else if (head.ContentLength >= 0)
            {
                if (readBody) _body = ArrayPool<byte>.Shared.Rent((int)Math.Clamp(head.ContentLength, 1, MaxInitialBodyBuffer));
                await ReadFixedAsync(head.ContentLength).ConfigureAwait(false);
            }
            else
            {
                keepAlive = false;
                while (true)
                {
                    Consume(_end - _start);
                    if (!await FillAsync().ConfigureAwait(false)) break;
                }
            }
        }
        catch
        {
            if (_body is not null) ArrayPool<byte>.Shared.Return(_body);
            _body = null;
            throw;
        }
        // Bytes beyond the response (an unasked-for extra response) make the connection unsafe to reuse.
        if (_start != _end) keepAlive = false;
        _start = _end = 0;
        _args.ForgetBuffer();
        GiveBack(ref _read);
        Reused = true;
        var result = new LeanResult(head, headBytes, _bodyBytes, _body, headersTimestamp, Stopwatch.GetTimestamp(), keepAlive);
        _body = null;
        return result;
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        _socket.Dispose();
        _args.Dispose();
        GiveBack(ref _read);
        GiveBack(ref _write);
    }

    private static void GiveBack(ref byte[] buffer)
    {
        if (buffer.Length > 0) ArrayPool<byte>.Shared.Return(buffer);
        buffer = [];
    }

    private int WriteHead(in TransportRequest request, byte[] hostHeader, bool inlineBody, out bool requestClose)
    {
        var method = request.Method.Method;
        var target = request.Uri.PathAndQuery;
        var body = request.Body;
        // Latin-1: one byte per char, so the char count bounds the size.
        var size = method.Length + target.Length + hostHeader.Length + 64 + (request.Cookie?.Length ?? 0) + (request.ContentType?.Length ?? 0)
            + (request.TraceParent is null ? 0 : IterationTracing.HeaderBytes)
            + (inlineBody ? body!.Length : 0);
        foreach (var (name, value) in request.Headers) size += name.Length + value.Length + 4;
        _write = ArrayPool<byte>.Shared.Rent(Math.Max(size, WriteBufferSize));

        var span = _write.AsSpan();
        var pos = 0;
        Put(span, ref pos, method);
        span[pos++] = (byte)' ';
        Put(span, ref pos, target);
        Put(span, ref pos, " HTTP/1.1\r\n"u8);

        requestClose = false;
        var hostGiven = false;
        var contentTypeGiven = false;
        foreach (var (name, value) in request.Headers)
        {
            // Framing is the transport's; a value with a line break would split the request.
            // (and a traced request's traceparent is its own span's, written below, not the step's)
            if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase) || name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase)
                || value.AsSpan().IndexOfAny('\r', '\n') >= 0
                || request.TraceParent is not null && name.Equals("traceparent", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            var isContentHeader = name.StartsWith("Content-", StringComparison.OrdinalIgnoreCase);
            // As SocketsHttpHandler: content headers go with a body only.
            if (isContentHeader && body is null) continue;
            if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)) contentTypeGiven = true;
            else if (name.Equals("Host", StringComparison.OrdinalIgnoreCase)) hostGiven = true;
            else if (name.Equals("Connection", StringComparison.OrdinalIgnoreCase) && value.Contains("close", StringComparison.OrdinalIgnoreCase)) requestClose = true;
            Put(span, ref pos, name);
            Put(span, ref pos, ": "u8);
            Put(span, ref pos, value);
            Put(span, ref pos, "\r\n"u8);
        }
        if (!hostGiven) Put(span, ref pos, hostHeader);
        if (body is not null)
        {
            if (!contentTypeGiven && request.ContentType is not null)
            {
                Put(span, ref pos, "Content-Type: "u8);
                Put(span, ref pos, request.ContentType);
                Put(span, ref pos, "\r\n"u8);
            }
            Put(span, ref pos, "Content-Length: "u8);
            Utf8Formatter.TryFormat(body.Length, span[pos..], out var written);
            pos += written;
            Put(span, ref pos, "\r\n"u8);
        }
        else if (request.Method == HttpMethod.Post || request.Method == HttpMethod.Put)
        {
            Put(span, ref pos, "Content-Length: 0\r\n"u8);
        }
        if (request.Cookie is not null && request.Cookie.AsSpan().IndexOfAny('\r', '\n') < 0)
        {
            Put(span, ref pos, "Cookie: "u8);
            Put(span, ref pos, request.Cookie);
            Put(span, ref pos, "\r\n"u8);
        }
        if (request.TraceParent is not null)
        {
            Put(span, ref pos, "traceparent: "u8);
            Put(span, ref pos, request.TraceParent);
            Put(span, ref pos, "\r\n"u8);
        }
        Put(span, ref pos, "\r\n"u8);
        if (inlineBody) Put(span, ref pos, body);
        return pos;
    }

    private static void Put(Span<byte> span, ref int pos, string text) => pos += Encoding.Latin1.GetBytes(text, span[pos..]);

    private static void Put(Span<byte> span, ref int pos, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(span[pos..]);
        pos += bytes.Length;
    }

    private async ValueTask SendAllAsync(ReadOnlyMemory<byte> data)
    {
        while (!data.IsEmpty)
        {
            var sent = await _args.SendAsync(_socket, data).ConfigureAwait(false);
            data = data[sent..];
        }
    }

    /// <summary>Receives more bytes after the buffered ones.</summary>
    /// <returns>False at the end of the stream.</returns>
    private async ValueTask<bool> FillAsync()
    {
        if (_start == _end)
        {
            if (_lastReceiveFilledBuffer && _read.Length < LargeReadBufferSize)
            {
                _readSize = LargeReadBufferSize;
                ArrayPool<byte>.Shared.Return(_read);
                _read = ArrayPool<byte>.Shared.Rent(LargeReadBufferSize);
            }
            _start = _end = 0;
        }
        else if (_end == _read.Length)
        {
            if (_start > 0)
            {
                _read.AsSpan(_start, _end - _start).CopyTo(_read);
            }
            else
            {
                var larger = ArrayPool<byte>.Shared.Rent(_read.Length * 2);
                _read.AsSpan(0, _end).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(_read);
                _read = larger;
            }
            _end -= _start;
            _start = 0;
        }
        var space = _read.Length - _end;
        var received = await _args.ReceiveAsync(_socket, _read.AsMemory(_end)).ConfigureAwait(false);
        _lastReceiveFilledBuffer = received == space;
        if (received == 0) return false;
        ReceivedAny = true;
        _end += received;
        return true;
    }

    private async ValueTask ReadFixedAsync(long remaining)
    {
        while (true)
        {
            var take = (int)Math.Min(remaining, _end - _start);
            Consume(take);
            remaining -= take;
            if (remaining == 0) return;
            if (!await FillAsync().ConfigureAwait(false)) throw Ended();
        }
    }

    private async ValueTask ReadChunkedAsync()
    {
        while (true)
        {
            var size = ParseChunkSize(await ReadLineAsync().ConfigureAwait(false));
            if (size == 0) break;
            await ReadFixedAsync(size).ConfigureAwait(false);
            if (await ReadLineAsync().ConfigureAwait(false) != 0) throw ResponseHead.Invalid("chunk not followed by CRLF");
            _start += 2;
        }
        // Trailers, up to the blank line.
        while (await ReadLineAsync().ConfigureAwait(false) is var length and not 0) _start += length + 2;
        _start += 2;
    }

    /// <summary>Reads until a whole line is buffered at <see cref="_start"/>.</summary>
    /// <returns>The line's length without its CRLF (the caller skips it).</returns>
    private async ValueTask<int> ReadLineAsync()
    {
        int length;
        while ((length = _read.AsSpan(_start, _end - _start).IndexOf("\r\n"u8)) < 0)
        {
            if (_end - _start > MaxChunkLine) throw ResponseHead.Invalid("chunk line too long");
            if (!await FillAsync().ConfigureAwait(false)) throw Ended();
        }
        return length;
    }

    private long ParseChunkSize(int lineLength)
    {
        var line = _read.AsSpan(_start, lineLength);
        var extension = line.IndexOf((byte)';');
        if (extension >= 0) line = line[..extension];
        line = line.Trim(" \t"u8);
        if (line.IsEmpty || line.Length > 15 || !long.TryParse(line, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var size))
        {
            throw ResponseHead.Invalid("invalid chunk size");
        }
        _start += lineLength + 2;
        return size;
    }

    /// <summary>Takes <paramref name="count"/> buffered bytes as body.</summary>
    private void Consume(int count)
    {
        if (count == 0) return;
        if (_keepBody)
        {
            _body ??= ArrayPool<byte>.Shared.Rent(LargeReadBufferSize);
            if (_bodyBytes + count > _body.Length)
            {
                var larger = ArrayPool<byte>.Shared.Rent(checked((int)Math.Max(_body.Length * 2L, _bodyBytes + count)));
                _body.AsSpan(0, (int)_bodyBytes).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(_body);
                _body = larger;
            }
            _read.AsSpan(_start, count).CopyTo(_body.AsSpan((int)_bodyBytes));
        }
        _bodyBytes += count;
        _start += count;
    }

    private static HttpIOException Ended() => new(HttpRequestError.ResponseEnded, "the response ended prematurely");
}

/// <summary>A response read whole from a <see cref="LeanConnection"/>.</summary>
internal readonly record struct LeanResult(
    ResponseHead Head,
    int HeadBytes,
    long BodyBytes,
    byte[]? Body,
    long HeadersTimestamp,
    long EndTimestamp,
    bool KeepAlive);
