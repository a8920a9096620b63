using System.Runtime.InteropServices;
using System.Text;
using NetTrace.Bpf.Interop;

namespace NetTrace.Bpf;

/// <summary>A BPF program loaded in the kernel, as <see cref="LoadedPrograms"/> found it.</summary>
/// <param name="Id">The kernel's id for it (bpftool prog show id ID).</param>
/// <param name="Kind">tc or XDP.</param>
/// <param name="Name">Its main function's name, else the kernel's (cut to 15 characters).</param>
/// <param name="Function">The program's own function in its BTF (fexit's target); null when it was loaded without BTF.</param>
public sealed record LoadedProgram(uint Id, LoadedProgramKind Kind, string Name, string? Function);

/// <summary>The program types whose return value is a verdict on a packet.</summary>
public enum LoadedProgramKind
{
    /// <summary>BPF_PROG_TYPE_SCHED_CLS: tc's classifier (cls_bpf, tcx), whose return value is a TC_ACT_* verdict.</summary>
    Tc,

    /// <summary>BPF_PROG_TYPE_XDP: an XDP_* verdict on a frame before any skb exists.</summary>
    Xdp,
}

/// <summary>
/// The tc and XDP programs the kernel has loaded (bpf_prog_get_next_id), with the function fexit binds to: the
/// first record of the program's func_info names it in the program's BTF (its 16-byte kernel name may be cut).
/// </summary>
public static unsafe class LoadedPrograms
{
    /// <summary>Every loaded tc and XDP program; one that is gone meanwhile is passed over.</summary>
    public static List<LoadedProgram> TcAndXdp()
    {
        var found = new List<LoadedProgram>();
        for (uint id = 0; LibBpf.bpf_prog_get_next_id(id, &id) == 0;)
        {
            int fd = LibBpf.bpf_prog_get_fd_by_id(id);
            if (fd < 0)
                continue;
            try
            {
                if (Describe(fd) is { } program)
                    found.Add(program);
            }
            finally
            {
                LibC.close(fd);
            }
        }
        return found;
    }

    /// <summary>Program <paramref name="id"/>, held open until disposed; throws when it is gone.</summary>
    public static ProgramHandle Open(uint id)
    {
        int fd = LibBpf.bpf_prog_get_fd_by_id(id);
        if (fd < 0)
            throw new BpfException(BpfStage.Open, $"BPF program {id}", -fd);
        return new ProgramHandle(fd);
    }

    private static LoadedProgram? Describe(int fd)
    {
        var info = new LibBpf.ProgInfo();
        uint length = (uint)sizeof(LibBpf.ProgInfo);
        if (LibBpf.bpf_obj_get_info_by_fd(fd, &info, &length) != 0)
            return null;
        LoadedProgramKind? kind = info.Type switch
        {
            LibBpf.ProgTypeSchedCls => LoadedProgramKind.Tc,
            LibBpf.ProgTypeXdp => LoadedProgramKind.Xdp,
            _ => null,
        };
        if (kind is null)
            return null;
        var name = new ReadOnlySpan<byte>(info.Name, 16);
        int end = name.IndexOf((byte)0);
        string shortName = Encoding.UTF8.GetString(end >= 0 ? name[..end] : name);
        string? function = info.BtfId != 0 && info.FuncInfoCount > 0 ? MainFunction(fd, info.BtfId) : null;
        return new LoadedProgram(info.Id, kind.Value, function ?? shortName, function);
    }

    /// <summary>The name of the program's main function: its first func_info record's type in its BTF.</summary>
    private static string? MainFunction(int fd, uint btfId)
    {
        var first = new LibBpf.FuncInfo();
        var info = new LibBpf.ProgInfo
        {
            FuncInfoCount = 1,
            FuncInfoRecordSize = (uint)sizeof(LibBpf.FuncInfo),
            FuncInfo = (ulong)&first,
        };
        uint length = (uint)sizeof(LibBpf.ProgInfo);
        if (LibBpf.bpf_obj_get_info_by_fd(fd, &info, &length) != 0 || first.TypeId == 0)
            return null;
        nint btf = LibBpf.btf__load_from_kernel_by_id(btfId);
        if (btf == 0 || btf == -1 || (ulong)btf > unchecked((ulong)-4096))
            return null;
        try
        {
            var type = LibBpf.btf__type_by_id(btf, first.TypeId);
            if (type is null)
                return null;
            byte* text = LibBpf.btf__name_by_offset(btf, type->NameOff);
            return text is null ? null : Marshal.PtrToStringUTF8((nint)text);
        }
        finally
        {
            LibBpf.btf__free(btf);
        }
    }
}

/// <summary>A loaded program's file descriptor, closed on dispose (what a tracing program's target is given by).</summary>
public sealed class ProgramHandle(int fd) : IDisposable
{
    /// <summary>The descriptor; -1 once disposed.</summary>
    public int Fd { get; private set; } = fd;

    /// <summary>Closes the descriptor (a program loaded against it keeps its own reference).</summary>
    public void Dispose()
    {
        if (Fd >= 0)
            LibC.close(Fd);
        Fd = -1;
    }
}
