using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace NetTrace.Host.Kernel;

/// <summary>
/// Remembers resolved kernel functions across runs of one boot. Kernel text addresses only change at
/// boot or when a module is loaded or unloaded, so the key is the boot id, the loaded modules, and the
/// names asked for. Kept under /run (gone at reboot); any failure just means resolving again.
/// </summary>
internal static class FunctionCache
{
    private const string Directory = "/run/nettrace";
    private const string BootId = "/proc/sys/kernel/random/boot_id";
    private const string Modules = "/proc/modules";

    public static IReadOnlyDictionary<string, KernelFunction> Resolve(IReadOnlyCollection<string> names, Action<string> verbose)
    {
        string? file = CacheFile(names);
        if (file is not null && TryRead(file) is { } cached)
        {
            verbose($"kernel functions from cache {file}");
            return cached;
        }
        var resolved = KernelFunctions.Resolve(names);
        if (file is not null && resolved.Count > 0)
            TryWrite(file, resolved.Values);
        return resolved;
    }

    private static string? CacheFile(IReadOnlyCollection<string> names)
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
            foreach (string name in names.Order(StringComparer.Ordinal))
                key.Append('|').Append(name);
            string hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key.ToString())))[..32].ToLowerInvariant();
            return Path.Combine(Directory, $"functions-{hash}.txt");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static Dictionary<string, KernelFunction>? TryRead(string file)
    {
        try
        {
            var result = new Dictionary<string, KernelFunction>(StringComparer.Ordinal);
            foreach (string line in File.ReadLines(file))
            {
                var f = line.Split(' ');
                if (f.Length != 3 || !ulong.TryParse(f[2], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out ulong address))
                    return null;
                result[f[0]] = new KernelFunction(f[0], f[1], address);
            }
            return result;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static void TryWrite(string file, IEnumerable<KernelFunction> functions)
    {
        try
        {
            System.IO.Directory.CreateDirectory(Directory);
            string temp = file + "." + Environment.ProcessId;
            File.WriteAllLines(temp, functions.Select(f => $"{f.Name} {f.Symbol} {f.Address:x}"));
            File.Move(temp, file, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A read-only /run only costs the next run a scan of kallsyms.
        }
    }
}
