using NetTrace.Host.Engine;
using NetTrace.Tests.Unit.Catalogue;

namespace NetTrace.Tests.Unit.Engine;

/// <summary>Which of --monitor's return-watched functions go on BPF trampolines (fexit) and which keep kprobes.</summary>
public sealed class FexitHooksTests
{
    private static readonly Func<string, bool> Everything = _ => true;

    [Fact]
    public void Choose_ReturnWatchedGenericFunction_OnTrampoline()
    {
        var chosen = FexitHooks.Choose([Hook("fib_validate_source", withReturn: true)], Everything);
        Assert.Equal("fib_validate_source", Assert.Single(chosen).Point);
    }

    [Fact]
    public void Choose_NoTrampolines_Nothing()
    {
        Assert.Empty(FexitHooks.Choose([Hook("fib_validate_source", withReturn: true)], null));
    }

    [Fact]
    public void Choose_EntryOnly_KeepsKprobe()
    {
        Assert.Empty(FexitHooks.Choose([Hook("fib_validate_source", withReturn: false)], Everything));
    }

    [Fact]
    public void Choose_PluginEntryWithFexitFlavour_OnTrampoline()
    {
        // nf_hook_slow's group reads the hook's state in its own fexit program as well.
        Assert.Single(FexitHooks.Choose([Hook("nf_hook_slow", withReturn: true)], Everything));
    }

    [Fact]
    public void Choose_PluginEntryWithoutFexitFlavour_KeepsKprobe()
    {
        // ipt_do_table before 5.16 (its older argument layout) has no fexit flavour.
        var (group, spec) = CatalogueGroups.Traces.Single(t => t.Trace.Name == "ipt_do_table");
        var old = spec.Targets.Single(t => t.Before is not null);
        var hook = new PlannedHook(new CatalogTrace(0, group, spec), old, old.Target, 0, 0, true);
        Assert.Empty(FexitHooks.Choose([hook], Everything));
    }

    [Fact]
    public void Choose_CompilerVariantSymbol_KeepsKprobe()
    {
        // name.isra.0 has no BTF of its own: a trampoline cannot be bound to it.
        Assert.Empty(FexitHooks.Choose([Hook("fib_validate_source", withReturn: true, point: "fib_validate_source.isra.0")], Everything));
    }

    [Fact]
    public void Choose_KernelCannotCarryIt_KeepsKprobe()
    {
        Assert.Empty(FexitHooks.Choose([Hook("fib_validate_source", withReturn: true)], name => name != "fib_validate_source"));
    }

    [Fact]
    public void Choose_MoreThanSlots_FirstSlotsOnly()
    {
        var hooks = Enumerable.Range(0, FexitSlots.Count + 5).Select(_ => Hook("fib_validate_source", withReturn: true)).ToList();
        Assert.Equal(FexitSlots.Count, FexitHooks.Choose(hooks, Everything).Count);
    }

    private static PlannedHook Hook(string name, bool withReturn, string? point = null)
    {
        var (group, spec) = CatalogueGroups.Traces.Single(t => t.Trace.Name == name);
        return new PlannedHook(new CatalogTrace(0, group, spec), spec.Targets[0], point ?? spec.Targets[0].Target, 0, 0, withReturn);
    }
}
