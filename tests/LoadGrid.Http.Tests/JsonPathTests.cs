using System.Text.Json;
using LoadGrid.Http.Json;

namespace LoadGrid.Http.Tests;

public sealed class JsonPathTests
{
    private const string Document = """{"a":{"b":[10,{"c":"deep"}]},"x y":true,"q'uote":1}""";

    [Theory]
    [InlineData("$", Document)]
    [InlineData("$.a.b[0]", "10")]
    [InlineData("$.a.b[1].c", "\"deep\"")]
    [InlineData("$['a'][\"b\"][1]['c']", "\"deep\"")]
    [InlineData("$['x y']", "true")]
    [InlineData("$[\"q'uote\"]", "1")]
    public void Finds_values(string path, string expectedJson)
    {
        using var document = JsonDocument.Parse(Document);

        Assert.True(JsonPath.Parse(path).TryFind(document.RootElement, out var value));
        Assert.Equal(expectedJson, value.GetRawText());
    }

    [Theory]
    [InlineData("$.missing")]
    [InlineData("$.a.b[2]")]
    [InlineData("$.a.b.c")]
    [InlineData("$.a[0]")]
    [InlineData("$.a.b[0].c")]
    public void Misses_are_false(string path)
    {
        using var document = JsonDocument.Parse(Document);

        Assert.False(JsonPath.Parse(path).TryFind(document.RootElement, out _));
    }

    [Theory]
    [InlineData("a.b", "must start with '$'")]
    [InlineData("$.", "empty name")]
    [InlineData("$..a", "empty name")]
    [InlineData("$a", "expected '.' or '['")]
    [InlineData("$[x]", "expected an array index")]
    [InlineData("$[-1]", "expected an array index")]
    [InlineData("$['open", "is not closed")]
    [InlineData("$[0", "expected an array index")]
    public void Bad_paths_say_what_is_wrong(string path, string message)
    {
        Assert.False(JsonPath.TryParse(path, out _, out var error));
        Assert.Contains(message, error);
    }
}
