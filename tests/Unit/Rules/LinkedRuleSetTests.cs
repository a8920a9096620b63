using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NetTrace.Abstractions.Plugins;
using NetTrace.Rules;

namespace NetTrace.Tests.Unit.Rules;

/// <summary>
/// A rule set linked into an executable ahead of time (ADR 8): the C# `rules compile --csharp` writes is compiled as
/// the native build compiles it, its module initializer registers the set, and the compiler then binds it by key,
/// with the same rules, findings and verdicts as the set compiled at run time, without loading or compiling anything.
/// </summary>
public sealed class LinkedRuleSetTests
{
    [Fact]
    public void Linked_WrittenSourceCompiledIn_BindsTheSameRulesAsTheRunTimeCompile()
    {
        // Text of this test's own, so no other test's set shares its key.
        var sources = new[] { new RuleSource("linked.rules", RuleTestKit.Examples + "\n# linked set of LinkedRuleSetTests\n") };
        Assert.Null(RuleCompiler.Linked(sources, RuleTestKit.Context));

        string path = Path.Combine(RuleTestKit.TempDirectory(), "set.g.cs");
        Assert.Empty(RuleCompiler.WriteLinkedSource(sources, RuleTestKit.Context, path));
        RuntimeHelpers.RunModuleConstructor(CompileIn(File.ReadAllText(path)).ManifestModule.ModuleHandle);

        var linked = RuleCompiler.Linked(sources, RuleTestKit.Context);
        var compiled = RuleCompiler.Compile(sources, RuleTestKit.Context, new RuleCompilerOptions { NoCache = true }).Rules;
        Assert.NotNull(linked);
        Assert.Equal(compiled.Select(r => (r.Name, r.Level, r.Message, r.Advice, r.File, r.Line)), linked.Select(r => (r.Name, r.Level, r.Message, r.Advice, r.File, r.Line)));
        FakeRuleEvent[] events =
        [
            new("kfree_skb", "life", ("reason", "NO_SOCKET")),
            new("kfree_skb", "life", ("reason", "OTHER")),
            new("nft_do_chain", "netfilter", ("ret", 0L)),
            new("netif_rx", "link-in", ("ret", 1L), ("pf", "inet")),
        ];
        foreach (var ev in events)
            Assert.Equal(compiled.Select(r => r.Matches(ev)), linked.Select(r => r.Matches(ev)));
    }

    [Fact]
    public void WriteLinkedSource_BrokenRules_WritesNothingAndSaysWhy()
    {
        string path = Path.Combine(RuleTestKit.TempDirectory(), "broken.g.cs");
        var diagnostics = RuleCompiler.WriteLinkedSource([new RuleSource("b.rules", "rule r on no_such_trace\n  info \"x\"\n")], RuleTestKit.Context, path);
        Assert.NotEmpty(diagnostics);
        Assert.False(File.Exists(path));
    }

    /// <summary>The generated C# compiled against this process's own assemblies, as the native build compiles it in.</summary>
    private static System.Reflection.Assembly CompileIn(string code)
    {
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Select(file => MetadataReference.CreateFromFile(file));
        var compilation = CSharpCompilation.Create("linked-" + Guid.NewGuid().ToString("N"), [CSharpSyntaxTree.ParseText(code)], references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        using var image = new MemoryStream();
        var result = compilation.Emit(image);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        return System.Reflection.Assembly.Load(image.ToArray());
    }
}
