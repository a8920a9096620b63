using System.Text;

namespace NetTrace.Host.Cli.Completion;

/// <summary>
/// The zsh completion script (`nettrace completion zsh`): one `_arguments` function per command, each option with
/// its aliases as one exclusive group, and the subcommands described by their help lines.
/// </summary>
internal static class ZshCompletion
{
    public static string Write(CompletedCommand root)
    {
        var s = new StringBuilder();
        s.Append(Header).Append(Functions);
        foreach (var command in root.All())
            WriteCommand(s, command);
        s.Append(Footer);
        return s.ToString();
    }

    private static string FunctionOf(CompletedCommand command) =>
        command.Path.Length == 0 ? "_nettrace" : "_nettrace_" + command.Path.Replace(' ', '_');

    private static void WriteCommand(StringBuilder s, CompletedCommand command)
    {
        s.Append('\n').Append(FunctionOf(command)).Append("()\n{\n");
        s.Append("    local curcontext=$curcontext state state_descr line ret=1\n    typeset -A opt_args\n");
        if (command.Subcommands.Count > 0)
        {
            s.Append("    local -a subcommands=(\n");
            foreach (var sub in command.Subcommands)
                s.Append("        ").Append(Quote(sub.Name + ":" + sub.Description)).Append('\n');
            s.Append("    )\n");
        }
        s.Append("    _arguments -C :");
        foreach (var option in command.Options)
        {
            foreach (string spec in OptionSpecs(option))
                s.Append(" \\\n        ").Append(spec);
        }
        if (command.Subcommands.Count > 0)
            s.Append(" \\\n        '1: :->command' \\\n        '*:: :->argument'");
        else
            AppendArguments(s, command.Arguments);
        s.Append(" && ret=0\n");
        if (command.Subcommands.Count > 0)
        {
            s.Append("    case $state in\n");
            // nettrace takes a subcommand first, or after -v only.
            s.Append("        command)\n            [[ ${(j: :)words[2,CURRENT-1]} == (-v( |))# ]] && _describe -t commands ")
                .Append(Quote(Title(command) + " command")).Append(" subcommands && ret=0 ;;\n");
            s.Append("        argument)\n            case $line[1] in\n");
            foreach (var sub in command.Subcommands)
                s.Append("                ").Append(sub.Name).Append(") ").Append(FunctionOf(sub)).Append(" && ret=0 ;;\n");
            s.Append("            esac ;;\n    esac\n");
        }
        s.Append("    return ret\n}\n");
    }

    private static void AppendArguments(StringBuilder s, IReadOnlyList<CompletedArgument> arguments)
    {
        int position = 1;
        foreach (var argument in arguments)
        {
            string action = argument.Value switch
            {
                ValueKind.Choice => "(" + string.Join(' ', argument.Choices) + ")",
                ValueKind.RulesFiles => "_files -g \"*.rules(-.)\"",
                ValueKind.File => "_files",
                _ => " ",
            };
            string where = argument.Words is null ? "*" : position.ToString();
            s.Append(" \\\n        ").Append(Quote(where + ":" + Escape(argument.Name) + ":" + action));
            if (argument.Words is not { } words)
                break;
            position += words;
        }
    }

    /// <summary>One spec per name; aliases exclude each other unless the option may be repeated.</summary>
    private static IEnumerable<string> OptionSpecs(CompletedOption option)
    {
        string group = option.Repeatable ? "*" : option.Names.Count > 1 ? "(" + string.Join(' ', option.Names) + ")" : "";
        string value = option.Value == ValueKind.None ? "" : ":" + Escape(option.ValueName) + ":" + Action(option);
        return option.Names.Select(name => Quote(group + name + "[" + Bracketed(option.Description) + "]" + value));
    }

    private static string Action(CompletedOption option) => option.Value switch
    {
        ValueKind.Choice or ValueKind.TcpFlags => "(" + string.Join(' ', option.Choices) + ")",
        ValueKind.Traces => "_nettrace_traces",
        ValueKind.File => "_files",
        ValueKind.Directory => "_files -/",
        ValueKind.Netns => "_nettrace_netns",
        ValueKind.Pid => "_pids",
        ValueKind.Interface => "_net_interfaces",
        _ => " ",
    };

    private static string Title(CompletedCommand command) => command.Path.Length == 0 ? "nettrace" : "nettrace " + command.Path;

    private static string Bracketed(string text) => text.Replace("\\", "\\\\").Replace("[", "\\[").Replace("]", "\\]");

    private static string Escape(string text) => text.Replace("\\", "\\\\").Replace(":", "\\:");

    /// <summary>A zsh single-quoted word.</summary>
    private static string Quote(string text) => "'" + text.Replace("'", "'\\''") + "'";

    private const string Header = """
        #compdef nettrace nettrace.sh
        # zsh completion for nettrace(8)
        #
        # Made from nettrace's own option table by `nettrace completion zsh` (completions/_nettrace is that output;
        # ./build.sh completions writes it again). Install: put it in a directory of $fpath as _nettrace (the packages
        # use /usr/share/zsh/vendor-completions), or `source <(nettrace completion zsh)` after compinit.
        #
        # Trace names for -t and the other trace lists come from `nettrace -t ?` (with --sock, from the socket traces
        # nettrace names); a nettrace that cannot be run completes nothing there.

        """;

    private const string Functions = """

        # The nettrace being completed; for the checkout's nettrace.sh (never run: it may sudo and build), its build.
        _nettrace_binary()
        {
            local cmd=${words[1]} c
            case $cmd in
                *nettrace.sh)
                    for c in ${cmd:h}/src/Host/bin/Release/net10.0/nettrace ${cmd:h}/src/Host/bin/Debug/net10.0/nettrace; do
                        [[ -x $c ]] && { REPLY=$c; return 0 }
                    done
                    return 1 ;;
                */*) [[ -x $cmd ]] || return 1; REPLY=$cmd ;;
                *) REPLY=${commands[$cmd]}; [[ -n $REPLY ]] ;;
            esac
        }

        # Trace and group names, as a comma-separated list.
        _nettrace_traces()
        {
            local REPLY
            local -a names
            _nettrace_binary || return 1
            if (( ${words[(I)--sock]} )); then
                names=(${(s:, :)"$(timeout 10 $REPLY --sock -t _ 2>&1 </dev/null | sed -n 's/.*--sock traces: //p')"})
            else
                names=(${(f)"$(timeout 10 $REPLY -t '?' 2>/dev/null </dev/null | sed -n -E \
                    -e 's/^([A-Za-z0-9_.-]+): .*/\1/p' -e 's/^ +\*? *([A-Za-z_][A-Za-z0-9_.]*) .*/\1/p')"})
            fi
            (( $#names )) || return 1
            _values -s , trace $names
        }

        _nettrace_netns()
        {
            local -a inodes=(${(f)"$(stat -L -c %i /proc/[0-9]*/ns/net 2>/dev/null | sort -u)"})
            _describe -t netns 'network namespace inode' inodes
        }

        """;

    private const string Footer = """

        if [[ $zsh_eval_context[-1] == loadautofunc ]]; then
            _nettrace "$@"
        else
            compdef _nettrace nettrace nettrace.sh
        fi

        """;
}
