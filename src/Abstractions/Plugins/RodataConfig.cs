namespace NetTrace.Abstractions.Plugins;

/// <summary>
/// A group's own settings, written into a <c>const volatile</c> variable of its BPF object's <c>.rodata</c> before
/// load (so the verifier drops the branches they rule out). <paramref name="Build"/> returns the variable's bytes,
/// exactly its size, laid out as the C struct (mirror it with <c>[StructLayout(LayoutKind.Sequential)]</c>).
/// </summary>
/// <param name="Variable">The variable's name in the object (e.g. "nt_sock").</param>
/// <param name="Build">The bytes for this session, from its settings; called once per session the group runs in.</param>
public sealed record RodataConfig(string Variable, Func<SessionSettings, byte[]> Build);
