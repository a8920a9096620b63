using System.Globalization;

namespace NetTrace.Abstractions.Events;

/// <summary>
/// One field's value as <see cref="ITraceEvent.VisitFields"/> hands it over: numbers and booleans kept unboxed,
/// with their type (<see cref="Kind"/>), so a sink writes them without an allocation. Made implicitly from the value,
/// a nullable one (null is <see cref="None"/>) or a string.
/// </summary>
public readonly struct FieldValue
{
    private readonly ulong _bits;
    private readonly object? _object;

    private FieldValue(FieldKind kind, ulong bits, object? value = null)
    {
        Kind = kind;
        _bits = bits;
        _object = value;
    }

    /// <summary>The absent value.</summary>
    public static FieldValue None => default;

    public FieldKind Kind { get; }

    public bool IsNone => Kind == FieldKind.None;

    public bool IsUnsigned => Kind is FieldKind.Byte or FieldKind.UInt16 or FieldKind.UInt32 or FieldKind.UInt64;

    public bool IsSigned => Kind is FieldKind.SByte or FieldKind.Int16 or FieldKind.Int32 or FieldKind.Int64;

    /// <summary>An unsigned number's value (valid when <see cref="IsUnsigned"/>).</summary>
    public ulong Unsigned => _bits;

    /// <summary>A signed number's value (valid when <see cref="IsSigned"/>).</summary>
    public long Signed => (long)_bits;

    /// <summary>A boolean's value (valid when <see cref="Kind"/> is <see cref="FieldKind.Boolean"/>).</summary>
    public bool Boolean => _bits != 0;

    /// <summary>The string, for <see cref="FieldKind.String"/>; else null.</summary>
    public string? Text => _object as string;

    /// <summary>The value as <see cref="ITraceEvent.Fields"/> gives it: boxed as the type it was made from, or null.</summary>
    public object? Box() => Kind switch
    {
        FieldKind.None => null,
        FieldKind.Boolean => Boolean,
        FieldKind.Byte => (byte)_bits,
        FieldKind.UInt16 => (ushort)_bits,
        FieldKind.UInt32 => (uint)_bits,
        FieldKind.UInt64 => _bits,
        FieldKind.SByte => (sbyte)_bits,
        FieldKind.Int16 => (short)_bits,
        FieldKind.Int32 => (int)_bits,
        FieldKind.Int64 => (long)_bits,
        _ => _object,
    };

    /// <summary>The value as <see cref="Convert.ToUInt64(object, IFormatProvider)"/> reads it (throwing as it does).</summary>
    public ulong ToUInt64() => IsUnsigned ? _bits : Convert.ToUInt64(Box(), CultureInfo.InvariantCulture);

    /// <summary>The value as <see cref="Convert.ToInt64(object, IFormatProvider)"/> reads it (throwing as it does).</summary>
    public long ToInt64() => IsSigned ? (long)_bits : IsUnsigned ? checked((long)_bits) : Convert.ToInt64(Box(), CultureInfo.InvariantCulture);

    /// <summary>The value as <see cref="Convert.ToDouble(object, IFormatProvider)"/> reads it (throwing as it does).</summary>
    public double ToDouble() => Kind switch
    {
        _ when IsUnsigned => _bits,
        _ when IsSigned => (long)_bits,
        _ => Convert.ToDouble(Box(), CultureInfo.InvariantCulture),
    };

    /// <summary>A value of <see cref="ITraceEvent.Fields"/>, typed by what it is.</summary>
    public static FieldValue From(object? value) => value switch
    {
        null => None,
        bool b => b,
        byte n => n,
        ushort n => n,
        uint n => n,
        ulong n => n,
        sbyte n => n,
        short n => n,
        int n => n,
        long n => n,
        string s => s,
        _ => new FieldValue(FieldKind.Other, 0, value),
    };

    public static implicit operator FieldValue(bool value) => new(FieldKind.Boolean, value ? 1UL : 0UL);
    public static implicit operator FieldValue(byte value) => new(FieldKind.Byte, value);
    public static implicit operator FieldValue(ushort value) => new(FieldKind.UInt16, value);
    public static implicit operator FieldValue(uint value) => new(FieldKind.UInt32, value);
    public static implicit operator FieldValue(ulong value) => new(FieldKind.UInt64, value);
    public static implicit operator FieldValue(sbyte value) => new(FieldKind.SByte, (ulong)value);
    public static implicit operator FieldValue(short value) => new(FieldKind.Int16, (ulong)value);
    public static implicit operator FieldValue(int value) => new(FieldKind.Int32, (ulong)value);
    public static implicit operator FieldValue(long value) => new(FieldKind.Int64, (ulong)value);
    public static implicit operator FieldValue(string? value) => value is null ? None : new(FieldKind.String, 0, value);
    public static implicit operator FieldValue(bool? value) => value is { } v ? v : None;
    public static implicit operator FieldValue(byte? value) => value is { } v ? v : None;
    public static implicit operator FieldValue(ushort? value) => value is { } v ? v : None;
    public static implicit operator FieldValue(uint? value) => value is { } v ? v : None;
    public static implicit operator FieldValue(ulong? value) => value is { } v ? v : None;
    public static implicit operator FieldValue(int? value) => value is { } v ? v : None;
    public static implicit operator FieldValue(long? value) => value is { } v ? v : None;
}
