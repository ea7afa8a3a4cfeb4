using Spectre.Console;

namespace LoadGrid.Reporting.Tests;

/// <summary>A Spectre console writing into a string: no ANSI, no colours, 100 columns (as in a CI log).</summary>
internal sealed class TestConsole
{
    public StringWriter Output { get; } = new();

    public IAnsiConsole Console { get; }

    public TestConsole(bool ansi = false, int width = 100)
    {
        Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = ansi ? AnsiSupport.Yes : AnsiSupport.No,
            ColorSystem = ansi ? ColorSystemSupport.Standard : ColorSystemSupport.NoColors,
            Interactive = ansi ? InteractionSupport.Yes : InteractionSupport.No,
            Out = new AnsiConsoleOutput(Output),
        });
        Console.Profile.Width = width;
        Console.Profile.Capabilities.Unicode = true;
    }

    public string Text => Output.ToString();
}

/// <summary>A clock the test moves by hand.</summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
