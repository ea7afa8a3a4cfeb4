using LoadGrid.Core.Metrics;

namespace LoadGrid.Core.Tests.Metrics;

public sealed class SeqSetTests
{
    [Fact]
    public void Each_seq_is_added_once_in_or_out_of_order()
    {
        var set = new SeqSet();
        Assert.True(set.Add(5));
        Assert.True(set.Add(6));
        Assert.True(set.Add(9));   // a gap
        Assert.True(set.Add(3));   // before the first one seen: still a new seq, not assumed merged
        Assert.False(set.Add(6));
        Assert.True(set.Add(8));
        Assert.True(set.Add(7));   // closes the gap
        Assert.False(set.Add(9));
        Assert.False(set.Add(3));
        Assert.False(set.Contains(4));
        Assert.True(set.Add(4));
        Assert.All(Enumerable.Range(3, 7), s => Assert.True(set.Contains(s)));
        Assert.False(set.Contains(10));
        Assert.False(set.Contains(2));
    }

    [Fact]
    public void Matches_a_plain_set_on_a_random_stream()
    {
        var random = new Random(7);
        var set = new SeqSet();
        var truth = new HashSet<int>();
        for (var i = 0; i < 20_000; i++)
        {
            var seq = random.Next(0, 3) == 0 ? random.Next(0, 600) : i / 20; // mostly in order, with re-sends and strays
            Assert.Equal(truth.Add(seq), set.Add(seq));
        }
        Assert.All(Enumerable.Range(-5, 1200), s => Assert.Equal(truth.Contains(s), set.Contains(s)));
    }
}
