using Spectre.Console;

namespace LoadGrid.Reporting;

/// <summary>Marks for pass/fail/warning, with ASCII stand-ins for consoles that cannot show Unicode.</summary>
internal sealed record Glyphs(string Pass, string Fail, string Warn, char BarFull, char BarEmpty)
{
    private static readonly Glyphs Unicode = new("✓", "✗", "!", '█', '░');
    private static readonly Glyphs Ascii = new("v", "x", "!", '#', '-');

    public static Glyphs For(IAnsiConsole console) => console.Profile.Capabilities.Unicode ? Unicode : Ascii;
}
