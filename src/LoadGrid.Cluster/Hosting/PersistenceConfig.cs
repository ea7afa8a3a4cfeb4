using Microsoft.Data.Sqlite;

namespace LoadGrid.Cluster.Hosting;

/// <summary>Akka.Persistence.Sql on SQLite or PostgreSQL: journal, snapshot store and read journal on one database.</summary>
public static class PersistenceConfig
{
    public static string Hocon(DatabaseLocation db)
    {
        var provider = db.Kind == DatabaseKind.Sqlite ? "SQLite.MS" : "PostgreSQL.15";
        var connection = Quote(db.ConnectionString);
        return $$"""
            akka.persistence {
              journal {
                plugin = "akka.persistence.journal.sql"
                sql {
                  class = "Akka.Persistence.Sql.Journal.SqlWriteJournal, Akka.Persistence.Sql"
                  connection-string = {{connection}}
                  provider-name = "{{provider}}"
                  auto-initialize = true
                  tag-write-mode = TagTable
                }
              }
              snapshot-store {
                plugin = "akka.persistence.snapshot-store.sql"
                sql {
                  class = "Akka.Persistence.Sql.Snapshot.SqlSnapshotStore, Akka.Persistence.Sql"
                  connection-string = {{connection}}
                  provider-name = "{{provider}}"
                  auto-initialize = true
                }
              }
              query.journal.sql {
                class = "Akka.Persistence.Sql.Query.SqlReadJournalProvider, Akka.Persistence.Sql"
                connection-string = {{connection}}
                provider-name = "{{provider}}"
                tag-read-mode = TagTable
              }
            }
            """;
    }

    /// <summary>
    /// Creates the SQLite file's folder and switches the file to WAL once: about 3× the write rate of the default
    /// rollback journal, and readers (run list) do not block the writer.
    /// </summary>
    public static void Prepare(DatabaseLocation db)
    {
        if (db.Kind != DatabaseKind.Sqlite) return;
        var builder = new SqliteConnectionStringBuilder(db.ConnectionString);
        var folder = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
        if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
        using var connection = new SqliteConnection(db.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL;";
        command.ExecuteNonQuery();
    }

    private static string Quote(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
