using LoadGrid.Core.Scenarios;
using static LoadGrid.Core.Tests.Scenarios.ScenarioTestKit;

namespace LoadGrid.Core.Tests.Scenarios;

/// <summary>Valid files and the model they produce.</summary>
public class ScenarioLoaderTests
{
    // The example of the public contract (shared/CONTRACT.md), with settings that suit its executor.
    private const string ContractExample = """
        name: checkout-peak
        baseUrl: http://127.0.0.1:8080
        regions: { us-east: 3, eu-west: 1 }
        data:
          users: { csv: data/users.csv, pick: unique }
        scenarios:
          browse:
            executor: ramping-vus
            startVUs: 0
            stages: [ { duration: 10s, target: 50 }, { duration: 20s, target: 50 } ]
            startTime: 0s
            gracefulStop: 5s
            flow:
              - get: /products
                name: products
                headers: { Accept: application/json }
                check: { status: 200 }
              - post: /login
                json: { user: "${users.name}" }
                extract: { token: "$.token" }
              - get: /cart?t=${token}
              - think: 1s
        thresholds:
          http_req_duration: [ "p(95)<500", "p(99)<1500" ]
          http_req_failed: [ "rate<0.01" ]
          checks: [ "rate>0.99" ]
          "http_req_duration{step:products}": [ "p(90)<200" ]
          "http_req_duration{region:eu-west}": [ { threshold: "p(95)<800", abortOnFail: true, delayAbortEval: 10s } ]
        """;

    [Fact]
    public void Loads_the_contract_example_into_the_model()
    {
        using var dir = new TempDirectory();
        dir.Write("data/users.csv", "name,password\nalice,secret\n");
        var path = dir.Write("checkout.yaml", ContractExample);

        var file = Valid(ScenarioLoader.LoadFile(path, NoEnv));

        Assert.Equal("checkout-peak", file.Name);
        Assert.Equal("http://127.0.0.1:8080", file.BaseUrl);
        Assert.Equal([new RegionWeight("us-east", 3), new RegionWeight("eu-west", 1)], file.Regions);
        Assert.Equal(path, file.SourcePath);
        Assert.Equal(ContractExample, file.SourceText);

        var feeder = Assert.Single(file.Data);
        Assert.Equal(("users", "data/users.csv", Path.Combine(dir.Path, "data", "users.csv"), FeederPick.Unique),
            (feeder.Name, feeder.CsvPath, feeder.ResolvedPath, feeder.Pick));
        Assert.Equal(["name", "password"], feeder.Columns);

        var browse = Assert.Single(file.Scenarios);
        Assert.Equal(("browse", ExecutorKind.RampingVus, 0, TimeSpan.FromSeconds(30)), (browse.Name, browse.Executor, browse.StartVus, browse.Duration));
        Assert.Equal([new Stage(TimeSpan.FromSeconds(10), 50), new Stage(TimeSpan.FromSeconds(20), 50)], browse.Stages);
        Assert.Equal((TimeSpan.Zero, TimeSpan.FromSeconds(5)), (browse.StartTime, browse.GracefulStop));
        Assert.Equal(4, browse.Flow.Count);

        var products = Assert.IsType<RequestStep>(browse.Flow[0]);
        Assert.Equal(("products", HttpMethodKind.Get, "/products"), (products.Name, products.Method, products.Url.Source));
        Assert.Equal(new SourceLocation(14, 9), products.Location);
        var header = Assert.Single(products.Headers);
        Assert.Equal(("Accept", "application/json"), (header.Name, header.Value.Source));
        var status = Assert.IsType<StatusCheck>(Assert.Single(products.Checks));
        Assert.Equal([200], status.Allowed);
        Assert.Equal([200], products.ExpectedStatuses);
        Assert.Equal(RequestStep.DefaultTimeout, products.Timeout);

        var login = Assert.IsType<RequestStep>(browse.Flow[1]);
        Assert.Equal(("POST /login", HttpMethodKind.Post), (login.Name, login.Method));
        Assert.Equal("""{"user":"${users.name}"}""", login.Body!.Content.Source);
        Assert.Equal(("application/json", true), (login.Body.ContentType, login.Body.IsJson));
        Assert.Equal(["users.name"], login.Body.Content.Variables);
        var extraction = Assert.Single(login.Extractions);
        Assert.Equal(("token", ExtractionKind.JsonPath, "$.token"), (extraction.Variable, extraction.Kind, extraction.Expression));
        Assert.Null(login.ExpectedStatuses);

        var cart = Assert.IsType<RequestStep>(browse.Flow[2]);
        Assert.Equal("GET /cart", cart.Name);
        Assert.Equal(["token"], cart.Url.Variables);
        var think = Assert.IsType<ThinkStep>(browse.Flow[3]);
        Assert.Equal((TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)), (think.Min, think.Max));

        Assert.Equal(6, file.Thresholds.Count);
        var p95 = file.Thresholds[0];
        Assert.Equal(("http_req_duration", "p(95)<500", "p", 95.0, ThresholdOperator.Less, 500.0, false, TimeSpan.Zero, new SourceLocation(24, 24)),
            (p95.Metric, p95.Expression, p95.Aggregation, p95.Percentile, p95.Operator, p95.Limit, p95.AbortOnFail, p95.DelayAbortEval, p95.Location));
        var failed = file.Thresholds[2];
        Assert.Equal(("http_req_failed", "rate", 0.0, 0.01), (failed.Metric, failed.Aggregation, failed.Percentile, failed.Limit));
        Assert.Equal("http_req_duration{step:products}", file.Thresholds[4].MetricKey);
        var regional = file.Thresholds[5];
        Assert.Equal(("http_req_duration{region:eu-west}", true, TimeSpan.FromSeconds(10), 800.0), (regional.MetricKey, regional.AbortOnFail, regional.DelayAbortEval, regional.Limit));
    }

    public static TheoryData<string, ScenarioDefinition> ExecutorDefaults => new()
    {
        {
            "executor: constant-vus\nduration: 30s",
            Expected(ExecutorKind.ConstantVus) with { Vus = 1, Duration = TimeSpan.FromSeconds(30) }
        },
        {
            "executor: constant-vus\nvus: 7\nduration: 1m30s\nstartTime: 5s\ngracefulStop: 0s",
            Expected(ExecutorKind.ConstantVus) with { Vus = 7, Duration = TimeSpan.FromSeconds(90), StartTime = TimeSpan.FromSeconds(5), GracefulStop = TimeSpan.Zero }
        },
        {
            "executor: ramping-vus\nstages: [ { duration: 10s, target: 5 }, { duration: 5s, target: 0 } ]",
            Expected(ExecutorKind.RampingVus) with
            {
                StartVus = 1, Duration = TimeSpan.FromSeconds(15),
                Stages = [new Stage(TimeSpan.FromSeconds(10), 5), new Stage(TimeSpan.FromSeconds(5), 0)],
            }
        },
        {
            "executor: per-vu-iterations",
            Expected(ExecutorKind.PerVuIterations) with { Vus = 1, Iterations = 1, Duration = ScenarioDefinition.DefaultMaxDuration }
        },
        {
            "executor: per-vu-iterations\nvus: 3\niterations: 20\nmaxDuration: 1m",
            Expected(ExecutorKind.PerVuIterations) with { Vus = 3, Iterations = 20, Duration = TimeSpan.FromMinutes(1) }
        },
        {
            "executor: shared-iterations\nvus: 4\niterations: 100\nduration: 2m",
            Expected(ExecutorKind.SharedIterations) with { Vus = 4, Iterations = 100, Duration = TimeSpan.FromMinutes(2) }
        },
        {
            "executor: constant-arrival-rate\nrate: 2.5\nduration: 1m\npreAllocatedVUs: 10",
            Expected(ExecutorKind.ConstantArrivalRate) with { Rate = 2.5, Duration = TimeSpan.FromMinutes(1), PreAllocatedVus = 10, MaxVus = 10 }
        },
        {
            "executor: constant-arrival-rate\nrate: 100\ntimeUnit: 1m\nduration: 10s\npreAllocatedVUs: 10\nmaxVUs: 50",
            Expected(ExecutorKind.ConstantArrivalRate) with { Rate = 100, TimeUnit = TimeSpan.FromMinutes(1), Duration = TimeSpan.FromSeconds(10), PreAllocatedVus = 10, MaxVus = 50 }
        },
        {
            "executor: ramping-arrival-rate\nstartRate: 5\nstages: [ { duration: 30s, target: 50.5 } ]\npreAllocatedVUs: 20\nmaxVUs: 40",
            Expected(ExecutorKind.RampingArrivalRate) with
            {
                StartRate = 5, Duration = TimeSpan.FromSeconds(30), Stages = [new Stage(TimeSpan.FromSeconds(30), 50.5)],
                PreAllocatedVus = 20, MaxVus = 40,
            }
        },
    };

    [Theory]
    [MemberData(nameof(ExecutorDefaults))]
    public void Executor_settings_and_defaults(string settings, ScenarioDefinition expected)
    {
        var scenario = Assert.Single(Valid(ScenarioWith(settings)).Scenarios);
        // Records compare lists by reference, so compare the stages apart.
        Assert.Equal(expected.Stages, scenario.Stages);
        Assert.Equal(expected with { Stages = NoStages, Flow = NoSteps }, scenario with { Stages = NoStages, Flow = NoSteps });
    }

    private static readonly IReadOnlyList<Stage> NoStages = [];
    private static readonly IReadOnlyList<FlowStep> NoSteps = [];

    private static ScenarioDefinition Expected(ExecutorKind kind) => new(
        "s", kind, Vus: 0, Duration: TimeSpan.Zero, Iterations: 0, Rate: 0, TimeUnit: TimeSpan.FromSeconds(1),
        PreAllocatedVus: 0, MaxVus: 0, StartVus: 0, StartRate: 0, Stages: [], StartTime: TimeSpan.Zero,
        GracefulStop: ScenarioDefinition.DefaultGracefulStop, Flow: []);

    [Fact]
    public void Defaults_to_one_local_region_and_no_feeders_or_thresholds()
    {
        var file = Valid(ScenarioWith("executor: constant-vus\nduration: 1s"));
        Assert.Equal([new RegionWeight("local", 1)], file.Regions);
        Assert.Empty(file.Data);
        Assert.Empty(file.Thresholds);
    }

    [Fact]
    public void Request_steps_get_default_names_timeouts_and_bodies()
    {
        var file = Valid(FlowWith("""
            - get: /products?page=2
            - delete: https://api.example.com/items/${vu}?x=1
              timeout: 1.5s
            - put: /items
              body: "id=${iteration}"
            - patch: /items
              headers: { Content-Type: application/x-www-form-urlencoded }
              body: a=1
            - head: /
              check: { status: [200, 304], bodyContains: "ok ${scenario}", json: { "$.items[0].id": 7, "$.ok": true } }
            - think: 500ms..2s
            """));
        var steps = file.Scenarios[0].Flow;
        var get = Assert.IsType<RequestStep>(steps[0]);
        Assert.Equal("GET /products", get.Name);
        var delete = Assert.IsType<RequestStep>(steps[1]);
        Assert.Equal(("DELETE https://api.example.com/items/${vu}", HttpMethodKind.Delete, TimeSpan.FromMilliseconds(1500)), (delete.Name, delete.Method, delete.Timeout));
        var put = Assert.IsType<RequestStep>(steps[2]);
        Assert.Equal(("id=${iteration}", "text/plain", false), (put.Body!.Content.Source, put.Body.ContentType, put.Body.IsJson));
        var patch = Assert.IsType<RequestStep>(steps[3]);
        Assert.Equal("application/x-www-form-urlencoded", patch.Body!.ContentType);
        var head = Assert.IsType<RequestStep>(steps[4]);
        Assert.Equal([200, 304], head.ExpectedStatuses);
        Assert.Collection(head.Checks,
            c => Assert.Equal([200, 304], Assert.IsType<StatusCheck>(c).Allowed),
            c => Assert.Equal("ok ${scenario}", Assert.IsType<BodyContainsCheck>(c).Text.Source),
            c => Assert.Equal(("$.items[0].id", "7"), (((JsonPathCheck)c).Path, ((JsonPathCheck)c).ExpectedJson)),
            c => Assert.Equal(("$.ok", "true"), (((JsonPathCheck)c).Path, ((JsonPathCheck)c).ExpectedJson)));
        var think = Assert.IsType<ThinkStep>(steps[5]);
        Assert.Equal((TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(2)), (think.Min, think.Max));
    }

    [Fact]
    public void Json_bodies_keep_yaml_types_and_quote_everything_else()
    {
        var file = Valid(FlowWith("""
            - post: /orders
              json:
                id: 42
                price: -1.5e3
                quoted: "42"
                flag: true
                nothing: ~
                hex: 0x1F
                text: "say \"hi\" \\ ${uuid}"
                items: [ 1, two, { three: false } ]
                nested: { é: ünïcode }
            """));
        var body = Assert.IsType<RequestStep>(file.Scenarios[0].Flow[0]).Body!;
        Assert.Equal("""{"id":42,"price":-1.5e3,"quoted":"42","flag":true,"nothing":null,"hex":"0x1F","text":"say \"hi\" \\ ${uuid}","items":[1,"two",{"three":false}],"nested":{"é":"ünïcode"}}""",
            body.Content.Source);
        Assert.Equal(["uuid"], body.Content.Variables);
        Assert.True(body.IsJson);
    }

    [Fact]
    public void Extractions_accept_json_paths_and_regexes()
    {
        var file = Valid(FlowWith("""
            - post: /login
              extract: { token: "$.token", id: 're:id=(\d+)' }
            - get: /users/${id}?t=${token}
            """));
        var login = Assert.IsType<RequestStep>(file.Scenarios[0].Flow[0]);
        Assert.Equal(
            [("token", ExtractionKind.JsonPath, "$.token"), ("id", ExtractionKind.Regex, @"id=(\d+)")],
            login.Extractions.Select(e => (e.Variable, e.Kind, e.Expression)));
    }

    [Fact]
    public void Variables_resolve_from_built_ins_env_and_the_process_environment()
    {
        var processKey = "LOADGRID_TEST_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(processKey, "set");
        try
        {
            var env = new Dictionary<string, string> { ["TOKEN"] = "abc" };
            var yaml = FlowWith($$"""
                - get: /${vu}/${iteration}/${scenario}/${region}/${uuid}/${timestamp}
                  headers: { Authorization: "Bearer ${env.TOKEN}", X-Other: "${env.{{processKey}}}" }
                """);
            Valid(yaml, env);
        }
        finally
        {
            Environment.SetEnvironmentVariable(processKey, null);
        }
    }

    [Fact]
    public void Base_url_takes_env_placeholders()
    {
        var yaml = Lines("name: t", "baseUrl: ${env.TARGET}/api", "scenarios:", "  s: { executor: constant-vus, duration: 1s, flow: [ { get: /x } ] }");
        var file = Valid(yaml, new Dictionary<string, string> { ["TARGET"] = "http://10.0.0.1:8080" });
        Assert.Equal("http://10.0.0.1:8080/api", file.BaseUrl);
    }

    [Fact]
    public void Missing_file_is_one_error_at_the_start_naming_it()
    {
        var path = Path.Combine(Path.GetTempPath(), "loadgrid-missing-" + Guid.NewGuid().ToString("N") + ".yaml");
        var result = ScenarioLoader.LoadFile(path, NoEnv);
        var error = Assert.Single(result.Errors);
        Assert.Equal($"{path}:1:1: scenario file '{path}' not found (looked in {path})", error.ToString());
        Assert.False(result.IsValid);
    }

    [Fact]
    public void Reports_every_error_at_once_in_file_order_with_the_file_name()
    {
        var yaml = Lines(
            "name: t",
            "nmae: x",
            "scenarios:",
            "  s:",
            "    executor: constant-vus",
            "    vus: -3",
            "    duration: 10x",
            "    flow:",
            "      - get: /a?t=${token}",
            "thresholds:",
            "  checks: [ \"avg<1\" ]");
        var result = ScenarioLoader.Parse(yaml, "dir/load.yaml", NoEnv);
        Assert.Equal(
        [
            "dir/load.yaml:2:1: unknown key 'nmae' at the top level (did you mean 'name'?)",
            "dir/load.yaml:6:10: 'vus' must be a positive integer, got -3",
            "dir/load.yaml:7:15: bad duration '10x': use a number with ms, s, m or h, e.g. 500ms, 10s, 2m",
            "dir/load.yaml:9:14: undefined variable 'token': extract it in an earlier step, or use env.token / a feeder field",
            "dir/load.yaml:9:14: relative URL '/a?t=${token}' needs a baseUrl at the top of the file",
            "dir/load.yaml:11:13: aggregation 'avg' does not apply to metric 'checks' (one of: rate)",
        ], result.Errors.Select(e => e.ToString()));
        Assert.Null(result.Scenario);
    }

    [Fact]
    public void Extracted_variables_do_not_cross_scenarios()
    {
        var yaml = Lines(
            "name: t",
            "baseUrl: http://127.0.0.1:8080",
            "scenarios:",
            "  login:",
            "    executor: constant-vus",
            "    duration: 1s",
            "    flow: [ { post: /login, extract: { token: $.token } }, { get: '/me?t=${token}' } ]",
            "  browse:",
            "    executor: shared-iterations",
            "    flow: [ { get: '/me?t=${token}' } ]");
        var result = Parse(yaml);
        AssertSingleError(result, "undefined variable 'token'", 10, 20);
    }
}
