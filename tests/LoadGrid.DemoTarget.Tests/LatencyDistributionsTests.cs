namespace LoadGrid.DemoTarget.Tests;

public sealed class LatencyDistributionsTests
{
    [Theory]
    [InlineData(0.0, 10)]
    [InlineData(0.79, 10)]
    [InlineData(0.80, 50)]
    [InlineData(0.979, 50)]
    [InlineData(0.98, 400)]
    [InlineData(0.9999, 400)]
    public void Mix_maps_shares_to_delays(double u, int expected) => Assert.Equal(expected, LatencyDistributions.Mix(u));

    [Theory]
    [InlineData(0.0, 5)]
    [InlineData(0.25, 7.5)]
    [InlineData(0.5, 10)]
    [InlineData(0.95, 50)]
    [InlineData(0.99, 400)]
    [InlineData(1.0, 500)]
    public void From_percentiles_passes_through_them(double u, double expected) =>
        Assert.Equal(expected, LatencyDistributions.FromPercentiles(u, 10, 50, 400), 9);

    [Fact]
    public void From_percentiles_never_decreases()
    {
        var previous = 0.0;
        for (var u = 0.0; u <= 1; u += 0.001)
        {
            var ms = LatencyDistributions.FromPercentiles(u, 10, 50, 400);
            Assert.True(ms >= previous);
            previous = ms;
        }
    }
}
