using NetTrace.Rules;

namespace NetTrace.Tests.Unit.Rules;

/// <summary>{field} in messages and advice: checked by the compiler, rendered per event, safe for a terminal.</summary>
public class RuleTemplateTests
{
    private static CompiledRule Rule(string message, string? advice = null) =>
        RuleTestKit.Single($"rule r on nft_do_chain error \"{message}\"" + (advice is null ? "" : $" advice \"{advice}\""));

    private static FakeRuleEvent Event(params (string, object)[] fields) => new("nft_do_chain", "netfilter", fields);

    [Fact]
    public void MessageFor_Fields_TheEventsValues()
    {
        var rule = Rule("dropped by {table}/{chain} ({hook})", "look at {table} {chain}, ret {ret}");

        var ev = Event(("table", "filter"), ("chain", "FORWARD"), ("hook", "FORWARD"), ("ret", -1L));

        Assert.Equal("dropped by {table}/{chain} ({hook})", rule.Message);
        Assert.Equal("dropped by filter/FORWARD (FORWARD)", rule.MessageFor(ev));
        Assert.Equal("look at filter FORWARD, ret -1", rule.AdviceFor(ev));
        Assert.True(rule.HasFields);
    }

    [Fact]
    public void MessageFor_FieldTheEventLacks_QuestionMark()
    {
        var rule = Rule("{table}/{chain} port {dport}");
        Assert.Equal("filter/? port ?", rule.MessageFor(Event(("table", "filter"))));
    }

    [Fact]
    public void MessageFor_DoubledBraces_LiteralAndNoFields()
    {
        var rule = Rule("set {{a, b}} is }}{{", "{{x}}");
        Assert.False(rule.HasFields);
        Assert.Equal("set {{a, b}} is }}{{", rule.Message);
        Assert.Equal("set {a, b} is }{", rule.MessageFor(Event()));
        Assert.Equal("{x}", rule.AdviceFor(Event()));
        Assert.Null(Rule("m").AdviceFor(Event()));
    }

    [Fact]
    public void MessageFor_NoFields_TheSameStringEveryTime()
    {
        var rule = Rule("plain");
        Assert.Same(rule.MessageFor(Event()), rule.MessageFor(Event(("table", "x"))));
    }

    [Theory]
    [InlineData("evil\u001b[31m\n", "evil\\x1b[31m\\x0a")]
    [InlineData("rtl\u202Eoverride\u2028", "rtl\\u202eoverride\\u2028")]
    [InlineData("丢包 ok", "丢包 ok")]
    public void MessageFor_KernelText_SafeForTerminal(string table, string shown)
    {
        Assert.Equal($"by {shown}.", Rule("by {table}.").MessageFor(Event(("table", table))));
    }

    [Theory]
    [InlineData("rule r on x error \"by {tabel}\"", "t.rules:1:24: error NTR0003: unknown field 'tabel' (did you mean 'table'?)")]
    [InlineData("rule r on x error \"\\\"q\\\" {skb.len}\"", "t.rules:1:27: error NTR0003: unknown field 'skb.len'")]
    [InlineData("rule r on x info \"m\"\n  advice \"see {chian}\"", "t.rules:2:16: error NTR0003: unknown field 'chian' (did you mean 'chain'?)")]
    [InlineData("rule r on x error \"a { b\"", "t.rules:1:22: error NTR0001: '{' starts a field such as {table} and needs a field name and '}'; write {{ for a brace")]
    [InlineData("rule r on x error \"a {table\"", "t.rules:1:22: error NTR0001: '{' starts a field such as {table} and needs a field name and '}'; write {{ for a brace")]
    [InlineData("rule r on x error \"{}\"", "t.rules:1:20: error NTR0001: '{' starts a field such as {table} and needs a field name and '}'; write {{ for a brace")]
    [InlineData("rule r on x error \"a } b\"", "t.rules:1:22: error NTR0001: a '}' without its '{'; write }} for a brace")]
    public void Check_BadField_ErrorAtTheNameInsideTheString(string text, string expected)
    {
        Assert.Equal([expected], RuleTestKit.Check(("t.rules", text)));
    }

    [Fact]
    public void Compile_FieldInMessage_NotInGeneratedCode()
    {
        var compilation = RuleTestKit.Compile("rule r on x error \"by {table}\" advice \"{chain}\"");
        Assert.Empty(compilation.Diagnostics);
        // The template reaches C# only as the constant's literal; rendering is done by the host, never compiled.
        Assert.Contains("public const string Message = \"by {table}\";", compilation.GeneratedSource);
        Assert.DoesNotContain("\"table\"", compilation.GeneratedSource);
    }
}
