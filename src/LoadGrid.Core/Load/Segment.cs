namespace LoadGrid.Core.Load;

/// <summary>
/// A shard's part of a scenario's load: the interval [Start, End) of the unit interval. A segment owns
/// ⌊n·End⌋ − ⌊n·Start⌋ of any n units (VUs, iterations); for segments that chain from 0 to 1 these telescope, so
/// the shards' parts add up to exactly n, at every instant.
/// </summary>
public readonly record struct Segment(Fraction Start, Fraction End)
{
    public static Segment Whole => new(Fraction.Zero, Fraction.One);

    public Fraction Length => End - Start;

    public override string ToString() => $"[{Start}, {End})";
}

/// <summary>A planned shard: its region, its index among the region's shards, and its segment.</summary>
public sealed record ShardSegment(string Region, int IndexInRegion, Segment Segment);
