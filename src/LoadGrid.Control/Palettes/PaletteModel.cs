namespace LoadGrid.Control.Palettes;

/// <summary>
/// A palette in the manner of Petabridge.Cmd: a named group of commands (<c>cluster</c>, <c>run</c>, …) with
/// declared arguments. The node serves its palettes (<c>GET /api/v1/palettes</c>), and the shell and <c>ctl</c>
/// parse, complete and explain commands from what the node says it supports, so a client never offers a command
/// its node cannot run.
/// </summary>
public sealed record PaletteDefinition(string Name, string Description, CommandDefinition[] Commands);

/// <summary>One command of a palette; its full name is "palette command", e.g. "run scale".</summary>
/// <param name="Streaming">Runs until it ends or Ctrl+C (in the shell, Ctrl+C ends the command, not the shell).</param>
public sealed record CommandDefinition(string Name, string Description, ArgumentDefinition[] Arguments, bool Streaming = false);

/// <summary>
/// An argument: positional (<see cref="Switches"/> empty, given in order) or an option (<c>--factor 1.5</c> or its
/// short form <c>-f 1.5</c>). <see cref="Kind"/> says what a value is, for checking and for completion.
/// </summary>
public sealed record ArgumentDefinition(
    string Name,
    string Description,
    ArgumentKind Kind,
    bool Required = false,
    string[]? Switches = null,
    bool Repeatable = false,
    string? Default = null)
{
    public bool IsPositional => Switches is null || Switches.Length == 0;
}

/// <summary>What an argument's value is: how the parser checks it and what completion offers.</summary>
public enum ArgumentKind
{
    Text,
    Number,
    Integer,
    /// <summary>A run id from the node's history.</summary>
    RunId,
    /// <summary>A LoadGrid region with workers in the cluster.</summary>
    Region,
    /// <summary>A cluster member's address (akka.tcp://…@host:port).</summary>
    NodeAddress,
    /// <summary>A path on the client's machine.</summary>
    File,
    /// <summary>KEY=VALUE.</summary>
    KeyValue,
}
