using Spectre.Console;

namespace LoadGrid.Reporting;

public static class ProgressViews
{
    /// <summary>How often the plain view prints a line at most (CI logs stay short).</summary>
    public static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(5);

    /// <param name="live">A live display redrawn in place; false for <c>--no-progress</c> or redirected output,
    /// which prints a plain line every <see cref="PlainInterval"/> at most.</param>
    /// <param name="time">The clock the plain view uses to space its lines (tests pass their own).</param>
    public static IProgressView Create(IAnsiConsole console, bool live, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(console);
        return live
            ? new LiveProgressView(console)
            : new PlainProgressView(console, time ?? TimeProvider.System, PlainInterval);
    }
}
