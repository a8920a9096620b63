using System.Net;
using NetTrace.Abstractions.Packets;

namespace NetTrace.Abstractions.Events;

/// <summary>
/// Mirror of <c>struct nt_path_evidence</c> (plugins/path/bpf/path.h), which the path plugin's entry programs
/// write into an <see cref="SkbExtraRecord"/>'s payload: an ICMP error's type, code and info, a neighbour's
/// address and NUD state, or a route lookup's errno. Read here so the plugin's renderer and the host's rule
/// fields name them the same way.
/// </summary>
public readonly record struct PathEvidence(SkbExtraKind Kind, byte Family, uint Value, byte Type, byte Code, byte[] Address)
{
    /// <summary>Offsets in the extra's payload, checked against the object's BTF by a layout test.</summary>
    public const int ValueOffset = 0, TypeOffset = 4, CodeOffset = 5, AddressOffset = 8, AddressLength = 16;

    private const byte AfInet = 2;
    private const byte AfInet6 = 10;

    /// <summary>The evidence a hit carries, or null when its extra is none of the path plugin's kinds.</summary>
    public static PathEvidence? From(SkbExtraRecord? extra)
    {
        if (extra is not { Kind: SkbExtraKind.IcmpError or SkbExtraKind.Neighbour or SkbExtraKind.RouteError } x)
            return null;
        ReadOnlySpan<byte> bytes = x.Bytes;
        uint value = BitConverter.ToUInt32(bytes.Slice(ValueOffset, sizeof(uint)));
        return new PathEvidence(x.Kind, x.Pf, value, bytes[TypeOffset], bytes[CodeOffset], bytes.Slice(AddressOffset, AddressLength).ToArray());
    }

    public bool IsIpv6 => Family == AfInet6;

    /// <summary>The ICMP error as the rules name it ("ttl-exceeded", "frag-needed"...); null for other evidence.</summary>
    public string? IcmpErrorName => Kind == SkbExtraKind.IcmpError ? IcmpErrors.Name(IsIpv6, Type, Code) : null;

    /// <summary>The next-hop MTU an ICMP "fragmentation needed" or "packet too big" carries; null otherwise.</summary>
    public long? IcmpMtu => Kind == SkbExtraKind.IcmpError && IcmpErrors.CarriesMtu(IsIpv6, Type, Code) ? Value : null;

    /// <summary>The neighbour's address; null for other evidence or an unknown family.</summary>
    public string? NeighbourAddress => Kind != SkbExtraKind.Neighbour ? null : Family switch
    {
        AfInet => new IPAddress(Address.AsSpan(0, 4)).ToString(),
        AfInet6 => new IPAddress(Address).ToString(),
        _ => null,
    };

    /// <summary>The neighbour's NUD state by name (FAILED, INCOMPLETE...); null for other evidence.</summary>
    public string? NeighbourState => Kind == SkbExtraKind.Neighbour ? NeighbourStates.Name(Value) : null;

    /// <summary>The route lookup's errno by name (EHOSTUNREACH...); null for other evidence.</summary>
    public string? RouteErrorName => Kind == SkbExtraKind.RouteError ? RouteErrors.Name(Value) : null;
}
