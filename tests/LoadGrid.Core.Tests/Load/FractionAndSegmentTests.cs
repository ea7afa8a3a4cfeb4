using LoadGrid.Core.Load;

namespace LoadGrid.Core.Tests.Load;

public sealed class FractionAndSegmentTests
{
    [Theory]
    [InlineData(2, 4, 1, 2)]
    [InlineData(-3, -9, 1, 3)]
    [InlineData(3, -6, -1, 2)]
    [InlineData(0, 5, 0, 1)]
    public void Fractions_are_normalized(long n, long d, long expectedN, long expectedD)
    {
        var f = new Fraction(n, d);
        Assert.Equal((expectedN, expectedD), (f.Numerator, f.Denominator));
    }

    [Fact]
    public void Arithmetic_is_exact()
    {
        Assert.Equal(new Fraction(5, 6), new Fraction(1, 2) + new Fraction(1, 3));
        Assert.Equal(new Fraction(1, 6), new Fraction(1, 2) - new Fraction(1, 3));
        Assert.Equal(new Fraction(1, 6), new Fraction(1, 2) * new Fraction(1, 3));
        Assert.Equal(new Fraction(3, 2), new Fraction(1, 2) / new Fraction(1, 3));
        Assert.True(new Fraction(1, 3) < new Fraction(1, 2));
        var tenth = new Fraction(1, 10);
        Assert.Equal(Fraction.One, Enumerable.Repeat(tenth, 10).Aggregate(Fraction.Zero, (a, b) => a + b));
    }

    [Theory]
    [InlineData(0.5, 1, 2)]
    [InlineData(3, 3, 1)]
    [InlineData(0.25, 1, 4)]
    [InlineData(0.333333, 333333, 1000000)]
    public void Weights_convert_to_exact_fractions(double weight, long n, long d) =>
        Assert.Equal(new Fraction(n, d), Fraction.FromWeight(weight));

    [Theory]
    [InlineData(7, 1, 3, 2)]
    [InlineData(-7, 1, 3, -3)]
    [InlineData(1_000_000_007, 999_999, 1_000_000, 999_999_006)]
    public void Floor_of_times_is_exact(long n, long num, long den, long expected) =>
        Assert.Equal(expected, new Fraction(num, den).FloorOfTimes(n));

    public static IEnumerable<object[]> Plans()
    {
        double[][] weightSets = [[3, 1], [1, 1, 1], [0.5, 0.25, 0.25], [0.333333, 0.333333, 0.333334]];
        foreach (var weights in weightSets)
            for (var shards = 1; shards <= 7; shards++)
                yield return [weights, shards];
    }

    [Theory]
    [MemberData(nameof(Plans))]
    public void Plans_chain_from_zero_to_one_with_regions_in_proportion(double[] weights, int shards)
    {
        var regions = weights.Select((w, i) => ($"r{i}", w)).ToArray();
        var plan = SegmentPlanner.Plan(regions, regions.ToDictionary(r => r.Item1, _ => shards));

        Assert.Equal(weights.Length * shards, plan.Count);
        Assert.Equal(Fraction.Zero, plan[0].Segment.Start);
        Assert.Equal(Fraction.One, plan[^1].Segment.End);
        for (var i = 1; i < plan.Count; i++) Assert.Equal(plan[i - 1].Segment.End, plan[i].Segment.Start);
        var total = weights.Sum();
        foreach (var group in plan.GroupBy(p => p.Region))
        {
            var share = group.Aggregate(Fraction.Zero, (sum, p) => sum + p.Segment.Length).ToDouble();
            Assert.Equal(weights[int.Parse(group.Key[1..])] / total, share, 6);
        }
    }

    [Theory]
    [MemberData(nameof(Plans))]
    public void Shares_of_any_total_add_up_exactly(double[] weights, int shards)
    {
        var regions = weights.Select((w, i) => ($"r{i}", w)).ToArray();
        var plan = SegmentPlanner.Plan(regions, regions.ToDictionary(r => r.Item1, _ => shards));
        foreach (var total in new long[] { 0, 1, 2, 3, 7, 10, 99, 1000, 123_457, 1_000_000 })
        {
            var shares = plan.Select(p => SegmentPlanner.Share(total, p.Segment)).ToArray();
            Assert.Equal(total, shares.Sum());
            Assert.All(shares, s => Assert.True(s >= 0));
            // No shard is left idle when there are at least as many units as shards of equal length.
            if (weights.Distinct().Count() == 1 && total >= plan.Count) Assert.All(shares, s => Assert.True(s > 0));
        }
    }
}
