using LoadGrid.Control.Palettes;

namespace LoadGrid.Cli.Operator;

/// <summary><c>help</c>, <c>help PALETTE</c>, <c>help PALETTE COMMAND</c>: what the node offers, with usage and arguments.</summary>
public static class Help
{
    public static void Print(TextWriter output, IReadOnlyList<PaletteDefinition> palettes, IReadOnlyList<string> topic, bool shell)
    {
        var palette = topic.Count > 0 ? palettes.FirstOrDefault(p => p.Name == topic[0]) : null;
        var command = palette is not null && topic.Count > 1 ? palette.Commands.FirstOrDefault(c => c.Name == topic[1]) : null;
        if (topic.Count > 0 && palette is null)
        {
            output.WriteLine($"no palette '{topic[0]}'; the node offers: {string.Join(", ", palettes.Select(p => p.Name))}");
            return;
        }
        if (command is not null)
        {
            output.WriteLine($"{CommandParser.Usage(palette!, command)}");
            output.WriteLine($"  {command.Description}");
            foreach (var a in command.Arguments)
            {
                var name = a.IsPositional ? a.Name.ToUpperInvariant() : string.Join(", ", a.Switches!) + " " + a.Name.ToUpperInvariant();
                output.WriteLine($"  {name,-24} {a.Description}{(a.Required ? " (required)" : "")}{(a.Default is null ? "" : $" (default {a.Default})")}");
            }
            return;
        }
        foreach (var p in palette is null ? palettes : [palette])
        {
            output.WriteLine($"{p.Name} — {p.Description}");
            foreach (var c in p.Commands) output.WriteLine($"  {CommandParser.Usage(p, c),-58} {c.Description}");
        }
        if (palette is null)
            output.WriteLine(shell
                ? "help PALETTE [COMMAND] for details · Tab completes commands, options, run ids, regions and addresses · Ctrl+C ends a streaming command · exit"
                : "loadgrid ctl [HOST:PORT] PALETTE COMMAND [ARGS] [--json] [--token T] · loadgrid ctl help PALETTE [COMMAND]");
    }
}
