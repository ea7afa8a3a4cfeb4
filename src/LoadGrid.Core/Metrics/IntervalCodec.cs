using System.IO.Compression;

namespace LoadGrid.Core.Metrics;

/// <summary>
/// The wire form of an <see cref="IntervalSnapshot"/>: a compact binary layout (varints; each histogram as its
/// non-empty buckets, value delta-encoded, with counts) compressed with Brotli. Re-recording a bucket's value into a
/// histogram of the same shape lands in the same bucket, so decoding and merging are exact. HdrHistogram's own
/// compressed encoding is avoided: it fails on large histograms (HdrHistogram.NET #99).
/// </summary>
public static class IntervalCodec
{
    private const byte Magic = 0x4C; // 'L'
    private const byte Version = 1;

    public static byte[] Encode(IntervalSnapshot snapshot)
    {
        using var raw = new MemoryStream();
        using (var writer = new BinaryWriter(raw, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(Version);
            writer.Write7BitEncodedInt(snapshot.Steps.Count);
            foreach (var step in snapshot.Steps)
            {
                writer.Write(step.Name);
                writer.Write7BitEncodedInt64(step.Requests);
                writer.Write7BitEncodedInt64(step.Failed);
                writer.Write7BitEncodedInt64(step.ChecksPassed);
                writer.Write7BitEncodedInt64(step.ChecksFailed);
                writer.Write7BitEncodedInt64(step.BytesSent);
                writer.Write7BitEncodedInt64(step.BytesReceived);
                writer.Write7BitEncodedInt(step.StatusCodes.Count);
                foreach (var (code, count) in step.StatusCodes)
                {
                    writer.Write7BitEncodedInt(code);
                    writer.Write7BitEncodedInt64(count);
                }
                writer.Write7BitEncodedInt(step.Errors.Length);
                foreach (var count in step.Errors) writer.Write7BitEncodedInt64(count);
                WriteHistogram(writer, step.Latency);
            }
            WriteHistogram(writer, snapshot.IterationDuration);
            writer.Write7BitEncodedInt64(snapshot.Iterations);
            writer.Write7BitEncodedInt(snapshot.ActiveVus);
            writer.Write7BitEncodedInt(snapshot.MaxVus);
            writer.Write7BitEncodedInt64(snapshot.DroppedIterations);
        }
        using var compressed = new MemoryStream();
        using (var brotli = new BrotliStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
            brotli.Write(raw.GetBuffer(), 0, (int)raw.Length);
        return compressed.ToArray();
    }

    /// <exception cref="InvalidDataException">The bytes are not an interval snapshot of this version.</exception>
    public static IntervalSnapshot Decode(ReadOnlySpan<byte> bytes)
    {
        try
        {
            using var input = new MemoryStream(bytes.ToArray());
            using var brotli = new BrotliStream(input, CompressionMode.Decompress);
            using var raw = new MemoryStream();
            brotli.CopyTo(raw);
            raw.Position = 0;
            using var reader = new BinaryReader(raw);
            if (reader.ReadByte() != Magic || reader.ReadByte() != Version)
                throw new InvalidDataException("not a LoadGrid interval snapshot (bad header or version)");
            var steps = new StepInterval[Count(reader.Read7BitEncodedInt())];
            for (var i = 0; i < steps.Length; i++)
            {
                var name = reader.ReadString();
                var requests = reader.Read7BitEncodedInt64();
                var failed = reader.Read7BitEncodedInt64();
                var checksPassed = reader.Read7BitEncodedInt64();
                var checksFailed = reader.Read7BitEncodedInt64();
                var bytesSent = reader.Read7BitEncodedInt64();
                var bytesReceived = reader.Read7BitEncodedInt64();
                var statuses = new Dictionary<int, long>();
                for (var n = Count(reader.Read7BitEncodedInt()); n > 0; n--) statuses[reader.Read7BitEncodedInt()] = reader.Read7BitEncodedInt64();
                var errors = new long[Enum.GetValues<TransportError>().Length];
                var errorCount = Count(reader.Read7BitEncodedInt());
                for (var e = 0; e < errorCount; e++)
                {
                    var count = reader.Read7BitEncodedInt64();
                    if (e < errors.Length) errors[e] = count; // kinds added by a newer node fold away rather than fail
                }
                steps[i] = new StepInterval
                {
                    Name = name, Requests = requests, Failed = failed, ChecksPassed = checksPassed, ChecksFailed = checksFailed,
                    BytesSent = bytesSent, BytesReceived = bytesReceived, StatusCodes = statuses, Errors = errors,
                    Latency = ReadHistogram(reader),
                };
            }
            return new IntervalSnapshot
            {
                Steps = steps,
                IterationDuration = ReadHistogram(reader),
                Iterations = reader.Read7BitEncodedInt64(),
                ActiveVus = reader.Read7BitEncodedInt(),
                MaxVus = reader.Read7BitEncodedInt(),
                DroppedIterations = reader.Read7BitEncodedInt64(),
            };
        }
        catch (Exception e) when (e is EndOfStreamException or FormatException or IOException or ArgumentException or IndexOutOfRangeException)
        {
            throw new InvalidDataException($"unreadable interval snapshot: {e.Message}", e);
        }
    }

    private static void WriteHistogram(BinaryWriter writer, SparseHistogram histogram)
    {
        writer.Write7BitEncodedInt(histogram.Values.Length);
        var previous = 0L;
        for (var i = 0; i < histogram.Values.Length; i++)
        {
            writer.Write7BitEncodedInt64(histogram.Values[i] - previous);
            writer.Write7BitEncodedInt64(histogram.Counts[i]);
            previous = histogram.Values[i];
        }
    }

    private static SparseHistogram ReadHistogram(BinaryReader reader)
    {
        var buckets = Count(reader.Read7BitEncodedInt());
        if (buckets == 0) return SparseHistogram.Empty;
        var values = new long[buckets];
        var counts = new long[buckets];
        var value = 0L;
        for (var i = 0; i < buckets; i++)
        {
            var delta = reader.Read7BitEncodedInt64();
            value += delta;
            var count = reader.Read7BitEncodedInt64();
            if (delta <= 0 && i > 0 || value < LatencyHistograms.LowestMicros || value > 2 * LatencyHistograms.HighestMicros || count < 0)
                throw new InvalidDataException($"histogram bucket out of range or order: value {value}, count {count}");
            values[i] = value;
            counts[i] = count;
        }
        return new SparseHistogram(values, counts);
    }

    private static int Count(int count) => count is >= 0 and <= 1_000_000
        ? count
        : throw new InvalidDataException($"implausible element count {count}");
}
