using System.Globalization;
using LoadGrid.Core.Metrics;

namespace LoadGrid.Reporting;

/// <summary>One line of plain progress: <c>[  12s/60s] vus=20 rps=1520.3 p95=12.4ms errors=0.50% reqs=18234</c>.</summary>
public static class ProgressLine
{
    /// <summary>The line above, then each region's VUs, rps, p95 and errors (what <c>run watch</c> prints every second).</summary>
    public static string FormatWithRegions(RunProgress p)
    {
        var line = Format(p);
        if (p.Regions.Count <= 1) return line;
        return line + string.Concat(p.Regions.Select(r => string.Create(CultureInfo.InvariantCulture,
            $"\n    {r.Name,-12} vus={r.Vus} rps={Formats.Rate(r.Rps)} p95={Formats.Ms(r.P95Ms)} errors={Formats.Percent(r.ErrorRate)}")));
    }

    public static string Format(RunProgress p)
    {
        var elapsed = (long)Math.Max(0, p.Elapsed.TotalSeconds);
        var planned = (long)Math.Max(0, Math.Ceiling(p.Planned.TotalSeconds));
        return string.Create(CultureInfo.InvariantCulture,
            $"[{elapsed,4}s/{planned}s] vus={p.Vus} rps={Formats.Rate(p.Rps)} p95={Formats.Ms(p.P95Ms)} errors={Formats.Percent(p.ErrorRate)} reqs={p.Requests}");
    }
}
