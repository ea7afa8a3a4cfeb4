namespace LoadGrid.Core.Load;

/// <summary>Splits the unit interval over regions (by weight) and each region's shards (equally).</summary>
public static class SegmentPlanner
{
    /// <summary>
    /// Segments in region order then shard order, chaining exactly from 0 to 1. A region's share is
    /// weight / Σweights; each of its shards gets an equal part of that share.
    /// </summary>
    public static IReadOnlyList<ShardSegment> Plan(IReadOnlyList<(string Region, double Weight)> regions, IReadOnlyDictionary<string, int> shardsPerRegion)
    {
        if (regions.Count == 0) throw new ArgumentException("at least one region is needed", nameof(regions));
        var weights = regions.Select(r => Fraction.FromWeight(r.Weight)).ToArray();
        var total = weights.Aggregate(Fraction.Zero, (sum, w) => sum + w);
        if (total <= Fraction.Zero) throw new ArgumentException("region weights must add up to more than 0", nameof(regions));

        var plan = new List<ShardSegment>();
        var regionStart = Fraction.Zero;
        for (var r = 0; r < regions.Count; r++)
        {
            // The last region ends at exactly 1, whatever rounding the weights had.
            var regionEnd = r == regions.Count - 1 ? Fraction.One : regionStart + weights[r] / total;
            var shards = Math.Max(1, shardsPerRegion.GetValueOrDefault(regions[r].Region, 1));
            var width = regionEnd - regionStart;
            for (var i = 0; i < shards; i++)
            {
                var start = regionStart + width * new Fraction(i, shards);
                var end = i == shards - 1 ? regionEnd : regionStart + width * new Fraction(i + 1, shards);
                plan.Add(new ShardSegment(regions[r].Region, i, new Segment(start, end)));
            }
            regionStart = regionEnd;
        }
        return plan;
    }

    /// <summary>Whole units of <paramref name="total"/> owned by <paramref name="segment"/>: ⌊total·End⌋ − ⌊total·Start⌋.</summary>
    public static long Share(long total, Segment segment) => segment.End.FloorOfTimes(total) - segment.Start.FloorOfTimes(total);
}
