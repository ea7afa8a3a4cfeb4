namespace LoadGrid.Core.Load;

/// <summary>
/// Deals the global sequence of open-model iterations (0, 1, 2, …) out to a scenario's segments: a partition, so at
/// every instant the segments' iterations add up to exactly the scenario's. The rule is smooth weighted round-robin
/// over the segments' lengths as integers of their common denominator D: every step each segment's credit grows by
/// its weight, the segment with the most credit (lowest index on ties) takes the iteration and pays D. Every shard
/// runs the same deterministic rule, so no coordination is needed; each segment's count stays within one of its
/// exact share at every prefix (checked by the tests), and over each cycle of D iterations it is exact.
/// Cost: O(number of segments) per global iteration, no allocation.
/// </summary>
public sealed class IterationOwnership
{
    private readonly long[] _weights;
    private readonly long[] _credit;
    private readonly long _total;

    public IterationOwnership(IReadOnlyList<Segment> segments)
    {
        if (segments.Count == 0) throw new ArgumentException("at least one segment is needed", nameof(segments));
        var denominator = segments.Aggregate(1L, (lcm, s) => Lcm(lcm, s.Length.Denominator));
        _weights = segments.Select(s => s.Length.Numerator * (denominator / s.Length.Denominator)).ToArray();
        _credit = new long[_weights.Length];
        _total = _weights.Sum();
    }

    /// <summary>The segment that owns the next global iteration.</summary>
    public int Next()
    {
        var best = 0;
        for (var k = 0; k < _weights.Length; k++)
        {
            _credit[k] += _weights[k];
            if (_credit[k] > _credit[best]) best = k;
        }
        _credit[best] -= _total;
        return best;
    }

    private static long Lcm(long a, long b) => checked(a / Gcd(a, b) * b);

    private static long Gcd(long a, long b)
    {
        while (b != 0) (a, b) = (b, a % b);
        return a;
    }
}
