namespace NetTrace.Rules.Syntax;

/// <summary>A bare name used as a value (NF_DROP); whether it exists is the validator's business.</summary>
public sealed class ConstantSyntax : ValueSyntax
{
    public ConstantSyntax(TokenSyntax name)
    {
        Name = name;
        Cover(name, name);
    }

    public TokenSyntax Name { get; }
}
