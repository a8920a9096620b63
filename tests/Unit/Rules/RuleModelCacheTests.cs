using NetTrace.Abstractions.Plugins;
using NetTrace.Rules;
using NetTrace.Rules.Codegen;
using NetTrace.Rules.Model;

namespace NetTrace.Tests.Unit.Rules;

/// <summary>
/// A cache entry keeps the analysed rules beside the assembly, so a warm start binds without parsing a rule; an entry
/// whose analysed rules are missing, damaged or refused is served the old way, by analysing the texts.
/// </summary>
public class RuleModelCacheTests
{
    // Every kind of condition and value, templates with fields, advice, a group rule; a Guid keeps the key unique.
    private static string AllKinds() => $$"""
        # {{Guid.NewGuid()}}
        rule cmp on kfree_skb when ret < -1 and not (reason == "NO_SOCKET" or ret == NF_DROP)
          error "dropped: {reason} at {location}"
          advice "look at {location}"
        rule member on tcp_ack, x when reason in ("A", "B") and ret in (1, NF_DROP) and reason exists
          warn "in"
        rule fw on group netfilter
          info "plain text"
        """;

    [Fact]
    public void ModelFile_RoundTripsEveryKindOfRule()
    {
        var rules = Analyse(AllKinds());

        var read = RuleModelFile.Read(RuleModelFile.Write(rules));

        Assert.NotNull(read);
        Assert.Equal(RuleModelFile.Write(rules), RuleModelFile.Write(read));
        Assert.Equal(["cmp", "member", "fw"], read.Select(r => r.Name.Value));
        Assert.Equal("netfilter", read[2].Group?.Value);
        Assert.IsType<LogicalCondition>(read[0].Condition);
        Assert.Equal(rules[0].Span, read[0].Span);
        Assert.Equal("look at ", read[0].AdviceTemplate!.Parts[0].Text);
    }

    [Fact]
    public void ModelFile_Damaged_ReadsAsNoEntry()
    {
        var bytes = RuleModelFile.Write(Analyse(AllKinds()));

        Assert.Null(RuleModelFile.Read(bytes[..^3]));
        Assert.Null(RuleModelFile.Read([.. bytes, 0]));
        Assert.Null(RuleModelFile.Read([]));
        var wrongVersion = (byte[])bytes.Clone();
        wrongVersion[4] ^= 0xFF;
        Assert.Null(RuleModelFile.Read(wrongVersion));
    }

    [Fact]
    public void Compile_WarmWithModel_ParsesNothing_AndBehavesTheSame()
    {
        var options = new RuleCompilerOptions { CacheDirectory = RuleTestKit.TempDirectory() };
        var text = AllKinds();
        var cold = RuleTestKit.Compile(text, options: options);
        int parsed = RuleCompiler.FrontEndRunsOnThisThread;

        var warm = RuleTestKit.Compile(text, options: options);

        Assert.False(cold.FromCache);
        Assert.True(warm.FromCache);
        Assert.Equal(parsed, RuleCompiler.FrontEndRunsOnThisThread);
        Assert.Single(Directory.GetFiles(options.CacheDirectory!, "*.model"));
        Assert.Equal(cold.Rules.Select(Shape), warm.Rules.Select(Shape));
        var ev = new FakeRuleEvent("kfree_skb", "life", ("ret", -5L), ("reason", "OTHER"), ("location", "ip_rcv+0x1"));
        Assert.True(warm.Rules[0].Matches(ev));
        Assert.Equal("dropped: OTHER at ip_rcv+0x1", warm.Rules[0].MessageFor(ev));
        Assert.NotNull(warm.Rules[0].Condition);
    }

    [Fact]
    public void Compile_EntryWithoutOrWithBrokenModel_AnalysesAndMendsIt()
    {
        var options = new RuleCompilerOptions { CacheDirectory = RuleTestKit.TempDirectory() };
        var text = AllKinds();
        RuleTestKit.Compile(text, options: options);
        var model = Assert.Single(Directory.GetFiles(options.CacheDirectory!, "*.model"));
        File.WriteAllBytes(model, [1, 2, 3]);
        int parsed = RuleCompiler.FrontEndRunsOnThisThread;

        var mended = RuleTestKit.Compile(text, options: options);
        var warm = RuleTestKit.Compile(text, options: options);

        Assert.True(mended.FromCache);
        Assert.True(warm.FromCache);
        Assert.Equal(parsed + 1, RuleCompiler.FrontEndRunsOnThisThread);
        Assert.Equal(3, warm.Rules.Count);
    }

    [Fact]
    public void Compile_ModelRefusedByTrust_Analyses()
    {
        var directory = RuleTestKit.TempDirectory();
        var text = AllKinds();
        RuleTestKit.Compile(text, options: new() { CacheDirectory = directory });
        int parsed = RuleCompiler.FrontEndRunsOnThisThread;

        var compiled = RuleTestKit.Compile(text, options: new()
        {
            CacheDirectory = directory,
            CacheTrust = path => path.EndsWith(RuleAssemblyCache.Model, StringComparison.Ordinal) ? "writable by others" : null,
        });

        Assert.True(compiled.FromCache);
        Assert.Equal(parsed + 1, RuleCompiler.FrontEndRunsOnThisThread);
    }

    private static IReadOnlyList<RuleDefinition> Analyse(string text)
    {
        var (diagnostics, rules) = RuleFrontEnd.Analyze([new RuleSource("m.rules", text)], RuleTestKit.Context);
        Assert.Empty(diagnostics);
        return rules;
    }

    private static string Shape(CompiledRule rule) =>
        $"{rule.Name}|{rule.File}:{rule.Line}|{rule.Level}|{rule.Message}|{rule.Advice}|{string.Join(",", rule.Traces)}|{rule.Group}";
}
