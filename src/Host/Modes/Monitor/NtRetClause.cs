using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NetTrace.Host.Modes.Monitor;

/// <summary>Mirror of <c>struct nt_ret_clause</c>: true when its first <see cref="TermCount"/> terms all are.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct NtRetClause
{
    public byte TermCount;
    private Pad7 _pad;
    public TermArray Terms;

    [InlineArray(7)]
    private struct Pad7
    {
        private byte _first;
    }

    [InlineArray(KernelReturnRules.MaxTerms)]
    public struct TermArray
    {
        private NtRetTerm _first;
    }
}
