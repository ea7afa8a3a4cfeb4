using System.Net;
using LoadGrid.Control;
using LoadGrid.Control.Palettes;

namespace LoadGrid.Cli.Operator;

/// <summary>
/// <c>loadgrid shell [HOST:PORT]</c>: the interactive operator shell. Prompt <c>[HOST:PORT] loadgrid&gt;</c>; the
/// commands are the node's palettes (fetched at start, so the shell offers only what the node supports); Tab
/// completes commands, options and values (run ids, regions, member addresses, asked of the node); history is kept
/// across sessions in <c>~/.loadgrid_history</c> (or <c>LOADGRID_HISTORY</c>); Ctrl+C ends a streaming command
/// (<c>run watch</c>, <c>cluster tail</c>), not the shell. With stdin redirected it reads commands line by line.
/// </summary>
public static class ShellRunner
{
    private const int HistoryKept = 500;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellation)
    {
        OperatorArguments parsed;
        ControlClient client;
        try
        {
            parsed = OperatorArguments.Parse(args);
            if (parsed.Words.Count > 0) return Commands.Usage.Fail($"shell takes only [HOST:PORT] (got '{string.Join(' ', parsed.Words)}'); for one command use 'loadgrid ctl'");
            client = parsed.Connect();
        }
        catch (ArgumentException e)
        {
            return Commands.Usage.Fail(e.Message);
        }
        using (client)
        {
            IReadOnlyList<PaletteDefinition> palettes;
            try
            {
                palettes = await PaletteSource.FetchAsync(client, cancellation);
            }
            catch (ControlUnreachableException e)
            {
                return Commands.Usage.Fail(e.Message);
            }
            catch (ControlException e)
            {
                return Commands.Usage.Fail(e.Message);
            }
            var interactive = !Console.IsInputRedirected;
            var historyFile = Environment.GetEnvironmentVariable("LOADGRID_HISTORY")
                ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".loadgrid_history");
            var history = LoadHistory(historyFile);
            var values = new CompletionValues(client);
            var editor = new LineEditor(Console.Out, history)
            {
                Complete = before =>
                {
                    var completion = CommandCompleter.Complete(palettes, before, values.For);
                    return (completion.WordStart, completion.Candidates);
                },
            };
            var prompt = $"[{client.Target}] loadgrid> ";
            if (interactive) Console.WriteLine($"LoadGrid shell on {client.Target}: {string.Join(", ", palettes.Select(p => p.Name))} · 'help' lists the commands · Tab completes · 'exit' leaves");
            var lastExit = ExitCodes.Passed;
            while (!cancellation.IsCancellationRequested)
            {
                string? line;
                if (interactive)
                {
                    Console.TreatControlCAsInput = true;
                    try
                    {
                        line = editor.ReadLine(prompt);
                    }
                    finally
                    {
                        Console.TreatControlCAsInput = false;
                    }
                }
                else line = await Console.In.ReadLineAsync(cancellation);
                if (line is null) break;
                line = line.Trim();
                if (line.Length == 0 || line.StartsWith('#')) continue;
                if (interactive) Remember(history, historyFile, line);
                if (line is "exit" or "quit") break;
                lastExit = await ExecuteLineAsync(client, palettes, line, parsed.Json, cancellation);
                values.Invalidate();
            }
            return interactive ? ExitCodes.Passed : lastExit;
        }
    }

    private static async Task<int> ExecuteLineAsync(ControlClient client, IReadOnlyList<PaletteDefinition> palettes, string line, bool json, CancellationToken shellCancellation)
    {
        List<string> words;
        try
        {
            words = CommandParser.Tokenize(line);
            if (words[0] == "help")
            {
                Help.Print(Console.Out, palettes, words.Skip(1).ToArray(), shell: true);
                return ExitCodes.Passed;
            }
            var command = CommandParser.Parse(palettes, words);
            // Ctrl+C while a command runs ends the command (a streaming one ends quietly), never the shell.
            using var commandCancellation = CancellationTokenSource.CreateLinkedTokenSource(shellCancellation);
            ConsoleCancelEventHandler onCtrlC = (_, e) =>
            {
                e.Cancel = true;
                commandCancellation.Cancel();
            };
            Console.CancelKeyPress += onCtrlC;
            try
            {
                return await new OperatorCommands(client, json, Console.Out, Console.Error).ExecuteAsync(command, commandCancellation.Token);
            }
            catch (OperationCanceledException) when (commandCancellation.IsCancellationRequested && !shellCancellation.IsCancellationRequested)
            {
                Console.Error.WriteLine("(interrupted)");
                return ExitCodes.Failure;
            }
            finally
            {
                Console.CancelKeyPress -= onCtrlC;
            }
        }
        catch (CommandParseException e)
        {
            Console.Error.WriteLine($"loadgrid: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (ControlUnreachableException e)
        {
            Console.Error.WriteLine($"loadgrid: {e.Message}");
            return ExitCodes.BadInput;
        }
        catch (ControlException e)
        {
            Console.Error.WriteLine($"loadgrid: {e.Message}");
            return e.Status is HttpStatusCode.BadRequest or HttpStatusCode.NotFound or HttpStatusCode.Unauthorized ? ExitCodes.BadInput : ExitCodes.Failure;
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            Console.Error.WriteLine($"loadgrid: lost the connection to {client.Target}: {e.Message}");
            return ExitCodes.Failure;
        }
    }

    private static List<string> LoadHistory(string file)
    {
        try
        {
            return File.Exists(file) ? File.ReadAllLines(file).Where(l => l.Length > 0).TakeLast(HistoryKept).ToList() : [];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    private static void Remember(List<string> history, string file, string line)
    {
        if (history.Count > 0 && history[^1] == line) return;
        history.Add(line);
        try
        {
            File.AppendAllLines(file, [line]);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // history is a convenience: a read-only home must not stop the shell
        }
    }
}

/// <summary>Values for completion, asked of the node and kept for a few seconds (Tab should not wait for a round trip each time).</summary>
internal sealed class CompletionValues(ControlClient client)
{
    private static readonly TimeSpan Fresh = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);
    private readonly Dictionary<ArgumentKind, (DateTime At, IReadOnlyList<string> Values)> _cache = [];

    public void Invalidate() => _cache.Clear();

    public IReadOnlyList<string> For(ArgumentKind kind)
    {
        if (_cache.TryGetValue(kind, out var cached) && DateTime.UtcNow - cached.At < Fresh) return cached.Values;
        IReadOnlyList<string> values;
        try
        {
            using var timeout = new CancellationTokenSource(Timeout);
            // The line editor is synchronous (Console.ReadKey); this is the client process, not an actor.
            values = Fetch(kind, timeout.Token).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is ControlException or ControlUnreachableException or OperationCanceledException or HttpRequestException)
        {
            values = [];
        }
        _cache[kind] = (DateTime.UtcNow, values);
        return values;
    }

    private async Task<IReadOnlyList<string>> Fetch(ArgumentKind kind, CancellationToken ct) => kind switch
    {
        ArgumentKind.RunId => (await client.ListAsync(ct)).Select(r => r.RunId).ToArray(),
        ArgumentKind.Region => (await client.HealthAsync(ct)).WorkersPerRegion.Keys.ToArray(),
        ArgumentKind.NodeAddress => (await client.MembersAsync(ct)).Select(m => m.Address).ToArray(),
        ArgumentKind.File => Files(),
        _ => [],
    };

    private static string[] Files() =>
        Directory.EnumerateFiles(".", "*.y*ml", SearchOption.TopDirectoryOnly).Select(f => f[2..]).ToArray();
}
