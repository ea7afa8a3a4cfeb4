using Spectre.Console;

namespace LoadGrid.Cli.Running;

/// <summary>
/// Ctrl+C (and SIGTERM) during a run: the first stops it gracefully (no new iterations, in-flight ones finish within
/// gracefulStop, the summary is still printed); the second aborts it at once.
/// </summary>
public sealed class InterruptHandler : IDisposable
{
    private readonly IRunSession _run;
    private readonly IAnsiConsole _console;
    private readonly System.Runtime.InteropServices.PosixSignalRegistration _sigterm;
    private int _presses;

    public InterruptHandler(IRunSession run, IAnsiConsole console)
    {
        _run = run;
        _console = console;
        Console.CancelKeyPress += OnCancelKeyPress;
        _sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(
            System.Runtime.InteropServices.PosixSignal.SIGTERM, context =>
            {
                context.Cancel = true;
                Interrupt("SIGTERM");
            });
    }

    public void Dispose()
    {
        Console.CancelKeyPress -= OnCancelKeyPress;
        _sigterm.Dispose();
    }

    private void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e)
    {
        e.Cancel = true;
        Interrupt("Ctrl+C");
    }

    private void Interrupt(string what)
    {
        if (Interlocked.Increment(ref _presses) == 1)
        {
            _console.MarkupLine($"[yellow]{what}: stopping gracefully (in-flight iterations get their gracefulStop); {what} again aborts.[/]");
            _run.Stop($"{what} in the client");
        }
        else
        {
            _console.MarkupLine($"[red]{what} again: aborting.[/]");
            _run.Abort($"{what} twice in the client");
        }
    }
}
