using LoadGrid.Core.Data;
using LoadGrid.Core.Scenarios;
using LoadGrid.Http.Tests.Infrastructure;
using static LoadGrid.Http.Tests.Infrastructure.Flows;

namespace LoadGrid.Http.Tests;

[Collection(TargetServerCollection.Name)]
public sealed class FeederFlowTests(TargetServer server)
{
    private readonly RecordingSink _sink = new();

    [Fact]
    public async Task Each_iteration_takes_the_next_row_and_a_spent_unique_feeder_stops_the_vu()
    {
        var users = new Feeder(CsvFeederReader.Parse("name,team\n\"O\"\"Brien\",red\nzoe,blue\n", "users.csv", "users", FeederPick.Unique), seed: 1);
        var runner = Runner(server.BaseUrl, server.Transport, _sink,
            [Request(HttpMethodKind.Post, "/echo?scenario=${users.team}", body: JsonBody("""{"name":"${users.name}","vu":"${vu}"}"""),
                extract: [ExtractJson("name", "$.name"), ExtractJson("team", "$.scenario")])],
            feeders: new Dictionary<string, Feeder> { ["users"] = users });
        var vu = runner.CreateVirtualUser(1);
        var seen = new List<(string, string)>();

        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(IterationOutcome.Completed, await runner.RunIterationAsync(vu, 0, CancellationToken.None));
            seen.Add((Value(vu, "name"), Value(vu, "team")));
        }
        var third = await runner.RunIterationAsync(vu, 0, CancellationToken.None);

        Assert.Equal([("O\"Brien", "red"), ("zoe", "blue")], seen);
        Assert.Equal(IterationOutcome.FeederExhausted, third);
        Assert.Equal(2, _sink.Requests.Count);
        Assert.Equal(2, _sink.Iterations.Count);
    }

    [Fact]
    public async Task A_feeder_the_flow_never_reads_keeps_its_rows()
    {
        var used = new Feeder(new FeederTable("used", ["id"], [["1"], ["2"]], FeederPick.Sequential), seed: 1);
        var unread = new Feeder(new FeederTable("unread", ["id"], [["only"]], FeederPick.Unique), seed: 1);
        var runner = Runner(server.BaseUrl, server.Transport, _sink, [Get("/ok?id=${used.id}")],
            feeders: new Dictionary<string, Feeder> { ["used"] = used, ["unread"] = unread });

        await runner.RunIterationAsync(runner.CreateVirtualUser(1), 0, CancellationToken.None);

        Assert.True(unread.TryNext(out var row));
        Assert.Equal("only", row[0]);
    }

    private static string Value(VirtualUserState vu, string name) => vu.TryGet(name, out var value) ? value : "<unset>";
}
