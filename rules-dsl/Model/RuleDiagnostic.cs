namespace NetTrace.Rules.Model;

/// <summary>An error in rule text, with its position; printed the way compilers print theirs.</summary>
public sealed record RuleDiagnostic(string File, int Line, int Column, string Code, string Message)
{
    public static RuleDiagnostic At(SourceSpan span, string code, string message) =>
        new(span.File, span.Line, span.Column, code, message);

    public override string ToString() => $"{File}:{Line}:{Column}: error {Code}: {Message}";
}
