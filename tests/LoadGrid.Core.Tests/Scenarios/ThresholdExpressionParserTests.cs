using LoadGrid.Core.Scenarios;
using LoadGrid.Core.Scenarios.Parsing;

namespace LoadGrid.Core.Tests.Scenarios;

public class ThresholdExpressionParserTests
{
    [Theory]
    [InlineData("p(95)<500", "p", 95, ThresholdOperator.Less, 500)]
    [InlineData("p(99.9) <= 1500", "p", 99.9, ThresholdOperator.LessOrEqual, 1500)]
    [InlineData("avg>=10", "avg", 0, ThresholdOperator.GreaterOrEqual, 10)]
    [InlineData("med>1", "med", 0, ThresholdOperator.Greater, 1)]
    [InlineData("rate<0.01", "rate", 0, ThresholdOperator.Less, 0.01)]
    [InlineData("count==0", "count", 0, ThresholdOperator.Equal, 0)]
    [InlineData("count != 3", "count", 0, ThresholdOperator.NotEqual, 3)]
    [InlineData("p(100)<1e3", "p", 100, ThresholdOperator.Less, 1000)]
    public void Parses_aggregation_operator_and_limit(string text, string aggregation, double percentile, ThresholdOperator op, double limit)
    {
        Assert.True(ThresholdExpressionParser.TryParse(text, out var expression, out var error), error);
        Assert.Equal(new ThresholdExpression(aggregation, percentile, op, limit), expression);
    }

    [Theory]
    [InlineData("p(95)500", "has no comparison")]
    [InlineData("rate=0.1", "unknown comparison '='")]
    [InlineData("<5", "has no aggregation")]
    [InlineData("p<5", "'p' needs a percentile")]
    [InlineData("p99<5", "threshold 'p99<5': write the percentile in parentheses, e.g. p(99)")]
    [InlineData("p(0)<5", "the percentile must be above 0 and at most 100, got '0'")]
    [InlineData("p(101)<5", "the percentile must be above 0 and at most 100, got '101'")]
    [InlineData("p(x)<5", "the percentile must be above 0")]
    [InlineData("avg(5)<5", "only p(N) takes a number")]
    [InlineData("avg<", "has no limit after '<'")]
    [InlineData("avg<fast", "the limit 'fast' is not a number")]
    public void Rejects_malformed_expressions(string text, string fragment)
    {
        Assert.False(ThresholdExpressionParser.TryParse(text, out _, out var error));
        Assert.Contains(fragment, error);
    }
}
