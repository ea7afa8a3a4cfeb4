namespace LoadGrid.Cli.Commands;

internal static class Usage
{
    public static int Fail(string message)
    {
        Console.Error.WriteLine($"loadgrid: {message}");
        return ExitCodes.BadInput;
    }
}
