using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NetTrace.Abstractions.Rules;
using NetTrace.Rules.Model;

namespace NetTrace.Rules.Codegen;

/// <summary>
/// Compiles generated rule code to an in-memory assembly image. The only place Roslyn compiles; its
/// signature is Roslyn-free so callers on the cache path never make the runtime load Roslyn.
/// </summary>
internal static class RoslynRuleBuilder
{
    private static readonly Lazy<IReadOnlyList<MetadataReference>?> References = new(LoadReferences);

    /// <returns>The assembly image, or null with errors (NTR0100) added to <paramref name="diagnostics"/>.</returns>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static byte[]? Build(GeneratedRuleSource source, string assemblyName, List<RuleDiagnostic> diagnostics)
    {
        if (References.Value is not { } references)
        {
            diagnostics.Add(new RuleDiagnostic(GeneratedNames.GeneratedPath, 1, 1, DiagnosticCodes.CompilerError,
                "cannot compile rules: the runtime or NetTrace.Abstractions assembly has no file on disk"));
            return null;
        }
        var tree = CSharpSyntaxTree.ParseText(source.Text,
            new CSharpParseOptions(LanguageVersion.Latest), GeneratedNames.GeneratedPath, Encoding.UTF8);
        var compilation = CSharpCompilation.Create(assemblyName, [tree], references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary,
                optimizationLevel: OptimizationLevel.Release,
                nullableContextOptions: NullableContextOptions.Enable,
                deterministic: true));
        using var image = new MemoryStream();
        var result = compilation.Emit(image);
        foreach (var error in result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error))
            diagnostics.Add(Map(error, source.LinePaths));
        return result.Success ? image.ToArray() : null;
    }

    // Through #line, a position inside a condition lands on the rule author's file, line and column.
    private static RuleDiagnostic Map(Diagnostic error, IReadOnlyDictionary<string, string> linePaths)
    {
        var span = error.Location.GetMappedLineSpan();
        var file = linePaths.TryGetValue(span.Path ?? "", out var original) ? original : span.Path ?? GeneratedNames.GeneratedPath;
        return new RuleDiagnostic(file, span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1,
            DiagnosticCodes.CompilerError,
            $"generated code does not compile ({error.Id}: {error.GetMessage(CultureInfo.InvariantCulture)}); this is a bug in nettrace-rules");
    }

    private static IReadOnlyList<MetadataReference>? LoadReferences()
    {
        var coreLibrary = typeof(object).Assembly.Location;
        var abstractions = typeof(IRuleEvent).Assembly.Location;
        if (coreLibrary.Length == 0 || abstractions.Length == 0)
            return null;
        // Abstractions is compiled against the System.Runtime facade; CoreLib holds the actual types.
        var runtime = Path.Combine(Path.GetDirectoryName(coreLibrary)!, "System.Runtime.dll");
        return [.. new[] { coreLibrary, runtime, abstractions }.Select(path => MetadataReference.CreateFromFile(path))];
    }
}
