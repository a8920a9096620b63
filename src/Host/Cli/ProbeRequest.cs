namespace NetTrace.Host.Cli;

/// <summary>What `nettrace probe` was asked for.</summary>
/// <param name="Verbose">-v: also show libbpf's own messages while probing.</param>
internal sealed record ProbeRequest(bool Verbose);
