using System.Text;
using NetTrace.Abstractions.Rules;
using NetTrace.Rules.Model;

namespace NetTrace.Rules.Codegen;

/// <summary>
/// The C# of a rule set linked into an executable ahead of time: the rule classes in a namespace of the set's own,
/// and a module initializer that registers the set (<see cref="LinkedRuleSets"/>) under its linked key, with its
/// analysed rules as the rules cache stores them and its matchers in rule order.
/// </summary>
internal static class LinkedRuleWriter
{
    public static string Write(IReadOnlyList<RuleDefinition> rules, RuleContext context, string key)
    {
        string ns = $"{GeneratedNames.Namespace}.Linked{key[..16]}";
        var code = new StringBuilder(CSharpRuleWriter.Write(rules, context, ns).Text);
        code.Append("namespace ").Append(ns).Append("\n{\n")
            .Append("    internal static class Registration\n    {\n")
            .Append("#pragma warning disable CA2255 // the executable's own code: registers the set, builds nothing yet\n")
            .Append("        [global::System.Runtime.CompilerServices.ModuleInitializer]\n")
            .Append("#pragma warning restore CA2255\n")
            .Append("        internal static void Register() => global::NetTrace.Rules.LinkedRuleSets.Add(\"").Append(key).Append("\",\n")
            .Append("            static () => global::System.Convert.FromBase64String(\"")
            .Append(Convert.ToBase64String(RuleModelFile.Write(rules))).Append("\"),\n")
            .Append("            static () => [");
        for (int index = 0; index < rules.Count; index++)
            code.Append(index == 0 ? "" : ", ").Append(GeneratedNames.ClassName(index)).Append('.').Append(GeneratedNames.MatchesMethod);
        code.Append("]);\n    }\n}\n");
        return code.ToString();
    }
}
