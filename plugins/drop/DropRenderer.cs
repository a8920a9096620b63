using System.Text;
using NetTrace.Abstractions.Events;
using NetTrace.Abstractions.Rendering;

namespace NetTrace.Plugins.Drop;

/// <summary>Adds ", reason: NAME, func+0xoff" and the optional call stack, as the seed prints them.</summary>
public sealed class DropRenderer : IEventRenderer
{
    public void AppendSummary(StringBuilder line, ITraceEvent ev, IRenderContext context)
    {
        if (ev is not DropEvent drop)
            return;
        if (context.HasDropReasons)
            line.Append(", reason: ").Append(context.DropReasonName(drop.Reason));
        line.Append(", ").Append(context.Symbolize(drop.Location));
    }

    public void AppendLines(List<string> lines, ITraceEvent ev, IRenderContext context)
    {
        if (ev is not DropEvent { StackId: >= 0 } drop)
            return;
        lines.Add("Call Stack:");
        foreach (ulong address in context.Stack(drop.StackId))
            lines.Add(StackFrameLine.Format(context.Symbolize(address), address));
        lines.Add("");
    }
}
