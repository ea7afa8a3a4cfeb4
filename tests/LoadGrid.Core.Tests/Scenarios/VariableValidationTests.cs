using static LoadGrid.Core.Tests.Scenarios.ScenarioTestKit;

namespace LoadGrid.Core.Tests.Scenarios;

/// <summary>Templates: placeholders must parse and name a defined variable. Steps start at line 8 (see FlowWith).</summary>
public class VariableValidationTests
{
    public static TheoryData<string, string, int, int> UndefinedVariables => new()
    {
        { "- get: /cart?t=${token}", "undefined variable 'token': extract it in an earlier step, or use env.token / a feeder field", 8, 14 },
        { "- get: /a?t=${token}\n- post: /login\n  extract: { token: $.token }", "undefined variable 'token'", 8, 14 },
        { "- post: /login?t=${token}\n  extract: { token: $.token }", "undefined variable 'token'", 8, 15 },
        { "- post: /login\n  extract: { token: $.token }\n- get: /a?t=${tokn}", "undefined variable 'tokn': extract it in an earlier step, or use env.tokn / a feeder field (did you mean 'token'?)", 10, 14 },
        { "- get: /${iteraton}", "(did you mean 'iteration'?)", 8, 14 },
        { "- get: /${env.LOADGRID_TEST_UNSET_VAR}", "undefined variable 'env.LOADGRID_TEST_UNSET_VAR': pass --env LOADGRID_TEST_UNSET_VAR=… or set the environment variable LOADGRID_TEST_UNSET_VAR", 8, 14 },
        { "- get: /${users.name}", "undefined variable 'users.name': no feeder named 'users' (there are no feeders under 'data')", 8, 14 },
        { "- get: /\n  headers: { Authorization: \"Bearer ${tok}\" }", "undefined variable 'tok'", 9, 35 },
        { "- post: /\n  json: { user: { name: \"${who}\" } }", "undefined variable 'who'", 9, 31 },
        { "- post: /\n  json: { \"${key}\": 1 }", "undefined variable 'key'", 9, 17 },
        { "- post: /\n  body: \"id=${id}\"", "undefined variable 'id'", 9, 15 },
        { "- get: /\n  check: { bodyContains: \"${x}\" }", "undefined variable 'x'", 9, 32 },
    };

    [Theory]
    [MemberData(nameof(UndefinedVariables))]
    public void Variables_must_be_defined_before_use(string steps, string fragment, int line, int column) =>
        AssertSingleError(FlowWith(steps), fragment, line, column);

    public static TheoryData<string, string, int, int> MalformedPlaceholders => new()
    {
        { "- get: /a/${id", "unterminated placeholder '${id' (expected '}') in URL '/a/${id'", 8, 14 },
        { "- get: /a/${}", "empty placeholder '${}' in URL", 8, 14 },
        { "- post: /\n  body: \"${\"", "unterminated placeholder", 9, 15 },
        { "- post: /\n  json: [ \"${\" ]", "unterminated placeholder '${' (expected '}') in JSON text", 9, 17 },
    };

    [Theory]
    [MemberData(nameof(MalformedPlaceholders))]
    public void Placeholders_must_parse(string steps, string fragment, int line, int column) =>
        AssertSingleError(FlowWith(steps), fragment, line, column);

    [Fact]
    public void Literal_dollar_brace_needs_no_variable()
    {
        var file = Valid(FlowWith("- post: /\n  body: \"$${not a variable}\""));
        Assert.True(Assert.IsType<LoadGrid.Core.Scenarios.RequestStep>(file.Scenarios[0].Flow[0]).Body!.Content.IsConstant);
    }
}
