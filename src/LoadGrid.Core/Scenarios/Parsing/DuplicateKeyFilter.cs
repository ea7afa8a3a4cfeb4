using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace LoadGrid.Core.Scenarios.Parsing;

/// <summary>
/// Sits between the YAML parser and YamlStream and drops the second and later occurrences of a scalar key in a
/// mapping (with their values), noting each one. YamlStream would otherwise throw at the first duplicate and
/// every other error in the file would go unreported.
/// </summary>
internal sealed class DuplicateKeyFilter(IParser inner) : IParser
{
    private readonly Stack<Frame> _frames = new();
    private readonly List<Scalar> _duplicates = [];

    /// <summary>The duplicate keys dropped so far, in file order.</summary>
    public IReadOnlyList<Scalar> Duplicates => _duplicates;

    public ParsingEvent? Current { get; private set; }

    public bool MoveNext()
    {
        if (!inner.MoveNext())
        {
            Current = null;
            return false;
        }
        while (IsDuplicateKey(inner.Current!))
        {
            _duplicates.Add((Scalar)inner.Current!);
            inner.MoveNext();
            SkipNode();
            if (!inner.MoveNext())
            {
                Current = null;
                return false;
            }
        }
        Track(inner.Current!);
        Current = inner.Current;
        return true;
    }

    private bool IsDuplicateKey(ParsingEvent parsingEvent) =>
        _frames.TryPeek(out var frame) && frame is { IsMapping: true, ExpectsKey: true } &&
        parsingEvent is Scalar key && !frame.Keys.Add(key.Value);

    /// <summary>Consumes the node that starts at the current event, leaving its last event current.</summary>
    private void SkipNode()
    {
        var depth = 0;
        while (true)
        {
            switch (inner.Current)
            {
                case MappingStart or SequenceStart:
                    depth++;
                    break;
                case MappingEnd or SequenceEnd:
                    depth--;
                    break;
            }
            if (depth == 0 || !inner.MoveNext()) return;
        }
    }

    private void Track(ParsingEvent parsingEvent)
    {
        switch (parsingEvent)
        {
            case MappingStart:
                NodeSeen();
                _frames.Push(new Frame(isMapping: true));
                break;
            case SequenceStart:
                NodeSeen();
                _frames.Push(new Frame(isMapping: false));
                break;
            case MappingEnd or SequenceEnd:
                _frames.Pop();
                break;
            case Scalar or AnchorAlias:
                NodeSeen();
                break;
        }
    }

    /// <summary>In a mapping, nodes alternate between key and value.</summary>
    private void NodeSeen()
    {
        if (_frames.TryPeek(out var frame) && frame.IsMapping) frame.ExpectsKey = !frame.ExpectsKey;
    }

    private sealed class Frame(bool isMapping)
    {
        public bool IsMapping { get; } = isMapping;
        public bool ExpectsKey { get; set; } = true;
        public HashSet<string> Keys { get; } = new(StringComparer.Ordinal);
    }
}
