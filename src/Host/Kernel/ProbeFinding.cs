namespace NetTrace.Host.Kernel;

/// <summary>One line of the kernel probe: a feature, whether it works here, and why not.</summary>
internal sealed record ProbeFinding(string Feature, bool Usable, string Detail = "")
{
    public override string ToString() =>
        Usable
            ? Detail.Length == 0 ? $"{Feature}: yes" : $"{Feature}: yes ({Detail})"
            : $"{Feature}: no ({Detail})";
}
