using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace NetTrace.Host.Modes.Monitor;

/// <summary>
/// Mirror of <c>struct nt_ret_rule</c>, the value of the engine's nt_ret_rules map: a call is abnormal when any of
/// its first <see cref="ClauseCount"/> clauses is true.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct NtRetRule
{
    public byte ClauseCount;
    private Pad7 _pad;
    public ClauseArray Clauses;

    [InlineArray(7)]
    private struct Pad7
    {
        private byte _first;
    }

    [InlineArray(KernelReturnRules.MaxClauses)]
    public struct ClauseArray
    {
        private NtRetClause _first;
    }
}
