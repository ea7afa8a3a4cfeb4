using LoadGrid.Control.Palettes;

namespace LoadGrid.Control.Tests;

public sealed class CommandCompleterTests
{
    private static IReadOnlyList<string> Values(ArgumentKind kind) => kind switch
    {
        ArgumentKind.RunId => ["20261203-120000-aaaaaa", "20261203-130000-bbbbbb"],
        ArgumentKind.Region => ["us-east", "eu-west"],
        ArgumentKind.NodeAddress => ["akka.tcp://loadgrid@127.0.0.1:4054"],
        _ => [],
    };

    private static Completion Complete(string line) => CommandCompleter.Complete(LoadGridPalettes.All, line, Values);

    [Theory]
    [InlineData("", new[] { "cluster", "cluster-sharding", "exit", "help", "node", "quit", "run" })]
    [InlineData("clu", new[] { "cluster", "cluster-sharding" })]
    [InlineData("run s", new[] { "scale", "start", "status", "stop" })]
    [InlineData("run status 20261203-13", new[] { "20261203-130000-bbbbbb" })]
    [InlineData("run scale 20261203-120000-aaaaaa --", new[] { "--factor", "--rate", "--region", "--vus" })]
    [InlineData("run scale x --factor 2 --", new[] { "--rate", "--region", "--vus" })]
    [InlineData("run scale x --region ", new[] { "eu-west", "us-east" })]
    [InlineData("cluster leave ", new[] { "akka.tcp://loadgrid@127.0.0.1:4054" })]
    [InlineData("help ru", new[] { "run" })]
    [InlineData("nonsense ", new string[0])]
    public void Completes_commands_options_and_values(string line, string[] expected)
    {
        Assert.Equal(expected, Complete(line).Candidates);
    }

    [Fact]
    public void The_word_under_the_cursor_is_replaced_from_its_start()
    {
        var completion = Complete("run wa");
        Assert.Equal(4, completion.WordStart);
        Assert.Equal("watch", completion.CommonPrefix());
        Assert.Equal("20261203-1", Complete("run stop 2026").CommonPrefix());
    }
}
