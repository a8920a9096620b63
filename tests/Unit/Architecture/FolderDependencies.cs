using Mono.Cecil;
using Mono.Cecil.Cil;

namespace NetTrace.Tests.Unit.Architecture;

/// <summary>
/// Which folders of src/Host (namespaces NetTrace.Host.X) refer to which others, read from the compiled nettrace.dll:
/// base types, interfaces, fields, signatures, attributes and every type, method and field an instruction names.
/// A compiler-generated type (a lambda's closure, an iterator) counts for the type it was generated from.
/// </summary>
internal static class FolderDependencies
{
    private const string HostPrefix = "NetTrace.Host.";

    /// <summary>Every edge "From -> To" between two different folders, with one example of a reference for each.</summary>
    /// <param name="depth">How many namespace segments after NetTrace.Host name a folder: 1 for layers, 2 for their parts.</param>
    public static SortedDictionary<string, string> Read(string assemblyPath, int depth = 1)
    {
        using var module = ModuleDefinition.ReadModule(assemblyPath);
        var edges = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var type in module.GetTypes())
        {
            if (FolderOf(OuterMost(type), depth) is not { } from)
                continue;
            foreach (var (reference, via) in References(type))
            {
                foreach (var target in Expand(reference))
                {
                    if (FolderOf(target, depth) is { } to && to != from)
                        edges.TryAdd($"{from} -> {to}", $"{type.FullName} uses {target.FullName} ({via})");
                }
            }
        }
        return edges;
    }

    /// <summary>The folder of a type: X of NetTrace.Host.X(.Y) (X.Y at depth 2), or null for any other namespace.</summary>
    public static string? FolderOf(TypeReference type, int depth = 1)
    {
        while (type.IsNested && type.DeclaringType is not null)
            type = type.DeclaringType;
        string ns = type.Namespace;
        if (!ns.StartsWith(HostPrefix, StringComparison.Ordinal))
            return null;
        return string.Join('.', ns[HostPrefix.Length..].Split('.').Take(depth));
    }

    /// <summary>A type and what it is made of: the element of an array or pointer, a generic type's arguments.</summary>
    private static IEnumerable<TypeReference> Expand(TypeReference? type)
    {
        if (type is null or GenericParameter)
            yield break;
        yield return type;
        if (type is TypeSpecification spec)
        {
            foreach (var inner in Expand(spec.ElementType))
                yield return inner;
        }
        if (type is GenericInstanceType generic)
        {
            foreach (var inner in generic.GenericArguments.SelectMany(Expand))
                yield return inner;
        }
    }

    private static TypeDefinition OuterMost(TypeDefinition type)
    {
        while (type.DeclaringType is not null)
            type = type.DeclaringType;
        return type;
    }

    private static IEnumerable<(TypeReference Type, string Via)> References(TypeDefinition type)
    {
        if (type.BaseType is not null)
            yield return (type.BaseType, "base type");
        foreach (var i in type.Interfaces)
            yield return (i.InterfaceType, "interface");
        foreach (var a in type.CustomAttributes)
            yield return (a.AttributeType, "attribute");
        foreach (var f in type.Fields)
            yield return (f.FieldType, "field " + f.Name);
        foreach (var m in type.Methods)
        {
            yield return (m.ReturnType, "return of " + m.Name);
            foreach (var p in m.Parameters)
                yield return (p.ParameterType, "parameter of " + m.Name);
            if (!m.HasBody)
                continue;
            foreach (var v in m.Body.Variables)
                yield return (v.VariableType, "local in " + m.Name);
            foreach (var instruction in m.Body.Instructions)
            {
                foreach (var target in Operand(instruction))
                    yield return (target, "code of " + m.Name);
            }
        }
    }

    private static IEnumerable<TypeReference> Operand(Instruction instruction)
    {
        switch (instruction.Operand)
        {
            case TypeReference t:
                yield return t;
                break;
            case MethodReference m:
                yield return m.DeclaringType;
                yield return m.ReturnType;
                foreach (var p in m.Parameters)
                    yield return p.ParameterType;
                if (m is GenericInstanceMethod g)
                {
                    foreach (var arg in g.GenericArguments)
                        yield return arg;
                }
                break;
            case FieldReference f:
                yield return f.DeclaringType;
                yield return f.FieldType;
                break;
        }
    }
}
