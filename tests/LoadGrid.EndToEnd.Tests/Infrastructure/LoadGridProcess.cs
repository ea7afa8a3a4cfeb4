using System.Diagnostics;
using System.Reflection;
using System.Text;
using Xunit.Abstractions;

namespace LoadGrid.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Runs the real <c>loadgrid</c> program (the CLI project's build output, through <c>dotnet loadgrid.dll</c>) as a
/// child process, with a timeout, and always kills it (and its children) at the end. Its output goes to the test
/// log, so a failing test shows what the program printed.
/// </summary>
public sealed class LoadGridProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly ITestOutputHelper _log;
    private readonly string _commandLine;
    private int? _exitCode;

    private LoadGridProcess(Process process, ITestOutputHelper log, string commandLine, string[] arguments)
    {
        Arguments = arguments;
        _process = process;
        _log = log;
        _commandLine = commandLine;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_stdout) _stdout.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_stderr) _stderr.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Id => _process.Id;

    /// <summary>The arguments after <c>loadgrid</c>.</summary>
    public string[] Arguments { get; }

    public string Stdout { get { lock (_stdout) return _stdout.ToString(); } }

    public string Stderr { get { lock (_stderr) return _stderr.ToString(); } }

    public static string CliAssemblyPath { get; } = FindCli();

    public static LoadGridProcess Start(ITestOutputHelper log, string workingDirectory, params string[] args) =>
        Start(log, workingDirectory, serializeLocalMessages: false, args);

    public static LoadGridProcess Start(ITestOutputHelper log, string workingDirectory, bool serializeLocalMessages, params string[] args) =>
        Start(log, workingDirectory, serializeLocalMessages, null, args);

    /// <param name="serializeLocalMessages">
    /// Off by default: Akka's serialize-messages check also pushes Akka.Persistence.Sql's own local messages through
    /// JSON, which fails on some (WriteFinished) and turns the query actors' immutable lists into null — failures of
    /// the check, not of LoadGrid. Every LoadGrid wire record is covered instead by the serializer tests (a sample per
    /// record) and by the cluster tests, whose messages cross real sockets.
    /// </param>
    /// <param name="environment">Extra environment variables for the program.</param>
    public static LoadGridProcess Start(ITestOutputHelper log, string workingDirectory, bool serializeLocalMessages,
        IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(CliAssemblyPath);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        // Every actor message is serialized, so a message without a MessagePack binding fails the run.
        if (serializeLocalMessages) start.Environment["LOADGRID_SERIALIZE_MESSAGES"] = "on";
        start.Environment["NO_COLOR"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
        return new LoadGridProcess(process, log, "loadgrid " + string.Join(' ', args), args);
    }

    /// <summary>Runs to the end (or kills it at the timeout and fails).</summary>
    public static Task<LoadGridProcess> RunAsync(ITestOutputHelper log, string workingDirectory, TimeSpan timeout, params string[] args) =>
        RunAsync(log, workingDirectory, timeout, null, args);

    public static async Task<LoadGridProcess> RunAsync(ITestOutputHelper log, string workingDirectory, TimeSpan timeout,
        IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        var process = Start(log, workingDirectory, serializeLocalMessages: false, environment, args);
        await process.WaitForExitAsync(timeout);
        return process;
    }

    public async Task WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw new TimeoutException($"'{_commandLine}' did not exit within {timeout.TotalSeconds:0}s.\nstdout:\n{Stdout}\nstderr:\n{Stderr}");
        }
        _process.WaitForExit(); // drains the redirected output
        _exitCode = _process.ExitCode;
    }

    /// <summary>Waits until the program has printed <paramref name="text"/> (or fails after the timeout).</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!Stdout.Contains(text, StringComparison.Ordinal))
        {
            if (_process.HasExited || DateTime.UtcNow > deadline)
                throw new TimeoutException($"'{_commandLine}' did not print '{text}' within {timeout.TotalSeconds:0}s.\nstdout:\n{Stdout}\nstderr:\n{Stderr}");
            await Task.Delay(50);
        }
    }

    /// <summary>The cluster address a <c>loadgrid node</c> printed when it came up (akka.tcp://loadgrid@HOST:PORT).</summary>
    public string NodeAddress =>
        System.Text.RegularExpressions.Regex.Match(Stdout, @"LoadGrid node up: (\S+)") is { Success: true } match
            ? match.Groups[1].Value
            : throw new InvalidOperationException($"'{_commandLine}' has not printed its address yet:\n{Stdout}");

    /// <summary>The exit code, once <see cref="WaitForExitAsync"/> has returned (it stays readable after Dispose).</summary>
    public int ExitCode => _exitCode ?? throw new InvalidOperationException("the process has not exited yet");

    /// <summary>Sends a real POSIX signal (e.g. "INT", "TERM", "KILL").</summary>
    public void Signal(string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, _process.Id.ToString()]);
        kill.WaitForExit(5000);
    }

    public void Kill()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
    }

    public void Dispose()
    {
        Kill();
        _log.WriteLine($"$ {_commandLine}");
        _log.WriteLine(Stdout);
        if (Stderr.Length > 0) _log.WriteLine("stderr:\n" + Stderr);
        _process.Dispose();
    }

    private static string FindCli()
    {
        var configuration = typeof(LoadGridProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "LoadGrid.sln"))) directory = directory.Parent;
        if (directory is null) throw new InvalidOperationException("LoadGrid.sln not found above " + AppContext.BaseDirectory);
        var path = Path.Combine(directory.FullName, "src", "LoadGrid.Cli", "bin", configuration, "net10.0", "loadgrid.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("Build the CLI first: " + path);
    }
}
