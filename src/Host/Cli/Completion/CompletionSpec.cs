namespace NetTrace.Host.Cli.Completion;

/// <summary>What a shell can offer for an option's value or a command's argument.</summary>
internal enum ValueKind
{
    /// <summary>A flag: no value.</summary>
    None,
    /// <summary>A value nothing can guess (an address, a number): the shell offers nothing.</summary>
    Free,
    /// <summary>One of <see cref="CompletedOption.Choices"/>.</summary>
    Choice,
    /// <summary>Trace or group names from `nettrace -t ?`, comma-separated.</summary>
    Traces,
    File,
    /// <summary>.rules files (`rules check`).</summary>
    RulesFiles,
    Directory,
    /// <summary>A network namespace inode of a running process.</summary>
    Netns,
    Pid,
    Interface,
    /// <summary>TCP flag letters.</summary>
    TcpFlags,
}

/// <summary>One option as the completion scripts describe it: every name, its help line, what its value is.</summary>
internal sealed record CompletedOption(IReadOnlyList<string> Names, string Description, ValueKind Value, string ValueName,
    IReadOnlyList<string> Choices, bool Repeatable);

/// <summary>A positional argument: how many words it takes (null: any number) and what they are.</summary>
internal sealed record CompletedArgument(string Name, ValueKind Value, IReadOnlyList<string> Choices, int? Words);

/// <summary>
/// A command (nettrace itself, or a subcommand) as the completion scripts see it. <see cref="Path"/> is the words
/// that name it ("" for nettrace, "rules check").
/// </summary>
internal sealed record CompletedCommand(string Path, string Description, IReadOnlyList<CompletedOption> Options,
    IReadOnlyList<CompletedCommand> Subcommands, IReadOnlyList<CompletedArgument> Arguments)
{
    public string Name => Path.Contains(' ') ? Path[(Path.LastIndexOf(' ') + 1)..] : Path;

    /// <summary>This command and every command below it, parents first.</summary>
    public IEnumerable<CompletedCommand> All() => Subcommands.SelectMany(s => s.All()).Prepend(this);
}
