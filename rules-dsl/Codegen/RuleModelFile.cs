using NetTrace.Abstractions.Rules;
using NetTrace.Rules.Model;

namespace NetTrace.Rules.Codegen;

/// <summary>
/// The analysed rules of a cache entry (<c>&lt;key&gt;.model</c> beside <c>&lt;key&gt;.dll</c>), so a hit binds the cached
/// assembly without parsing a rule: the parse is most of a warm start's rules (tens of ms on a host, seconds under
/// emulation). Only rules that analysed without a diagnostic are stored. Anything unexpected reads as no entry,
/// and the rules are then analysed as on a miss.
/// </summary>
internal static class RuleModelFile
{
    private const int Magic = 0x4D52544E; // "NTRM"
    private const int Version = 1;

    public static byte[] Write(IReadOnlyList<RuleDefinition> rules)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer))
        {
            writer.Write(Magic);
            writer.Write(Version);
            writer.Write(rules.Count);
            foreach (var rule in rules)
                WriteRule(writer, rule);
        }
        return buffer.ToArray();
    }

    public static IReadOnlyList<RuleDefinition>? Read(byte[] data)
    {
        try
        {
            using var reader = new BinaryReader(new MemoryStream(data, writable: false));
            if (reader.ReadInt32() != Magic || reader.ReadInt32() != Version)
                return null;
            int count = reader.ReadInt32();
            if (count < 0 || count > data.Length)
                return null;
            var rules = new List<RuleDefinition>(count);
            for (int i = 0; i < count; i++)
                rules.Add(ReadRule(reader));
            return reader.BaseStream.Position == data.Length ? rules : null;
        }
        catch (Exception e) when (e is EndOfStreamException or IOException or InvalidDataException or ArgumentException)
        {
            return null;
        }
    }

    private static void WriteRule(BinaryWriter w, RuleDefinition rule)
    {
        WriteText(w, rule.Name);
        WriteList(w, rule.Traces, WriteText);
        WriteOptional(w, rule.Group, WriteText);
        WriteOptional(w, rule.Condition, WriteCondition);
        w.Write((int)rule.Level);
        WriteText(w, rule.Message);
        WriteOptional(w, rule.Advice, WriteText);
        WriteSpan(w, rule.Span);
        WriteOptional(w, rule.MessageTemplate, WriteTemplate);
        WriteOptional(w, rule.AdviceTemplate, WriteTemplate);
    }

    private static RuleDefinition ReadRule(BinaryReader r)
    {
        var name = ReadText(r);
        var traces = ReadList(r, ReadText);
        var group = ReadOptional(r, ReadText);
        var condition = ReadOptional(r, ReadCondition);
        var level = ReadEnum<FindingLevel>(r);
        var message = ReadText(r);
        var advice = ReadOptional(r, ReadText);
        var span = ReadSpan(r);
        return new RuleDefinition(name, traces, group, condition, level, message, advice, span)
        {
            MessageTemplate = ReadOptional(r, ReadTemplate),
            AdviceTemplate = ReadOptional(r, ReadTemplate),
        };
    }

    // Conditions and values: a tag, then the node's parts in their constructor's order.
    private static void WriteCondition(BinaryWriter w, RuleCondition condition)
    {
        switch (condition)
        {
            case ComparisonCondition c:
                w.Write((byte)1);
                WriteText(w, c.Field);
                w.Write((int)c.Operator);
                WriteValue(w, c.Value);
                break;
            case LogicalCondition l:
                w.Write((byte)2);
                w.Write((int)l.Operator);
                WriteCondition(w, l.Left);
                WriteCondition(w, l.Right);
                break;
            case InCondition i:
                w.Write((byte)3);
                WriteText(w, i.Field);
                WriteList(w, i.Values, WriteValue);
                break;
            case NotCondition n:
                w.Write((byte)4);
                WriteCondition(w, n.Operand);
                break;
            case ExistsCondition e:
                w.Write((byte)5);
                WriteText(w, e.Field);
                break;
            default:
                throw new ArgumentException($"a rule condition of an unknown kind: {condition.GetType().Name}");
        }
        WriteSpan(w, condition.Span);
    }

    private static RuleCondition ReadCondition(BinaryReader r) => r.ReadByte() switch
    {
        1 => new ComparisonCondition(ReadText(r), ReadEnum<ComparisonOperator>(r), ReadValue(r), ReadSpan(r)),
        2 => new LogicalCondition(ReadEnum<LogicalOperator>(r), ReadCondition(r), ReadCondition(r), ReadSpan(r)),
        3 => new InCondition(ReadText(r), ReadList(r, ReadValue), ReadSpan(r)),
        4 => new NotCondition(ReadCondition(r), ReadSpan(r)),
        5 => new ExistsCondition(ReadText(r), ReadSpan(r)),
        var tag => throw new InvalidDataException($"condition tag {tag}"),
    };

    private static void WriteValue(BinaryWriter w, RuleValue value)
    {
        switch (value)
        {
            case NumberValue n:
                w.Write((byte)1);
                w.Write(n.Value);
                break;
            case TextValue t:
                w.Write((byte)2);
                w.Write(t.Value);
                break;
            case ConstantValue c:
                w.Write((byte)3);
                w.Write(c.Name);
                break;
            default:
                throw new ArgumentException($"a rule value of an unknown kind: {value.GetType().Name}");
        }
        WriteSpan(w, value.Span);
    }

    private static RuleValue ReadValue(BinaryReader r) => r.ReadByte() switch
    {
        1 => new NumberValue(r.ReadInt64(), ReadSpan(r)),
        2 => new TextValue(r.ReadString(), ReadSpan(r)),
        3 => new ConstantValue(r.ReadString(), ReadSpan(r)),
        var tag => throw new InvalidDataException($"value tag {tag}"),
    };

    private static void WriteTemplate(BinaryWriter w, TextTemplate template) =>
        WriteList(w, template.Parts, (w, part) =>
        {
            w.Write(part.Text);
            WriteOptional(w, part.Field, WriteText);
        });

    private static TextTemplate ReadTemplate(BinaryReader r) =>
        new(ReadList(r, r => new TemplatePart(r.ReadString(), ReadOptional(r, ReadText))));

    private static void WriteText(BinaryWriter w, SpannedText text)
    {
        w.Write(text.Value);
        WriteSpan(w, text.Span);
    }

    private static SpannedText ReadText(BinaryReader r) => new(r.ReadString(), ReadSpan(r));

    private static void WriteSpan(BinaryWriter w, SourceSpan span)
    {
        w.Write(span.File);
        w.Write(span.Line);
        w.Write(span.Column);
        w.Write(span.EndLine);
        w.Write(span.EndColumn);
    }

    private static SourceSpan ReadSpan(BinaryReader r) => new(r.ReadString(), r.ReadInt32(), r.ReadInt32(), r.ReadInt32(), r.ReadInt32());

    private static T ReadEnum<T>(BinaryReader r) where T : struct, Enum
    {
        int value = r.ReadInt32();
        var typed = (T)(object)value;
        return Enum.IsDefined(typed) ? typed : throw new InvalidDataException($"{typeof(T).Name} {value}");
    }

    private static void WriteList<T>(BinaryWriter w, IReadOnlyList<T> items, Action<BinaryWriter, T> write)
    {
        w.Write(items.Count);
        foreach (var item in items)
            write(w, item);
    }

    private static List<T> ReadList<T>(BinaryReader r, Func<BinaryReader, T> read)
    {
        int count = r.ReadInt32();
        if (count < 0 || count > r.BaseStream.Length - r.BaseStream.Position)
            throw new InvalidDataException($"list of {count}");
        var items = new List<T>(count);
        for (int i = 0; i < count; i++)
            items.Add(read(r));
        return items;
    }

    private static void WriteOptional<T>(BinaryWriter w, T? item, Action<BinaryWriter, T> write) where T : class
    {
        w.Write(item is not null);
        if (item is not null)
            write(w, item);
    }

    private static T? ReadOptional<T>(BinaryReader r, Func<BinaryReader, T> read) where T : class => r.ReadBoolean() ? read(r) : null;
}
