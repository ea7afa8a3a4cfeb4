using LoadGrid.Control.Palettes;

namespace LoadGrid.Control.Tests;

public sealed class CommandParserTests
{
    private static ParsedCommand Parse(string line) => CommandParser.Parse(LoadGridPalettes.All, CommandParser.Tokenize(line));

    [Fact]
    public void Positional_arguments_and_options_are_read_by_name()
    {
        var scale = Parse("run scale 20261203-1 --factor 1.5 -r us-east");
        Assert.Equal("run scale", scale.FullName);
        Assert.Equal("20261203-1", scale.Value("id"));
        Assert.Equal(1.5, scale.Number("factor"));
        Assert.Equal("us-east", scale.Value("region"));

        var start = Parse("run start 'my file.yaml' --env A=1 -e B=x=y");
        Assert.Equal("my file.yaml", start.Value("file"));
        Assert.Equal(["A=1", "B=x=y"], start.All("env"));

        Assert.Equal(30, Parse("run scale x --vus=30").Integer("vus"));
    }

    [Theory]
    [InlineData("", "no command given")]
    [InlineData("rn list", "did you mean 'run'")]
    [InlineData("run lst", "did you mean 'list'")]
    [InlineData("run", "needs a command")]
    [InlineData("run status", "needs ID")]
    [InlineData("run scale x --factor", "needs a value")]
    [InlineData("run scale x --factor fast", "factor must be a number, not 'fast'")]
    [InlineData("run scale x --speed 2", "has no option '--speed'")]
    [InlineData("run list extra", "unexpected 'extra'")]
    [InlineData("run start a.yaml --env NOEQUALS", "KEY=VALUE")]
    [InlineData("cluster-sharding region-stats", "needs --region REGION")]
    [InlineData("run status \"unclosed", "unclosed")]
    public void Bad_lines_say_what_is_wrong(string line, string expected)
    {
        var e = Assert.Throws<CommandParseException>(() => CommandParser.Parse(LoadGridPalettes.All, CommandParser.Tokenize(line)));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Usage_lists_required_and_optional_arguments()
    {
        var run = LoadGridPalettes.All.Single(p => p.Name == "run");
        Assert.Equal("run scale ID [--factor FACTOR] [--vus VUS] [--rate RATE] [--region REGION]", CommandParser.Usage(run, run.Commands.Single(c => c.Name == "scale")));
        Assert.Equal("run start FILE [--env ENV…]", CommandParser.Usage(run, run.Commands.Single(c => c.Name == "start")));
    }

    [Fact]
    public void Negative_numbers_are_values_not_options()
    {
        Assert.Equal(-1, Parse("run scale x --factor -1").Number("factor"));
    }
}
