namespace LoadGrid.Core.Metrics;

/// <summary>
/// The interval sequence numbers merged from one shard. A shard sends them in order, so they are kept as one
/// contiguous range plus the few that arrived out of it: memory stays constant over a run instead of one entry per
/// second (which at 1,000 shards grew the coordinator by ~600 MB an hour).
/// </summary>
public sealed class SeqSet
{
    private readonly HashSet<int> _outside = [];
    private bool _hasRange;
    private int _from;
    private int _to;

    public bool Contains(int seq) => _hasRange && seq >= _from && seq <= _to || _outside.Contains(seq);

    /// <returns>False when <paramref name="seq"/> was there already.</returns>
    public bool Add(int seq)
    {
        if (Contains(seq)) return false;
        if (!_hasRange)
        {
            (_hasRange, _from, _to) = (true, seq, seq);
        }
        else if (seq == _to + 1)
        {
            _to = seq;
        }
        else
        {
            _outside.Add(seq);
        }
        while (_outside.Remove(_to + 1)) _to++;
        return true;
    }
}
