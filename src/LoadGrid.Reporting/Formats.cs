using System.Globalization;
using System.Text;

namespace LoadGrid.Reporting;

/// <summary>How numbers, durations and status-code tallies read in the console and the HTML report (invariant culture).</summary>
internal static class Formats
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>A latency in milliseconds with precision that fits its size: 0.42ms, 12.4ms, 1234ms, 12.3s.</summary>
    public static string Ms(double ms)
    {
        if (!double.IsFinite(ms)) return "-";
        if (ms >= 10_000) return (ms / 1000).ToString("0.0", Inv) + "s";
        if (ms >= 1000) return ms.ToString("0", Inv) + "ms";
        if (ms >= 10) return ms.ToString("0.0", Inv) + "ms";
        return ms.ToString("0.00", Inv) + "ms";
    }

    /// <summary>Milliseconds without the unit, for table columns whose caption names it: 0.42, 12.4, 1234.</summary>
    public static string MsNumber(double ms)
    {
        if (!double.IsFinite(ms)) return "-";
        if (ms >= 1000) return ms.ToString("0", Inv);
        if (ms >= 10) return ms.ToString("0.0", Inv);
        return ms.ToString("0.00", Inv);
    }

    /// <summary>A fraction as a percentage with two decimals: 0.005 → "0.50%".</summary>
    public static string Percent(double fraction) =>
        double.IsFinite(fraction) ? (fraction * 100).ToString("0.00", Inv) + "%" : "-";

    public static string Rate(double perSecond) =>
        double.IsFinite(perSecond) ? perSecond.ToString("0.0", Inv) : "-";

    public static string Count(long n) => n.ToString("#,0", Inv);

    public static string Number(double value, string format = "0.###") =>
        double.IsFinite(value) ? value.ToString(format, Inv) : "-";

    /// <summary>Whole seconds as 42s, 3m05s or 1h02m03s.</summary>
    public static string Duration(TimeSpan span)
    {
        var seconds = (long)Math.Max(0, Math.Floor(span.TotalSeconds));
        if (seconds < 60) return $"{seconds}s";
        if (seconds < 3600) return $"{seconds / 60}m{seconds % 60:00}s";
        return $"{seconds / 3600}h{seconds / 60 % 60:00}m{seconds % 60:00}s";
    }

    public static string Duration(double seconds) =>
        double.IsFinite(seconds) ? Duration(TimeSpan.FromSeconds(Math.Max(0, seconds))) : "-";

    /// <summary>"200×950 500×50 timeout×3": status codes in numeric order, then transport errors by count.</summary>
    public static string Tally(IReadOnlyDictionary<string, long> statusCodes, IReadOnlyDictionary<string, long>? errors = null)
    {
        var text = new StringBuilder();
        foreach (var (code, count) in OrderedCodes(statusCodes))
            Append(text, code, count);
        if (errors is not null)
            foreach (var (kind, count) in errors.OrderByDescending(e => e.Value).ThenBy(e => e.Key, StringComparer.Ordinal))
                Append(text, kind, count);
        return text.Length == 0 ? "-" : text.ToString();

        static void Append(StringBuilder text, string key, long count)
        {
            if (text.Length > 0) text.Append(' ');
            text.Append(key).Append('×').Append(count.ToString(Inv));
        }
    }

    /// <summary>Status codes sorted as numbers ("99" before "200"), anything unparsable last by name.</summary>
    public static IEnumerable<KeyValuePair<string, long>> OrderedCodes(IReadOnlyDictionary<string, long> statusCodes) =>
        statusCodes
            .OrderBy(c => int.TryParse(c.Key, NumberStyles.None, Inv, out var n) ? n : int.MaxValue)
            .ThenBy(c => c.Key, StringComparer.Ordinal);

    public static string Verdict(LoadGrid.Core.Metrics.RunStatus status) => status switch
    {
        LoadGrid.Core.Metrics.RunStatus.Passed => "PASSED",
        LoadGrid.Core.Metrics.RunStatus.Failed => "FAILED",
        _ => "ABORTED",
    };
}
