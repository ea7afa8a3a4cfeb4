using LoadGrid.Core.Scenarios;

namespace LoadGrid.Core.Tests.Scenarios;

public class DurationParserTests
{
    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("10s", 10_000)]
    [InlineData("2m", 120_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData("1.5s", 1_500)]
    [InlineData("1m30s", 90_000)]
    [InlineData("1h2m3s4ms", 3_723_004)]
    [InlineData("0", 0)]
    [InlineData("0s", 0)]
    [InlineData("0.25ms", 0.25)]
    public void Parses_units_fractions_and_sums(string text, double milliseconds)
    {
        Assert.True(DurationParser.TryParse(text, out var value));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("10")]
    [InlineData("10x")]
    [InlineData("-5s")]
    [InlineData("s")]
    [InlineData("1.2.3s")]
    [InlineData("1m 30s")]
    [InlineData("10sec")]
    [InlineData("99999999999999999999h")]
    public void Rejects_malformed_text(string text)
    {
        Assert.False(DurationParser.TryParse(text, out _));
    }
}
