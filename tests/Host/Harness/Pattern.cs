namespace NetTrace.Tests.Host.Harness;

/// <summary>Builds the regular expressions tests match nettrace's lines with.</summary>
public static class Pattern
{
    /// <summary>Literal text (an address) inside a pattern.</summary>
    public static string Esc(string text) => System.Text.RegularExpressions.Regex.Escape(text);
}
