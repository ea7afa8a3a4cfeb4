using LoadGrid.Cluster.Hosting;

namespace LoadGrid.Cluster.Tests;

public sealed class DatabaseLocationTests
{
    [Fact]
    public void Sqlite_paths_become_absolute()
    {
        var db = DatabaseLocation.Parse("sqlite:./x/loadgrid.db");
        Assert.Equal(DatabaseKind.Sqlite, db.Kind);
        Assert.Equal($"Data Source={Path.GetFullPath("./x/loadgrid.db")}", db.ConnectionString);
    }

    [Fact]
    public void Postgres_keeps_the_connection_string_and_hides_the_password_when_shown()
    {
        var db = DatabaseLocation.Parse("postgres:Host=db;Username=u;Password=secret;Database=lg");
        Assert.Equal(DatabaseKind.Postgres, db.Kind);
        Assert.Equal("Host=db;Username=u;Password=secret;Database=lg", db.ConnectionString);
        Assert.DoesNotContain("secret", db.Display);
    }

    [Theory]
    [InlineData("mysql:x")]
    [InlineData("sqlite:")]
    [InlineData("postgres:just-a-host")]
    [InlineData("./loadgrid.db")]
    public void Anything_else_is_refused_with_the_forms_that_work(string uri)
    {
        Assert.False(DatabaseLocation.TryParse(uri, out _, out var error));
        Assert.Contains($"'{uri}'", error);
        Assert.Contains("expected", error);
    }
}
