using LoadGrid.Core.Scenarios;
using static LoadGrid.Core.Tests.Scenarios.ScenarioTestKit;

namespace LoadGrid.Core.Tests.Scenarios;

/// <summary>CSV feeders, read from a temporary folder. Feeder entries start at line 4, column 3.</summary>
public sealed class FeederValidationTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public FeederValidationTests()
    {
        _dir.Write("users.csv", "id, \"name\" ,\"pass, word\"\n1,alice,x\n");
        _dir.Write("empty.csv", "");
        _dir.Write("header-only.csv", "name\n\n");
        _dir.Write("bad-header.csv", "name,\"pass\n1,2\n");
        _dir.Write("blank-column.csv", "name,,pass\n1,2,3\n");
    }

    public void Dispose() => _dir.Dispose();

    private ScenarioLoadResult Load(string feeders, string url = "/", bool checkFiles = true)
    {
        var yaml = Lines("name: t", "baseUrl: http://127.0.0.1:8080", "data:", Indent(feeders, 2),
            "scenarios:", "  s: { executor: constant-vus, duration: 1s, flow: [ { get: '" + url + "' } ] }");
        var path = _dir.Write("scenario.yaml", yaml);
        return checkFiles ? ScenarioLoader.LoadFile(path, NoEnv) : ScenarioLoader.Parse(yaml, path, NoEnv, checkFiles: false);
    }

    [Fact]
    public void Reads_columns_and_resolves_the_path_against_the_scenario_folder()
    {
        var file = Valid(Load("users: { csv: users.csv }\nothers: { csv: ./users.csv, pick: random }", url: "/${users.name}/${others.pass, word}"));
        Assert.Collection(file.Data,
            users =>
            {
                Assert.Equal(("users", "users.csv", Path.Combine(_dir.Path, "users.csv"), FeederPick.Sequential), (users.Name, users.CsvPath, users.ResolvedPath, users.Pick));
                Assert.Equal(["id", "name", "pass, word"], users.Columns);
            },
            others => Assert.Equal((FeederPick.Random, Path.Combine(_dir.Path, "users.csv")), (others.Pick, others.ResolvedPath)));
    }

    [Fact]
    public void Without_file_checks_missing_files_pass_and_columns_stay_unknown()
    {
        var file = Valid(Load("users: { csv: nowhere/users.csv, pick: unique }", url: "/${users.anything}", checkFiles: false));
        var feeder = Assert.Single(file.Data);
        Assert.Empty(feeder.Columns);
        Assert.Equal(Path.Combine(_dir.Path, "nowhere", "users.csv"), feeder.ResolvedPath);
    }

    public static TheoryData<string, string, string, int, int> FeederErrors => new()
    {
        { "users: { csv: data/users.csv }", "/", "feeder 'users': file 'data/users.csv' not found (looked in {dir}/data/users.csv)", 4, 17 },
        { "users: { csv: empty.csv }", "/", "feeder 'users': file 'empty.csv' is empty: its first line must be a CSV header", 4, 17 },
        { "users: { csv: header-only.csv }", "/", "feeder 'users': file 'header-only.csv' has a header but no data rows", 4, 17 },
        { "users: { csv: bad-header.csv }", "/", "has an unterminated quoted field in its header line", 4, 17 },
        { "users: { csv: blank-column.csv }", "/", "has an empty column name (column 2)", 4, 17 },
        { "users: { csv: users.csv, pick: uniq }", "/", "unknown pick 'uniq' in feeder 'users' (did you mean 'unique'? one of: unique, sequential, random)", 4, 34 },
        { "users: { pick: random }", "/", "feeder 'users' needs 'csv': the path of its CSV file, e.g. csv: data/users.csv", 4, 3 },
        { "users: { csv: users.csv, mode: x }", "/", "unknown key 'mode' in feeder 'users' (allowed keys: csv, pick)", 4, 28 },
        { "users: users.csv", "/", "feeder 'users' (e.g. { csv: data/users.csv, pick: unique }) must be a mapping, got users.csv", 4, 10 },
        { "env: { csv: users.csv }", "/", "feeder name 'env' is not valid: 'env' is reserved for ${env.KEY} values", 4, 3 },
        { "my.users: { csv: users.csv }", "/", "feeder name 'my.users' is not valid: use letters, digits, '_' and '-'", 4, 3 },
        { "users: { csv: users.csv }", "/${users.nmae}", "feeder 'users' has no column 'nmae' (did you mean 'name'? columns: id, name, pass, word)", 6, 61 },
        { "users: { csv: users.csv }", "/${user.name}", "undefined variable 'user.name': no feeder named 'user' (did you mean 'users'? feeders: users)", 6, 61 },
    };

    [Theory]
    [MemberData(nameof(FeederErrors))]
    public void Feeder_errors(string feeders, string url, string fragment, int line, int column) =>
        AssertSingleError(Load(feeders, url), fragment.Replace("{dir}", _dir.Path), line, column);
}
