namespace NetTrace.Host.Engine.Groups;

/// <summary>A <c>const volatile</c> variable of a group's BPF object and the bytes to give it before load.</summary>
internal sealed record RodataWrite(string Variable, byte[] Value);
