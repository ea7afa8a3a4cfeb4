namespace LoadGrid.Http.Tests;

public sealed class VirtualUserStateTests
{
    private readonly VirtualUserState _vu = new(12, "browse", "eu-west", new Dictionary<string, string> { ["HOST"] = "shop.test" }) { Iteration = 3 };

    [Theory]
    [InlineData("vu", "12")]
    [InlineData("iteration", "3")]
    [InlineData("scenario", "browse")]
    [InlineData("region", "eu-west")]
    [InlineData("env.HOST", "shop.test")]
    public void Resolves_built_ins_and_env(string name, string expected)
    {
        Assert.True(_vu.TryGet(name, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("nope")]
    [InlineData("env.NOPE")]
    [InlineData("users.name")]
    [InlineData("HOST")]
    public void Unknown_names_are_not_found(string name)
    {
        Assert.False(_vu.TryGet(name, out _));
    }

    [Fact]
    public void Uuid_is_new_on_every_read_and_timestamp_is_unix_milliseconds()
    {
        Assert.True(_vu.TryGet("uuid", out var first));
        Assert.True(_vu.TryGet("uuid", out var second));
        Assert.NotEqual(first, second);
        Assert.True(Guid.TryParse(first, out _));

        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        Assert.True(_vu.TryGet("timestamp", out var timestamp));
        Assert.InRange(long.Parse(timestamp), before, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
    }

    [Fact]
    public void Variables_are_set_and_overwritten()
    {
        _vu.SetVariable("token", "a");
        _vu.SetVariable("token", "b");

        Assert.True(_vu.TryGet("token", out var token));
        Assert.Equal("b", token);
    }

    [Fact]
    public void A_new_vu_allocates_no_cookie_jar()
    {
        Assert.Null(_vu.Cookies);
    }
}
