using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NetTrace.Host.Engine;

/// <summary>
/// Mirror of <c>struct nt_fexit_cfg</c> (bpf/engine/ret_fexit.h): --monitor's fexit programs, one per watched
/// function, each reading its trace's cookie and skb argument from its slot.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct FexitSlots
{
    public const string VariableName = "nt_fexit";
    public const int Count = 32;

    public Cookies Cookie;
    public SkbArgs SkbArg;

    public static string Program(int slot) => $"nt_fx{slot}";

    [InlineArray(Count)]
    public struct Cookies
    {
        private ulong _first;
    }

    [InlineArray(Count)]
    public struct SkbArgs
    {
        private byte _first;
    }
}
