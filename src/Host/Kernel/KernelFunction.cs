namespace NetTrace.Host.Kernel;

/// <summary>A kernel function as it can be hooked: the real symbol (maybe "name.isra.0") and its address.</summary>
internal sealed record KernelFunction(string Name, string Symbol, ulong Address);
