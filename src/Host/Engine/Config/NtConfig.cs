using System.Runtime.InteropServices;

namespace NetTrace.Host.Engine.Config;

/// <summary>Mirror of <c>struct nt_config</c>: written into each object's .rodata before load.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct NtConfig
{
    /// <summary>The .rodata variable that holds the config in every BPF object.</summary>
    public const string VariableName = "nt_cfg";

    public NtFilter Filter;
    public ushort Owner;
    public byte Stack;
    private byte _pad0;

    /// <summary>--rate-limit: at most this many records a second (0: no limit); the rest are counted apart.</summary>
    public uint RateLimit;

    /// <summary>The per-CPU counter (in nt_lost) of records --rate-limit held back; key 0 counts those lost.</summary>
    public const uint RateLimitedKey = 1;
}
