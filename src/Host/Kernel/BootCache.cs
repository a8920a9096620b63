using System.IO.Hashing;
using System.Text;

namespace NetTrace.Host.Kernel;

/// <summary>
/// Files that hold for one boot, under /run (gone at reboot). What they keep is kernel text addresses, which only
/// move at boot or when a module is loaded or unloaded: the key is the boot id and each module's name and address.
/// The addresses are as secret as /proc/kallsyms makes them (KASLR), so the directory and files are root's alone.
/// Any failure just means computing again.
/// </summary>
internal static class BootCache
{
    public const string Directory = "/run/nettrace";
    private const string BootId = "/proc/sys/kernel/random/boot_id";
    private const string Modules = "/proc/modules";
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyDirectory = OwnerOnly | UnixFileMode.UserExecute;

    /// <summary>The file for <paramref name="prefix"/> under this boot's kernel text, or null when the key is unreadable.</summary>
    public static string? FileFor(string prefix, string extension, IEnumerable<string>? names = null)
    {
        try
        {
            var key = new StringBuilder(File.ReadAllText(BootId).Trim());
            if (File.Exists(Modules))
            {
                // "name size refcount users state address": the address moves when a module is reloaded.
                foreach (string line in File.ReadLines(Modules))
                {
                    var fields = line.Split(' ');
                    key.Append('|').Append(fields[0]).Append(' ').Append(fields.Length > 5 ? fields[5] : "");
                }
            }
            foreach (string name in names?.Order(StringComparer.Ordinal) ?? Enumerable.Empty<string>())
                key.Append('|').Append(name);
            // A cache key, not a secret: xxHash, not SHA-256, whose first use loads OpenSSL (a tenth of a second under emulation).
            string hash = Convert.ToHexString(XxHash128.Hash(Encoding.UTF8.GetBytes(key.ToString()))).ToLowerInvariant();
            return Path.Combine(Directory, $"{prefix}-{hash}.{extension}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>This boot's file of <paramref name="prefix"/> as <paramref name="read"/> makes it, or null when there is none or it cannot be read.</summary>
    public static T? Read<T>(string prefix, string extension, Func<Stream, T?> read) where T : class
    {
        try
        {
            if (FileFor(prefix, extension) is not { } file || !File.Exists(file))
                return null;
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0);
            return read(stream);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Writes <paramref name="file"/> whole (a reader never sees half of it), readable by root only.</summary>
    public static bool TryWrite(string file, Action<Stream> write)
    {
        if (OperatingSystem.IsWindows())
            return false;
        string temp = $"{file}.{Environment.ProcessId}";
        try
        {
            System.IO.Directory.CreateDirectory(Directory, OwnerOnlyDirectory);
            // An older nettrace made the directory with the umask's mode.
            File.SetUnixFileMode(Directory, OwnerOnlyDirectory);
            var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, UnixCreateMode = OwnerOnly };
            using (var stream = new FileStream(temp, options))
                write(stream);
            File.Move(temp, file, overwrite: true);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A read-only /run only costs the next run the work again.
            try { File.Delete(temp); } catch (Exception d) when (d is IOException or UnauthorizedAccessException) { }
            return false;
        }
    }

    /// <summary>Removes the files of <paramref name="prefix"/> other than <paramref name="keep"/>: left by earlier module sets.</summary>
    public static void RemoveOthers(string prefix, string keep)
    {
        try
        {
            foreach (string file in System.IO.Directory.EnumerateFiles(Directory, prefix + "-*"))
            {
                if (file != keep)
                    File.Delete(file);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }
}
