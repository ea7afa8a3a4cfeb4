namespace LoadGrid.EndToEnd.Tests.Infrastructure;

/// <summary>The repository the tests run from (the folder holding LoadGrid.sln).</summary>
public static class Repository
{
    public static string Root { get; } = Find();

    public static string PathOf(string relative) => System.IO.Path.Combine(Root, relative);

    private static string Find()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(System.IO.Path.Combine(directory.FullName, "LoadGrid.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("LoadGrid.sln not found above " + AppContext.BaseDirectory);
    }
}
