namespace NetTrace.Rules.Model;

/// <summary>The stable codes of <see cref="RuleDiagnostic"/>s (documented for rule authors; never renumber).</summary>
public static class DiagnosticCodes
{
    public const string SyntaxError = "NTR0001";
    public const string DuplicateRule = "NTR0002";
    public const string UnknownField = "NTR0003";
    public const string UnknownTrace = "NTR0004";
    public const string UnknownGroup = "NTR0005";
    public const string TypeMismatch = "NTR0006";
    public const string UnknownConstant = "NTR0007";
    public const string EmptyMessage = "NTR0008";
    public const string BadAddress = "NTR0009";
    public const string CompilerError = "NTR0100";
}
