using NetTrace.Plugins.Sock;
using NetTrace.Rules.Model;
using NetTrace.Tests.Shared;

namespace NetTrace.Tests.Unit.Docs;

/// <summary>docs/rules.md documents every field a rule may test: the host's and the sock plugin's, each in a table row.</summary>
public sealed class RuleFieldsPageTests
{
    [Fact]
    public void RulesPage_EveryFieldHasARow()
    {
        var rows = RoffPage.Read("docs/rules.md").Split('\n').Where(l => l.StartsWith("| `", StringComparison.Ordinal)).ToList();
        var fields = RuleContext.DefaultFields.Concat(SockRuleFields.Declared).Select(f => f.Name);

        var missing = fields.Where(name => !rows.Any(row => row.Split('|')[1].Contains($"`{name}`", StringComparison.Ordinal))).ToArray();

        Assert.True(missing.Length == 0, $"docs/rules.md has no table row for: {string.Join(", ", missing)}");
    }
}
