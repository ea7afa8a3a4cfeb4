using System.CommandLine;
using LoadGrid.DemoTarget;

namespace LoadGrid.Cli.Commands;

/// <summary><c>loadgrid target --port P</c>: the demo target service, until Ctrl+C.</summary>
public static class TargetCommandFactory
{
    public static Command Create()
    {
        var port = new Option<int>("--port") { Description = "Port to listen on (0 = any free port).", DefaultValueFactory = _ => 8080 };
        var host = new Option<string>("--host") { Description = "Address to bind.", DefaultValueFactory = _ => "127.0.0.1" };
        var command = new Command("target", "Run the demo target service (see docs/demo-target.md).");
        command.Options.Add(port);
        command.Options.Add(host);
        command.SetAction(async (parse, cancellation) =>
        {
            await using var server = await DemoTargetServer.StartAsync(parse.GetValue(port), parse.GetValue(host)!, cancellation);
            Console.WriteLine($"LoadGrid demo target listening on {server.BaseAddress} (Ctrl+C to stop)");
            var stopped = new TaskCompletionSource();
            ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; stopped.TrySetResult(); };
            Console.CancelKeyPress += onCancel;
            using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(
                System.Runtime.InteropServices.PosixSignal.SIGTERM, c => { c.Cancel = true; stopped.TrySetResult(); });
            try
            {
                await stopped.Task.WaitAsync(cancellation);
            }
            finally
            {
                Console.CancelKeyPress -= onCancel;
            }
            await server.StopAsync();
            return ExitCodes.Passed;
        });
        return command;
    }
}
