using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace LoadGrid.DemoTarget.Tests;

public sealed class TargetEndpointsTests(TargetFixture target) : IClassFixture<TargetFixture>
{
    private HttpClient Client => target.Client;

    [Fact]
    public void Binds_the_loopback_on_an_os_chosen_port()
    {
        Assert.Equal("127.0.0.1", target.Server.BaseAddress.Host);
        Assert.NotEqual(0, target.Server.BaseAddress.Port);
        Assert.Equal("/", target.Server.BaseAddress.AbsolutePath);
    }

    [Fact]
    public async Task Ok_answers_ok()
    {
        using var response = await Client.GetAsync("ok");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", await response.Content.ReadAsStringAsync());
        Assert.False(response.Headers.Contains("Server"));
    }

    [Theory]
    [InlineData("delay/30", HttpStatusCode.OK)]
    [InlineData("delay/0", HttpStatusCode.OK)]
    [InlineData("delay/-1", HttpStatusCode.BadRequest)]
    [InlineData("delay/600000", HttpStatusCode.BadRequest)]
    [InlineData("status/200", HttpStatusCode.OK)]
    [InlineData("status/404", HttpStatusCode.NotFound)]
    [InlineData("status/503", HttpStatusCode.ServiceUnavailable)]
    [InlineData("status/99", HttpStatusCode.BadRequest)]
    [InlineData("status/600", HttpStatusCode.BadRequest)]
    [InlineData("error-rate/0", HttpStatusCode.OK)]
    [InlineData("error-rate/100", HttpStatusCode.InternalServerError)]
    [InlineData("error-rate/101", HttpStatusCode.BadRequest)]
    [InlineData("latency?p50=1&p95=2&p99=3", HttpStatusCode.OK)]
    [InlineData("latency?p50=5&p95=2&p99=3", HttpStatusCode.BadRequest)]
    [InlineData("no-such-path", HttpStatusCode.NotFound)]
    public async Task Answers_with_the_expected_status(string path, HttpStatusCode expected)
    {
        using var response = await Client.GetAsync(path);
        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task Delay_waits_at_least_the_time_asked()
    {
        var started = TimeProvider.System.GetTimestamp();
        using var response = await Client.GetAsync("delay/50");
        Assert.True(TimeProvider.System.GetElapsedTime(started) >= TimeSpan.FromMilliseconds(45));
        Assert.Equal(50, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("delayMs").GetInt32());
    }

    [Fact]
    public async Task Error_rate_fails_about_the_share_asked()
    {
        var statuses = await Task.WhenAll(Enumerable.Range(0, 200).Select(async _ =>
        {
            using var response = await Client.GetAsync("error-rate/50");
            return response.StatusCode;
        }));
        var failed = statuses.Count(s => s == HttpStatusCode.InternalServerError);
        Assert.Equal(200, failed + statuses.Count(s => s == HttpStatusCode.OK));
        Assert.InRange(failed, 50, 150);
    }

    [Fact]
    public async Task Mix_sleeps_10_50_or_400_ms_in_roughly_80_18_2_shares()
    {
        var delays = await Task.WhenAll(Enumerable.Range(0, 200).Select(async _ =>
        {
            using var response = await Client.GetAsync("mix");
            response.EnsureSuccessStatusCode();
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("delayMs").GetInt32();
        }));

        Assert.All(delays, d => Assert.Contains(d, new[] { 10, 50, 400 }));
        Assert.InRange(delays.Count(d => d == 10), 130, 190);
        Assert.InRange(delays.Count(d => d == 50), 12, 60);
        Assert.InRange(delays.Count(d => d == 400), 0, 15);
    }

    [Fact]
    public async Task Request_count_and_stats_count_every_request()
    {
        var before = target.Server.RequestCount;
        for (var i = 0; i < 5; i++)
            (await Client.GetAsync("ok")).Dispose();
        (await Client.GetAsync("nowhere")).Dispose();

        Assert.True(target.Server.RequestCount >= before + 6);

        var stats = await Client.GetFromJsonAsync<JsonElement>("stats");
        Assert.True(stats.GetProperty("requests").GetInt64() >= before + 7);
        Assert.True(stats.GetProperty("endpoints").GetProperty("GET /ok").GetInt64() >= 5);
        Assert.True(stats.GetProperty("endpoints").GetProperty("unmatched").GetInt64() >= 1);
        Assert.True(stats.GetProperty("endpoints").GetProperty("GET /stats").GetInt64() >= 1);
    }
}
