using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using NetTrace.Abstractions.Rules;

namespace NetTrace.Host.Modes.Monitor;

/// <summary>Mirror of <c>struct nt_ret_term</c> (bpf/engine/engine.h); checked against BTF by a test.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct NtRetTerm
{
    public ReturnOp Op;
    public ReturnView View;
    private Pad6 _pad;
    public long Value;

    [InlineArray(6)]
    private struct Pad6
    {
        private byte _first;
    }
}
