using System.Text;

namespace NetTrace.Host.Cli.Completion;

/// <summary>
/// The fish completion script (`nettrace completion fish`): one `complete` line per option of each command, guarded
/// by the command path the line is at, so `replay`'s options are offered after `replay` only.
/// </summary>
internal static class FishCompletion
{
    public static string Write(CompletedCommand root)
    {
        var s = new StringBuilder();
        s.Append(Header);
        var valued = root.All().SelectMany(c => c.Options).Where(o => o.Value != ValueKind.None).SelectMany(o => o.Names).Distinct();
        s.Append("# The options that take the next word as their value.\nset -g __nettrace_valued ").AppendJoin(' ', valued).Append('\n');
        s.Append("# The subcommands, by the words that name them.\nset -g __nettrace_commands ")
            .AppendJoin(' ', root.All().Skip(1).Select(c => Quote(c.Path))).Append("\n\n");
        s.Append(Functions);
        s.Append("complete -c nettrace -f\ncomplete -c nettrace.sh -w nettrace\n");
        foreach (var command in root.All())
            WriteCommand(s, command);
        return s.ToString();
    }

    private static void WriteCommand(StringBuilder s, CompletedCommand command)
    {
        string at = "\"" + command.Path + "\""; // inside the single-quoted condition
        s.Append('\n').Append(command.Path.Length == 0 ? "# nettrace" : "# nettrace " + command.Path).Append('\n');
        foreach (var option in command.Options)
        {
            s.Append("complete -c nettrace -n '__nettrace_at ").Append(at).Append("'");
            foreach (string name in option.Names)
                s.Append(name.StartsWith("--", StringComparison.Ordinal) ? " -l " + name[2..] : " -s " + name[1..]);
            s.Append(ValueFlags(option.Value, option.Choices)).Append(" -d ").Append(Quote(option.Description)).Append('\n');
        }
        foreach (var sub in command.Subcommands)
        {
            s.Append("complete -c nettrace -n '__nettrace_at_subcommand ").Append(at).Append("' -a ").Append(Quote(sub.Name))
                .Append(" -d ").Append(Quote(sub.Description)).Append('\n');
        }
        int first = 0;
        foreach (var argument in command.Arguments)
        {
            string last = argument.Words is { } n ? (first + n - 1).ToString() : "";
            string offer = ArgumentFlags(argument);
            if (offer.Length > 0)
            {
                s.Append("complete -c nettrace -n '__nettrace_at ").Append(at).Append(' ').Append(first).Append(last.Length > 0 ? " " + last : "")
                    .Append('\'').Append(offer).Append(" -d ").Append(Quote(argument.Name)).Append('\n');
            }
            if (argument.Words is not { } words)
                break;
            first += words;
        }
    }

    private static string ValueFlags(ValueKind kind, IReadOnlyList<string> choices) => kind switch
    {
        ValueKind.None => "",
        ValueKind.Choice or ValueKind.TcpFlags => " -x -a " + Quote(string.Join(' ', choices)),
        ValueKind.Traces => " -x -a '(__nettrace_traces)'",
        ValueKind.File => " -r -F",
        ValueKind.Directory => " -x -a '(__fish_complete_directories (commandline -ct))'",
        ValueKind.Netns => " -x -a '(__nettrace_netns)'",
        ValueKind.Pid => " -x -a '(__fish_complete_pids)'",
        ValueKind.Interface => " -x -a '(__nettrace_interfaces)'",
        _ => " -x",
    };

    private static string ArgumentFlags(CompletedArgument argument) => argument.Value switch
    {
        ValueKind.Choice => " -x -a " + Quote(string.Join(' ', argument.Choices)),
        ValueKind.File or ValueKind.RulesFiles => " -F",
        _ => "",
    };

    /// <summary>A fish single-quoted word.</summary>
    private static string Quote(string text) => "'" + text.Replace("\\", "\\\\").Replace("'", "\\'") + "'";

    private const string Header = """
        # fish completion for nettrace(8)
        #
        # Made from nettrace's own option table by `nettrace completion fish` (completions/nettrace.fish is that output;
        # ./build.sh completions writes it again). Install: copy it to ~/.config/fish/completions/ or to
        # /usr/share/fish/vendor_completions.d/ (the packages do).
        #
        # Trace names for -t and the other trace lists come from `nettrace -t ?` (with --sock, from the socket traces
        # nettrace names); a nettrace that cannot be run completes nothing there.


        """;

    private const string Functions = """
        # Sets __nettrace_path, the subcommand the line is at ('' for nettrace itself, 'rules check'), and
        # __nettrace_nargs, how many positional words follow it. Option values are skipped.
        function __nettrace_state
            set -l tokens (commandline -opc)
            set -e tokens[1]
            set -g __nettrace_path ''
            set -g __nettrace_nargs 0
            set -l skip 0
            # nettrace takes a subcommand first, or after -v only.
            set -g __nettrace_plain 1
            for t in $tokens
                if test $skip -eq 1
                    set skip 0
                else if test -z "$__nettrace_path"; and string match -q -- '-*' $t; and test "$t" != -v
                    set __nettrace_plain 0
                    contains -- $t $__nettrace_valued; and set skip 1
                else if contains -- $t $__nettrace_valued
                    set skip 1
                else if not string match -q -- '-*' $t
                    set -l next $t
                    test -n "$__nettrace_path"; and set next "$__nettrace_path $t"
                    if test $__nettrace_nargs -eq 0 -a $__nettrace_plain -eq 1; and contains -- $next $__nettrace_commands
                        set __nettrace_path $next
                    else
                        set __nettrace_nargs (math $__nettrace_nargs + 1)
                    end
                end
            end
        end

        # __nettrace_at PATH [FIRST [LAST]]: the line is at command PATH, and the word being completed is its
        # positional word number FIRST..LAST (from 0; LAST empty: any).
        function __nettrace_at -a want first last
            __nettrace_state
            test "$__nettrace_path" = "$want"; or return 1
            test -z "$first"; or test $__nettrace_nargs -ge $first; or return 1
            test -z "$last"; or test $__nettrace_nargs -le $last
        end

        # Whether the word being completed may name a subcommand of PATH.
        function __nettrace_at_subcommand -a want
            __nettrace_at "$want" 0 0; and test $__nettrace_plain -eq 1
        end

        # The nettrace being completed; for the checkout's nettrace.sh (never run: it may sudo and build), its build.
        function __nettrace_binary
            set -l cmd (commandline -opc)[1]
            switch $cmd
                case '*nettrace.sh'
                    set -l dir (dirname -- $cmd)
                    for c in $dir/src/Host/bin/Release/net10.0/nettrace $dir/src/Host/bin/Debug/net10.0/nettrace
                        if test -x $c
                            echo $c
                            return 0
                        end
                    end
                    return 1
                case '*/*'
                    test -x $cmd; and echo $cmd
                case '*'
                    command -s $cmd
            end
        end

        # Trace and group names after the last comma of the word being completed.
        function __nettrace_traces
            set -l bin (__nettrace_binary); or return 0
            set -l prefix (string match -r '^.*,' -- (commandline -ct))
            set -l names
            if contains -- --sock (commandline -opc)
                set names (timeout 10 $bin --sock -t _ 2>&1 </dev/null | string replace -rf '.*--sock traces: ' '' | string split ', ')
            else
                set names (timeout 10 $bin -t '?' 2>/dev/null </dev/null | string match -rg '^(?:([A-Za-z0-9_.-]+): | +\*? *([A-Za-z_][A-Za-z0-9_.]*) )')
            end
            for name in $names
                test -n "$name"; and echo "$prefix$name"
            end
        end

        function __nettrace_netns
            stat -L -c %i /proc/[0-9]*/ns/net 2>/dev/null | sort -u
        end

        function __nettrace_interfaces
            ls /sys/class/net 2>/dev/null
        end


        """;
}
