using NetTrace.Abstractions.Rendering;

namespace NetTrace.Tests.Unit.Lifecycle;

/// <summary>A kernel whose stacks and symbols are whatever the test registers.</summary>
internal sealed class FakeRenderContext : IRenderContext
{
    private readonly Dictionary<int, ulong[]> _stacks = [];
    private readonly Dictionary<ulong, string> _symbols = [];
    private ulong _nextAddress = 0xffffffff81000000;

    public bool HasDropReasons => true;

    /// <summary>Registers a stack of <c>func+0xoff</c> frames under <paramref name="stackId"/>.</summary>
    public FakeRenderContext WithStack(int stackId, params string[] frames)
    {
        _stacks[stackId] = frames.Select(Address).ToArray();
        return this;
    }

    public string Symbolize(ulong address) => _symbols.TryGetValue(address, out string? name) ? name : $"0x{address:x}";

    public string DropReasonName(uint reason) => reason.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public IReadOnlyList<ulong> Stack(int stackId) => _stacks.TryGetValue(stackId, out ulong[]? frames) ? frames : [];

    private ulong Address(string symbol)
    {
        ulong address = _nextAddress++;
        _symbols[address] = symbol;
        return address;
    }
}
