using System.Collections.Concurrent;
using LoadGrid.Core.Data;
using LoadGrid.Core.Scenarios;

namespace LoadGrid.Http.Tests.Data;

public sealed class FeederTests
{
    [Fact]
    public void Unique_gives_each_row_once_then_nothing()
    {
        var feeder = new Feeder(Table(FeederPick.Unique, 3), seed: 1);

        Assert.Equal(["0", "1", "2"], Take(feeder, 3));
        Assert.False(feeder.TryNext(out _));
        Assert.False(feeder.TryNext(out _));
    }

    [Fact]
    public void Sequential_wraps_around()
    {
        var feeder = new Feeder(Table(FeederPick.Sequential, 3), seed: 1);

        Assert.Equal(["0", "1", "2", "0", "1", "2", "0"], Take(feeder, 7));
    }

    [Fact]
    public void Random_is_uniform_and_reproducible_for_a_seed()
    {
        const int rows = 4, draws = 40_000;
        var picks = Take(new Feeder(Table(FeederPick.Random, rows), seed: 7), draws);

        var counts = picks.GroupBy(p => p).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(rows, counts.Count);
        Assert.All(counts.Values, count => Assert.InRange(count, draws / rows * 0.9, draws / rows * 1.1));
        Assert.Equal(picks, Take(new Feeder(Table(FeederPick.Random, rows), seed: 7), draws));
        Assert.NotEqual(picks, Take(new Feeder(Table(FeederPick.Random, rows), seed: 8), draws));
    }

    [Theory]
    [InlineData(FeederPick.Unique)]
    [InlineData(FeederPick.Sequential)]
    [InlineData(FeederPick.Random)]
    public void An_empty_table_gives_nothing(FeederPick pick)
    {
        Assert.False(new Feeder(Table(pick, 0), seed: 1).TryNext(out _));
    }

    [Fact]
    public void Unique_under_parallel_callers_hands_out_every_row_exactly_once()
    {
        const int rows = 200_000;
        var feeder = new Feeder(Table(FeederPick.Unique, rows), seed: 1);
        var taken = new ConcurrentBag<string>();

        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, _ =>
        {
            var mine = new List<string>();
            while (feeder.TryNext(out var row)) mine.Add(row[0]);
            foreach (var id in mine) taken.Add(id);
        });

        Assert.Equal(rows, taken.Count);
        Assert.Equal(rows, taken.Distinct().Count());
    }

    [Fact]
    public void Sequential_under_parallel_callers_spreads_calls_evenly()
    {
        const int rows = 10, perRow = 5_000;
        var feeder = new Feeder(Table(FeederPick.Sequential, rows), seed: 1);
        var counts = new int[rows];

        Parallel.For(0, rows * perRow, _ =>
        {
            Assert.True(feeder.TryNext(out var row));
            Interlocked.Increment(ref counts[int.Parse(row[0])]);
        });

        Assert.All(counts, count => Assert.Equal(perRow, count));
    }

    private static FeederTable Table(FeederPick pick, int rows) =>
        new("ids", ["id"], Enumerable.Range(0, rows).Select(i => new[] { i.ToString() }).ToArray(), pick);

    private static List<string> Take(Feeder feeder, int count)
    {
        var values = new List<string>();
        for (var i = 0; i < count; i++)
        {
            Assert.True(feeder.TryNext(out var row));
            values.Add(row[0]);
        }
        return values;
    }
}
