using LoadGrid.Core.Scenarios.Parsing;

namespace LoadGrid.Core.Tests.Scenarios;

public class DidYouMeanTests
{
    private static readonly string[] Keys = ["duration", "vus", "startVUs", "get", "gracefulStop"];

    [Theory]
    [InlineData("duraton", "duration")]
    [InlineData("vu", "vus")]
    [InlineData("startVus", "startVUs")]
    [InlineData("GET", "get")]
    [InlineData("gte", "get")]
    [InlineData("graceful", "gracefulStop")]
    public void Suggests_close_or_prefix_matches(string input, string expected)
    {
        Assert.Equal(expected, DidYouMean.Suggest(input, Keys));
    }

    [Theory]
    [InlineData("a")]
    [InlineData("timeout")]
    [InlineData("zz")]
    public void Suggests_nothing_for_distant_input(string input)
    {
        Assert.Null(DidYouMean.Suggest(input, Keys));
    }

    [Fact]
    public void One_of_lists_every_value_with_or_without_a_suggestion()
    {
        Assert.Equal(" (did you mean 'random'? one of: unique, random)", DidYouMean.OneOf("randm", ["unique", "random"]));
        Assert.Equal(" (one of: unique, random)", DidYouMean.OneOf("xyz", ["unique", "random"]));
    }
}
