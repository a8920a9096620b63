namespace NetTrace.Abstractions.Rendering;

/// <summary>Kernel knowledge a renderer may need, provided by the host.</summary>
public interface IRenderContext
{
    /// <summary><c>func+0xoff</c> for a kernel text address, or the hex address when unknown.</summary>
    string Symbolize(ulong address);

    /// <summary>True when the running kernel reports drop reasons.</summary>
    bool HasDropReasons { get; }

    /// <summary>The kernel's name for a drop reason (without the SKB_DROP_REASON_ prefix).</summary>
    string DropReasonName(uint reason);

    /// <summary>The running kernel's HZ (jiffies per second), for timers kept in jiffies.</summary>
    int KernelHz => 250;

    /// <summary>The kernel's name for a value of one of its enums (from BTF, e.g. "sk_rst_reason"), or null.</summary>
    string? EnumName(string enumType, long value) => null;

    /// <summary>The kernel stack captured under <paramref name="stackId"/>, innermost first.</summary>
    IReadOnlyList<ulong> Stack(int stackId);
}
