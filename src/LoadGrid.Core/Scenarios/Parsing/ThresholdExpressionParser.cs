using System.Globalization;

namespace LoadGrid.Core.Scenarios.Parsing;

/// <summary>A parsed threshold expression such as <c>p(95)&lt;500</c>: aggregation "p", percentile 95, Less, 500.</summary>
internal readonly record struct ThresholdExpression(string Aggregation, double Percentile, ThresholdOperator Operator, double Limit);

/// <summary>Parses <c>AGGREGATION OPERATOR NUMBER</c>; whether the aggregation suits the metric is the caller's check.</summary>
internal static class ThresholdExpressionParser
{
    public const string Form = "write AGGREGATION OPERATOR NUMBER, e.g. p(95)<500 or rate<0.01";

    // Longest first, so "<=" is not read as "<" followed by "=500".
    private static readonly (string Text, ThresholdOperator Operator)[] Operators =
    [
        ("<=", ThresholdOperator.LessOrEqual), (">=", ThresholdOperator.GreaterOrEqual),
        ("==", ThresholdOperator.Equal), ("!=", ThresholdOperator.NotEqual),
        ("<", ThresholdOperator.Less), (">", ThresholdOperator.Greater),
    ];

    public static bool TryParse(string text, out ThresholdExpression expression, out string error)
    {
        expression = default;
        var at = text.IndexOfAny(['<', '>', '=', '!']);
        if (at < 0)
        {
            error = $"threshold '{text}' has no comparison: {Form} (operators: <, <=, >, >=, ==, !=)";
            return false;
        }
        var op = Operators.FirstOrDefault(o => text.AsSpan(at).StartsWith(o.Text, StringComparison.Ordinal));
        if (op.Text is null)
        {
            error = $"threshold '{text}' has an unknown comparison '{text[at]}': use <, <=, >, >=, == or !=";
            return false;
        }

        var left = text[..at].Trim();
        var right = text[(at + op.Text.Length)..].Trim();
        if (!TryParseAggregation(text, left, out var aggregation, out var percentile, out error)) return false;
        if (!double.TryParse(right, NumberStyles.Float, CultureInfo.InvariantCulture, out var limit) || !double.IsFinite(limit))
        {
            error = right.Length == 0
                ? $"threshold '{text}' has no limit after '{op.Text}': {Form}"
                : $"threshold '{text}': the limit '{right}' is not a number";
            return false;
        }
        expression = new ThresholdExpression(aggregation, percentile, op.Operator, limit);
        error = string.Empty;
        return true;
    }

    /// <summary><c>avg</c>, <c>rate</c>… as written; <c>p(N)</c> as "p" with N, where 0 &lt; N &lt;= 100.</summary>
    private static bool TryParseAggregation(string text, string left, out string aggregation, out double percentile, out string error)
    {
        aggregation = left;
        percentile = 0;
        error = string.Empty;
        if (left.Length == 0)
        {
            error = $"threshold '{text}' has no aggregation before the comparison: {Form}";
            return false;
        }
        var open = left.IndexOf('(');
        if (open < 0)
        {
            if (left == "p")
            {
                error = $"threshold '{text}': 'p' needs a percentile, e.g. p(95)";
                return false;
            }
            if (left.Length > 1 && left[0] == 'p' && double.TryParse(left[1..], NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            {
                error = $"threshold '{text}': write the percentile in parentheses, e.g. p({left[1..]})";
                return false;
            }
            return true;
        }

        aggregation = left[..open].Trim();
        if (aggregation != "p" || !left.EndsWith(')'))
        {
            error = $"threshold '{text}': only p(N) takes a number in parentheses, e.g. p(95)<500";
            return false;
        }
        var argument = left[(open + 1)..^1].Trim();
        if (!double.TryParse(argument, NumberStyles.Float, CultureInfo.InvariantCulture, out percentile) || !(percentile > 0 && percentile <= 100))
        {
            error = $"threshold '{text}': the percentile must be above 0 and at most 100, got '{argument}'";
            return false;
        }
        return true;
    }
}
