using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace NetTrace.Abstractions.Events;

/// <summary>
/// Mirror of <c>struct nt_skb_extra</c> (bpf/include/nt_handoff.h): what a plugin's entry program read
/// beside the skb. Its payload holds either a table and a chain name or a list of hook function addresses.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public struct SkbExtraRecord
{
    public const int Size = 128;
    public const int TableLength = 64;
    public const int ChainLength = 56;
    public const int MaxHooks = 15;

    public SkbExtraKind Kind;
    public byte Pf;
    public byte Hook;
    public byte HookCount;

    /// <summary>The table's own family (NFPROTO_*): nftables tables may be inet, ip, ip6, bridge...; 0 unknown.</summary>
    public byte TableFamily;

    /// <summary>The chain's policy as verdict + 1 (1 drop, 2 accept); 0 unknown.</summary>
    public byte Policy;

    public ushort Pad;
    public Payload Bytes;

    /// <summary>The table name (NT_EXTRA_NF_TABLE and NT_EXTRA_NF_CHAIN).</summary>
    public readonly string Table => Text(0, TableLength);

    /// <summary>The chain name (NT_EXTRA_NF_CHAIN).</summary>
    public readonly string Chain => Text(TableLength, ChainLength);

    /// <summary>The hook function addresses (NT_EXTRA_NF_HOOK).</summary>
    public readonly ulong[] Hooks()
    {
        int count = Math.Min((int)HookCount, MaxHooks);
        ReadOnlySpan<byte> bytes = Bytes;
        return MemoryMarshal.Cast<byte, ulong>(bytes)[..count].ToArray();
    }

    private readonly string Text(int offset, int length)
    {
        ReadOnlySpan<byte> field = ((ReadOnlySpan<byte>)Bytes).Slice(offset, length);
        int end = field.IndexOf((byte)0);
        return Encoding.UTF8.GetString(end < 0 ? field : field[..end]);
    }

    [InlineArray(Size - 8)]
    public struct Payload
    {
        private byte _first;
    }
}
