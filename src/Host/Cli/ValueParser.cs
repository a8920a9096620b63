namespace NetTrace.Host.Cli;

/// <summary>Turns one command-line word into a typed value for <paramref name="option"/>; returns an error message or null.</summary>
internal delegate string? ValueParser<T>(string text, string option, out T value);
