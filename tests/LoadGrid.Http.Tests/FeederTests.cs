using System.Collections.Concurrent;
using LoadGrid.Core.Data;
using LoadGrid.Core.Scenarios;

namespace LoadGrid.Http.Tests;

public sealed class FeederTests
{
    private static FeederTable Table(int rows, FeederPick pick) =>
        new("f", ["id"], Enumerable.Range(0, rows).Select(i => new[] { i.ToString() }).ToArray(), pick);

    [Fact]
    public void Unique_hands_out_every_row_exactly_once_across_threads()
    {
        var feeder = new Feeder(Table(10_000, FeederPick.Unique));
        var seen = new ConcurrentBag<string>();
        Parallel.For(0, 8, _ =>
        {
            while (feeder.TryNext(out var row)) seen.Add(row[0]);
        });
        Assert.Equal(10_000, seen.Count);
        Assert.Equal(10_000, seen.Distinct().Count());
        Assert.False(feeder.TryNext(out _));
    }

    [Fact]
    public void Sequential_walks_in_order_and_wraps()
    {
        var feeder = new Feeder(Table(3, FeederPick.Sequential));
        var ids = Enumerable.Range(0, 7).Select(_ => feeder.TryNext(out var row) ? row[0] : "").ToArray();
        Assert.Equal(["0", "1", "2", "0", "1", "2", "0"], ids);
    }

    [Fact]
    public void Random_picks_every_row_eventually()
    {
        var feeder = new Feeder(Table(5, FeederPick.Random));
        var seen = Enumerable.Range(0, 500).Select(_ => feeder.TryNext(out var row) ? row[0] : "").ToHashSet();
        Assert.Equal(5, seen.Count);
    }

    [Fact]
    public void Csv_files_with_quotes_and_blank_lines_are_read()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "name,quote\nada,\"says \"\"hi\"\", then, leaves\"\n\nalan,plain\nshort\n");
            var table = CsvFeederReader.Read(path, "people", FeederPick.Sequential);
            Assert.Equal(["name", "quote"], table.Columns);
            Assert.Equal(3, table.Rows.Count);
            Assert.Equal("says \"hi\", then, leaves", table.Rows[0][1]);
            Assert.Equal(["short", ""], table.Rows[2]);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
