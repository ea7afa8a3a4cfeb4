namespace LoadGrid.Cluster.Hosting;

/// <summary>Where the journal lives: <c>sqlite:PATH</c> (the default, <c>sqlite:./loadgrid.db</c>) or <c>postgres:CONNECTION-STRING</c>.</summary>
public sealed record DatabaseLocation(DatabaseKind Kind, string ConnectionString, string Display)
{
    public const string Default = "sqlite:./loadgrid.db";

    public static bool TryParse(string uri, out DatabaseLocation? location, out string? error)
    {
        location = null;
        error = null;
        if (uri.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase))
        {
            var path = uri["sqlite:".Length..];
            if (path.Length == 0)
            {
                error = $"--db '{uri}': expected sqlite:PATH, e.g. sqlite:./loadgrid.db";
                return false;
            }
            var full = Path.GetFullPath(path);
            location = new DatabaseLocation(DatabaseKind.Sqlite, $"Data Source={full}", $"sqlite:{full}");
            return true;
        }
        if (uri.StartsWith("postgres:", StringComparison.OrdinalIgnoreCase) || uri.StartsWith("postgresql:", StringComparison.OrdinalIgnoreCase))
        {
            var connection = uri[(uri.IndexOf(':') + 1)..];
            if (!connection.Contains('=', StringComparison.Ordinal))
            {
                error = $"--db '{uri}': expected postgres:CONNECTION-STRING, e.g. postgres:Host=db;Username=loadgrid;Password=…;Database=loadgrid";
                return false;
            }
            location = new DatabaseLocation(DatabaseKind.Postgres, connection, $"postgres:{HidePassword(connection)}");
            return true;
        }
        error = $"--db '{uri}': expected sqlite:PATH or postgres:CONNECTION-STRING";
        return false;
    }

    public static DatabaseLocation Parse(string uri) =>
        TryParse(uri, out var location, out var error) ? location! : throw new ArgumentException(error, nameof(uri));

    private static string HidePassword(string connection) => string.Join(';', connection.Split(';').Select(part =>
        part.TrimStart().StartsWith("password", StringComparison.OrdinalIgnoreCase) && part.Contains('=')
            ? part[..(part.IndexOf('=') + 1)] + "***"
            : part));
}

public enum DatabaseKind { Sqlite, Postgres }
