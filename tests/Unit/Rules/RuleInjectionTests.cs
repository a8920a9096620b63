using System.Runtime.Loader;
using NetTrace.Abstractions.Plugins;
using NetTrace.Abstractions.Rules;
using NetTrace.Rules;
using NetTrace.Rules.Codegen;
using NetTrace.Rules.Model;

namespace NetTrace.Tests.Unit.Rules;

/// <summary>User text must reach generated code only as exact string literals, whatever it contains.</summary>
public class RuleInjectionTests
{
    public static TheoryData<string> Hostile =>
    [
        "\"",
        "\\",
        "\\\"",
        "\"); System.Environment.Exit(3); //",
        "\"; } } class X { static void M() { System.Environment.Exit(3); } } //",
        "*/ System.Environment.Exit(3); /*",
        "#line 1 \"evil.cs\"",
        "{0} {{ }} $\"{x}\" @\"",
        "\"\"\" raw \"\"\"",
        "ünïcødé 丢包 🚀 \u200B\u202E",
        "\u2028\u2029\u0085 line separators",
        "nul \0 bell \a tab \t",
        "lone \uD800 surrogate \uDFFF",
        "\\u0022 not an escape",
    ];

    [Theory]
    [MemberData(nameof(Hostile))]
    public void Compile_HostileMessageAdviceAndString_RoundTripsExactly(string text)
    {
        var quoted = Quote(text);
        // In a message, braces are doubled to be themselves ({x} names a field).
        var template = text.Replace("{", "{{").Replace("}", "}}");
        var message = Quote(template);
        var compilation = RuleCompiler.Compile(
            [new RuleSource("in.rules", $"rule r on kfree_skb when reason == {quoted} or location != {quoted}\n error {message} advice {message}")],
            RuleTestKit.Context);
        Assert.Empty(compilation.Diagnostics);
        var rule = Assert.Single(compilation.Rules);
        Assert.Equal(template, rule.Message);
        Assert.Equal(template, rule.Advice);
        var ev = new FakeRuleEvent("kfree_skb", "life", ("reason", text), ("location", text));
        Assert.Equal(text, rule.MessageFor(ev));
        Assert.Equal(text, rule.AdviceFor(ev));
        Assert.False(rule.HasFields);
        Assert.True(rule.Matches(ev));
        Assert.False(rule.Matches(new FakeRuleEvent("kfree_skb", "life", ("reason", text + "x"), ("location", text))));
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    [InlineData("two\nlines\r\nhere")]
    [InlineData("")]
    public void Codegen_HostileNamesFilesAndTexts_CompileToTheSameConstants(string text)
    {
        // Straight to the code generator: names and newlines cannot come through the grammar, but the
        // generator must not depend on that.
        var span = new SourceSpan("rules/" + text + ".rules", 1, 1, 1, 10);
        SpannedText At(string value) => new(value, span);
        var rule = new RuleDefinition(At(text), [At("kfree_skb")], null,
            new ComparisonCondition(At("reason"), ComparisonOperator.Equal, new TextValue(text, span), span),
            FindingLevel.Warn, At(text), At(text), span);

        var diagnostics = new List<RuleDiagnostic>();
        var generated = CSharpRuleWriter.Write([rule], RuleTestKit.Context);
        var image = RoslynRuleBuilder.Build(generated, "Injection", diagnostics);
        Assert.Empty(diagnostics);
        var context = new AssemblyLoadContext("injection", isCollectible: true);
        try
        {
            var type = context.LoadFromStream(new MemoryStream(image!)).GetType(GeneratedNames.TypeName(0))!;
            foreach (var constant in new[] { "Name", "Message", "Advice" })
                Assert.Equal(text, type.GetField(constant)!.GetRawConstantValue());
            Assert.Equal(span.File, type.GetField("File")!.GetRawConstantValue());
            Assert.Single(type.GetMethods(), m => m.Name == "Matches");
            Assert.Equal(["Advice", "File", "Level", "Line", "Message", "Name"], type.GetFields().Select(f => f.Name).Order());
        }
        finally
        {
            context.Unload();
        }
    }

    [Fact]
    public void Build_RoslynError_MappedThroughLineToRuleFile()
    {
        var source = new GeneratedRuleSource(
            "class C { static bool M() {\n        return\n#line (3, 9) - (3, 20) 9 \"a_b.rules\"\n        undefinedThing;\n#line default\n} }\n",
            new Dictionary<string, string> { ["a_b.rules"] = "a\"b.rules" });
        var diagnostics = new List<RuleDiagnostic>();
        Assert.Null(RoslynRuleBuilder.Build(source, "Broken", diagnostics));
        var error = Assert.Single(diagnostics);
        Assert.StartsWith("a\"b.rules:3:9: error NTR0100: generated code does not compile (CS0103: ", error.ToString());
    }

    private static string Quote(string text) => "\"" + text.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}
