using System.Globalization;
using System.Text;

namespace LoadGrid.Reporting;

/// <summary>One line of a chart: y values by second of the run.</summary>
internal sealed record ChartLine(string Name, IReadOnlyList<(int Second, double Value)> Points);

/// <summary>
/// A line chart drawn as inline SVG on the server, so the report needs no script and prints as it shows. The y axis
/// starts at 0 and ends at a round number; the x axis is seconds of the run.
/// </summary>
internal static class SvgChart
{
    private const int Width = 720;
    private const int Height = 220;
    private const int Left = 56;
    private const int Right = 12;
    private const int Top = 12;
    private const int Bottom = 28;
    private const int YTicks = 4;

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <param name="formatY">How a y tick reads (e.g. "12ms", "0.5%").</param>
    /// <param name="markers">The run's events, drawn as numbered dashed lines (numbers as in the report's events table).</param>
    public static string Render(string title, IReadOnlyList<ChartLine> lines, Func<double, string> formatY,
        IReadOnlyList<LoadGrid.Core.Metrics.RunMarker>? markers = null)
    {
        markers ??= [];
        var svg = new StringBuilder();
        var points = lines.SelectMany(l => l.Points).ToList();
        var lastMarker = markers.Count == 0 ? 0 : (int)Math.Ceiling(markers.Max(m => m.Second));
        var maxSecond = Math.Max(lastMarker, points.Count == 0 ? 1 : Math.Max(1, points.Max(p => p.Second)));
        var maxY = NiceCeiling(points.Count == 0 ? 0 : points.Max(p => double.IsFinite(p.Value) ? p.Value : 0));
        const double plotWidth = Width - Left - Right;
        const double plotHeight = Height - Top - Bottom;
        double X(int second) => Left + plotWidth * second / maxSecond;
        double Y(double value) => Top + plotHeight * (1 - Math.Clamp(double.IsFinite(value) ? value : 0, 0, maxY) / maxY);

        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"{Encode(title)}\">");
        svg.Append("<title>").Append(Encode(title)).Append("</title>");

        for (var i = 0; i <= YTicks; i++)
        {
            var value = maxY * i / YTicks;
            var y = Y(value);
            svg.Append(Inv, $"<line class=\"grid\" x1=\"{Left}\" y1=\"{F(y)}\" x2=\"{Width - Right}\" y2=\"{F(y)}\"/>");
            svg.Append(Inv, $"<text class=\"tick\" x=\"{Left - 6}\" y=\"{F(y + 4)}\" text-anchor=\"end\">{Encode(formatY(value))}</text>");
        }
        foreach (var second in XTicks(maxSecond))
        {
            var x = X(second);
            svg.Append(Inv, $"<line class=\"axis\" x1=\"{F(x)}\" y1=\"{Height - Bottom}\" x2=\"{F(x)}\" y2=\"{Height - Bottom + 4}\"/>");
            svg.Append(Inv, $"<text class=\"tick\" x=\"{F(x)}\" y=\"{Height - Bottom + 17}\" text-anchor=\"middle\">{Encode(Formats.Duration(TimeSpan.FromSeconds(second)))}</text>");
        }
        svg.Append(Inv, $"<line class=\"axis\" x1=\"{Left}\" y1=\"{Height - Bottom}\" x2=\"{Width - Right}\" y2=\"{Height - Bottom}\"/>");

        for (var i = 0; i < markers.Count; i++)
        {
            var x = X(0) + plotWidth * Math.Clamp(markers[i].Second, 0, maxSecond) / maxSecond;
            svg.Append(Inv, $"<g class=\"marker {Encode(markers[i].Kind)}\"><title>{i + 1}. {Encode(Formats.Duration(markers[i].Second))} {Encode(markers[i].Text)}</title>")
                .Append(Inv, $"<line x1=\"{F(x)}\" y1=\"{Top}\" x2=\"{F(x)}\" y2=\"{Height - Bottom}\"/>")
                .Append(Inv, $"<text x=\"{F(x + 2)}\" y=\"{Top + 9 + (i % 3) * 10}\">{i + 1}</text></g>");
        }

        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (line.Points.Count == 0) continue;
            var css = $"s{i % Palette}";
            if (line.Points.Count == 1)
            {
                // A polyline of one point draws nothing; a dot shows the lone second.
                var (second, value) = line.Points[0];
                svg.Append(Inv, $"<circle class=\"{css}\" cx=\"{F(X(second))}\" cy=\"{F(Y(value))}\" r=\"3\"><title>{Encode(line.Name)}</title></circle>");
                continue;
            }
            svg.Append(Inv, $"<polyline class=\"{css}\" points=\"");
            foreach (var (second, value) in line.Points)
                svg.Append(F(X(second))).Append(',').Append(F(Y(value))).Append(' ');
            svg.Length--;
            svg.Append("\"><title>").Append(Encode(line.Name)).Append("</title></polyline>");
        }
        svg.Append("</svg>");

        if (lines.Count > 1)
        {
            svg.Append("<div class=\"legend\">");
            for (var i = 0; i < lines.Count; i++)
                svg.Append(Inv, $"<span><i class=\"k{i % Palette}\"></i>{Encode(lines[i].Name)}</span>");
            svg.Append("</div>");
        }
        return svg.ToString();
    }

    /// <summary>How many line colours the stylesheet defines (classes s0…s5 and k0…k5).</summary>
    public const int Palette = 6;

    /// <summary>The smallest of 1, 2, 2.5, 5 × 10^n at or above <paramref name="max"/> (1 for an empty chart).</summary>
    internal static double NiceCeiling(double max)
    {
        if (max <= 0) return 1;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(max)));
        foreach (var step in (double[])[1, 2, 2.5, 5, 10])
            if (step * magnitude >= max * (1 - 1e-12)) return step * magnitude;
        return 10 * magnitude;
    }

    /// <summary>About six ticks at round second counts (1, 5, 10, 15, 30 s, 1, 2, 5, 10, 15, 30 min, 1 h …).</summary>
    private static IEnumerable<int> XTicks(int maxSecond)
    {
        int[] steps = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 14400, 28800, 86400];
        var step = steps.FirstOrDefault(s => maxSecond / s <= 6, steps[^1]);
        for (var s = 0; s <= maxSecond; s += step) yield return s;
    }

    private static string F(double v) => v.ToString("0.#", Inv);

    private static string Encode(string text) => HtmlText.Encode(text);
}
