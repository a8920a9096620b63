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

    /// <summary>The kernel stack captured under <paramref name="stackId"/>, innermost first.</summary>
    IReadOnlyList<ulong> Stack(int stackId);
}
