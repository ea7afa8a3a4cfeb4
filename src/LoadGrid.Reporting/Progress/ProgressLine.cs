using System.Globalization;
using LoadGrid.Core.Metrics;

namespace LoadGrid.Reporting;

/// <summary>One line of plain progress: <c>[  12s/60s] vus=20 rps=1520.3 p95=12.4ms errors=0.50% reqs=18234</c>.</summary>
internal static class ProgressLine
{
    public static string Format(RunProgress p)
    {
        var elapsed = (long)Math.Max(0, p.Elapsed.TotalSeconds);
        var planned = (long)Math.Max(0, Math.Ceiling(p.Planned.TotalSeconds));
        return string.Create(CultureInfo.InvariantCulture,
            $"[{elapsed,4}s/{planned}s] vus={p.Vus} rps={Formats.Rate(p.Rps)} p95={Formats.Ms(p.P95Ms)} errors={Formats.Percent(p.ErrorRate)} reqs={p.Requests}");
    }
}
