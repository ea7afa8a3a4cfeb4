using LoadGrid.Core.Metrics;

namespace LoadGrid.Http.Tests.Infrastructure;

/// <summary>An <see cref="IMetricsSink"/> that keeps every call, for assertions.</summary>
public sealed class RecordingSink : IMetricsSink
{
    private readonly Lock _gate = new();
    private readonly List<RequestSample> _requests = [];
    private readonly List<(int Step, bool Passed)> _checks = [];
    private readonly List<long> _iterations = [];

    public IReadOnlyList<RequestSample> Requests { get { lock (_gate) return _requests.ToArray(); } }

    public IReadOnlyList<(int Step, bool Passed)> Checks { get { lock (_gate) return _checks.ToArray(); } }

    public IReadOnlyList<long> Iterations { get { lock (_gate) return _iterations.ToArray(); } }

    public void RecordRequest(int stepIndex, long latencyMicros, int status, TransportError error, bool failed, long bytesSent, long bytesReceived)
    {
        lock (_gate) _requests.Add(new RequestSample(stepIndex, latencyMicros, status, error, failed, bytesSent, bytesReceived));
    }

    public void RecordCheck(int stepIndex, bool passed)
    {
        lock (_gate) _checks.Add((stepIndex, passed));
    }

    public void RecordIteration(long durationMicros)
    {
        lock (_gate) _iterations.Add(durationMicros);
    }
}

public sealed record RequestSample(int Step, long LatencyMicros, int Status, TransportError Error, bool Failed, long BytesSent, long BytesReceived);
