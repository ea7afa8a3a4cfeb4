using System.Globalization;

namespace LoadGrid.Core.Scenarios;

/// <summary>
/// Durations as scenario files write them: a number with a unit, <c>500ms</c>, <c>10s</c>, <c>2m</c>, <c>1h</c>,
/// fractions (<c>1.5s</c>) and sums (<c>1m30s</c>). A bare <c>0</c> is allowed because zero needs no unit.
/// </summary>
public static class DurationParser
{
    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var s = text.Trim();
        if (s == "0") return true;

        decimal ticks = 0;
        var i = 0;
        while (i < s.Length)
        {
            var numberStart = i;
            while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] == '.')) i++;
            if (i == numberStart) return false;
            if (!decimal.TryParse(s.AsSpan(numberStart, i - numberStart), NumberStyles.AllowDecimalPoint,
                    CultureInfo.InvariantCulture, out var number)) return false;

            var unitStart = i;
            while (i < s.Length && char.IsAsciiLetter(s[i])) i++;
            var ticksPerUnit = s.AsSpan(unitStart, i - unitStart) switch
            {
                "ms" => TimeSpan.TicksPerMillisecond,
                "s" => TimeSpan.TicksPerSecond,
                "m" => TimeSpan.TicksPerMinute,
                "h" => TimeSpan.TicksPerHour,
                _ => 0L,
            };
            if (ticksPerUnit == 0) return false;
            // Checked before multiplying so a huge number cannot overflow decimal arithmetic.
            if (number > (TimeSpan.MaxValue.Ticks - ticks) / ticksPerUnit) return false;
            ticks += number * ticksPerUnit;
        }
        value = TimeSpan.FromTicks((long)Math.Round(ticks));
        return true;
    }
}
