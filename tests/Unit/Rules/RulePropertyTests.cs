using System.Text;
using System.Text.RegularExpressions;
using NetTrace.Abstractions.Plugins;
using NetTrace.Abstractions.Rules;
using NetTrace.Rules;
using NetTrace.Rules.Model;

namespace NetTrace.Tests.Unit.Rules;

/// <summary>
/// Random rule files from a hostile alphabet (the DSL's own keywords and C# syntax): whatever comes in,
/// the compiler returns rules or positioned diagnostics, never throws, and never emits code Roslyn rejects.
/// </summary>
public partial class RulePropertyTests
{
    private static readonly string[] Alphabet =
    [
        "rule", "on", "when", "group", "and", "or", "not", "exists", "info", "warn", "error", "advice",
        "kfree_skb", "consume_skb", "netfilter", "ret", "reason", "pf", "skb.len", "NF_DROP", "NULL", "x_1",
        "==", "!=", "<", "<=", ">", ">=", "=", "(", ")", ",", "-", "0", "42", "0x7f", "-1", "99999999999999999999",
        "\"", "\\", "\\\"", "#", "\n", "\r\n", " ", "  ", "\t", "\0",
        ");", "System.Environment.Exit(3);", "//", "/*", "*/", "#line 1 \"x\"", "{", "}", "@\"", "$\"{", "\"\"\"",
        "ü", "丢包", "🚀", "\u2028", "\uD800", "\u0085",
        "in", "saddr", "\"10.0.0.0/8\"", "\"fd00::1\"", "{{", "}}", "{ret}", "{saddr}",
    ];

    private static readonly RuleField[] Fields = [.. RuleContext.DefaultFields, new("skb.len", RuleFieldType.Number, "")];

    [Fact]
    public void Compile_RandomHostileInput_RulesOrDiagnosticsNeverCompilerErrors()
    {
        var random = new Random(20240607);
        var context = RuleTestKit.Context with { Fields = Fields };
        var compiled = 0;
        for (var n = 0; n < 2000; n++)
        {
            var text = (n % 3) switch
            {
                0 => "rule " + Soup(random, random.Next(1, 30)),
                1 => WellFormed(random),
                _ => Mutate(random, WellFormed(random)),
            };
            RuleCompilation result;
            try
            {
                result = RuleCompiler.Compile([new RuleSource("p.rules", text)], context);
            }
            catch (Exception e)
            {
                Assert.Fail($"case {n} threw {e}\n--- input ---\n{text}");
                throw;
            }
            Assert.True(result.Rules.Count > 0 || result.Diagnostics.Count > 0, $"case {n}: neither rules nor diagnostics\n{text}");
            foreach (var diagnostic in result.Diagnostics)
            {
                Assert.True(diagnostic.Code != DiagnosticCodes.CompilerError, $"case {n}: {diagnostic}\n{text}\n{result.GeneratedSource}");
                Assert.Matches(DiagnosticShape(), diagnostic.ToString());
                Assert.True(diagnostic.Line >= 1 && diagnostic.Column >= 1, $"case {n}: {diagnostic}");
            }
            foreach (var rule in result.Rules)
            {
                var ev = new FakeRuleEvent("kfree_skb", "life", ("ret", (long)random.Next(-3, 3)), ("reason", Soup(random, 2)),
                    ("saddr", random.Next(2) == 0 ? "10.1.2.3" : "fd00::1"));
                rule.Matches(ev);
                if (!rule.HasFields)
                    Assert.Equal(rule.Message.Replace("{{", "{").Replace("}}", "}"), rule.MessageFor(ev));
            }
            compiled += result.Rules.Count > 0 ? 1 : 0;
        }
        // The generator is only useful if plenty of cases get all the way through Roslyn.
        Assert.InRange(compiled, 400, 2000);
    }

    [GeneratedRegex(@"^p\.rules:\d+:\d+: error NTR\d{4}: \S")]
    private static partial Regex DiagnosticShape();

    private static string Soup(Random random, int tokens)
    {
        var text = new StringBuilder();
        for (var i = 0; i < tokens; i++)
            text.Append(Alphabet[random.Next(Alphabet.Length)]).Append(random.Next(3) == 0 ? "" : " ");
        return text.ToString();
    }

    // Mostly valid rules, with hostile text inside correctly escaped strings.
    private static string WellFormed(Random random)
    {
        var text = new StringBuilder();
        var rules = random.Next(1, 4);
        for (var i = 0; i < rules; i++)
        {
            text.Append("rule r").Append(i).Append(" on ")
                .Append(random.Next(4) == 0 ? "group netfilter" : "kfree_skb, consume_skb");
            if (random.Next(4) != 0)
                text.Append(" when ").Append(Condition(random, 3));
            text.Append('\n').Append(new[] { "info", "warn", "error" }[random.Next(3)]).Append(' ').Append(Message(random));
            if (random.Next(2) == 0)
                text.Append(" advice ").Append(Message(random));
            text.Append(random.Next(2) == 0 ? "\n# " + Soup(random, 3).Replace("\n", " ").Replace("\r", " ") + "\n" : "\n");
        }
        return text.ToString();
    }

    private static string Condition(Random random, int depth)
    {
        var choice = depth == 0 ? 0 : random.Next(6);
        return choice switch
        {
            1 => $"{Condition(random, depth - 1)} and {Condition(random, depth - 1)}",
            2 => $"{Condition(random, depth - 1)} or {Condition(random, depth - 1)}",
            3 => $"not {Condition(random, depth - 1)}",
            4 => $"({Condition(random, depth - 1)})",
            _ => Test(random),
        };
    }

    private static string Test(Random random)
    {
        var field = Fields[random.Next(Fields.Length)];
        if (random.Next(5) == 0)
            return $"{field.Name} exists";
        if (field.Type == RuleFieldType.Address)
            return random.Next(3) switch
            {
                0 => $"{field.Name} {(random.Next(2) == 0 ? "==" : "!=")} \"{(random.Next(2) == 0 ? "10.0.0.1" : "fd00::1")}\"",
                1 => $"{field.Name} in (\"10.0.0.0/8\", \"fd00::/8\", \"192.0.2.1\")",
                _ => $"{field.Name} not in \"::/0\"",
            };
        var isNumber = field.Type == RuleFieldType.Number;
        if (random.Next(5) == 0)
            return $"{field.Name} {(random.Next(2) == 0 ? "in" : "not in")} ({(isNumber ? "NF_DROP, NULL, -1, 0x10" : $"{Quoted(random)}, {Quoted(random)}")})";
        var op = isNumber ? new[] { "==", "!=", "<", "<=", ">", ">=" }[random.Next(6)] : random.Next(2) == 0 ? "==" : "!=";
        string[] numbers = ["0", "-1", "0x10", "NF_DROP", "NULL", "9223372036854775807", "-9223372036854775808", "0xffffffffffffffff"];
        return $"{field.Name} {op} {(isNumber ? numbers[random.Next(numbers.Length)] : Quoted(random))}";
    }

    private static string Quoted(Random random)
    {
        var content = Soup(random, random.Next(0, 6)).Replace("\n", "").Replace("\r", "");
        return "\"" + content.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
    }

    // A message or advice: braces escaped, and now and then a field.
    private static string Message(Random random)
    {
        var quoted = Quoted(random).Replace("{", "{{").Replace("}", "}}");
        return random.Next(3) == 0 ? quoted[..^1] + " {" + Fields[random.Next(Fields.Length)].Name + "}\"" : quoted;
    }

    private static string Mutate(Random random, string text)
    {
        var at = random.Next(text.Length + 1);
        return random.Next(3) switch
        {
            0 => text[..at] + Alphabet[random.Next(Alphabet.Length)] + text[at..],
            1 => text.Remove(at, Math.Min(random.Next(1, 4), text.Length - at)),
            _ => text[..at] + text[Math.Min(text.Length, at + 1)..] + (at < text.Length ? text[at].ToString() : ""),
        };
    }
}
