namespace LoadGrid.DemoTarget;

/// <summary>
/// The delays the latency endpoints sleep, as pure functions of a uniform draw u in [0, 1) so tests can check the
/// shape without timing anything.
/// </summary>
internal static class LatencyDistributions
{
    /// <summary>/mix: 80 % 10 ms, 18 % 50 ms, 2 % 400 ms (p50 10, p90 50, p95 50, p99 400).</summary>
    public static int Mix(double u) => u < 0.80 ? 10 : u < 0.98 ? 50 : 400;

    /// <summary>
    /// /latency: piecewise linear through the requested percentiles, so a large sample has exactly them:
    /// u=0 → p50/2, 0.5 → p50, 0.95 → p95, 0.99 → p99, 1 → 1.25 × p99.
    /// </summary>
    public static double FromPercentiles(double u, double p50, double p95, double p99)
    {
        ReadOnlySpan<double> at = [0, 0.5, 0.95, 0.99, 1];
        ReadOnlySpan<double> ms = [p50 / 2, p50, p95, p99, p99 * 1.25];
        u = Math.Clamp(u, 0, 1);
        for (var i = 1; i < at.Length; i++)
        {
            if (u <= at[i])
                return ms[i - 1] + (ms[i] - ms[i - 1]) * (u - at[i - 1]) / (at[i] - at[i - 1]);
        }
        return ms[^1];
    }
}
