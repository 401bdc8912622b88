using System.Reflection;
using System.Runtime.Loader;
using System.Text.RegularExpressions;

namespace NatLearning.Book;

/// <summary>
/// One copy per process of the assemblies notebooks load with <c>#r "path.dll"</c>, and of the files beside them.
/// Left alone, each kernel's <c>#r</c> loads its own copy into a load context of its own: every notebook JITs the
/// library and Plotly again, and, since .NET Interactive's formatters are one per process, a notebook's values may be
/// formatted by another notebook's copy when notebooks run together. The runtime asks the default context before a
/// kernel's own resolver (Roslyn scripting's order), so answering there makes every kernel share one copy, as the
/// core library already is.
/// </summary>
internal static partial class SharedReferences
{
    private static readonly Lock Gate = new();
    private static readonly List<string> Folders = [];
    private static readonly Dictionary<string, Assembly> Loaded = new(StringComparer.OrdinalIgnoreCase);
    private static bool _hooked;

    /// <summary>Shares the <c>#r</c> file references of these cells (relative paths resolved against <paramref name="folder"/>).</summary>
    public static void AddFrom(IEnumerable<string> cells, string folder)
    {
        foreach (var cell in cells)
            foreach (Match m in FileReference().Matches(cell))
            {
                var path = Path.GetFullPath(m.Groups["path"].Value, folder);
                if (File.Exists(path)) Add(Path.GetDirectoryName(path)!);
            }
    }

    private static void Add(string folder)
    {
        lock (Gate)
        {
            if (!Folders.Contains(folder, StringComparer.Ordinal)) Folders.Add(folder);
            if (_hooked) return;
            AssemblyLoadContext.Default.Resolving += Resolve;
            _hooked = true;
        }
    }

    private static Assembly? Resolve(AssemblyLoadContext context, AssemblyName name)
    {
        if (name.Name is null) return null;
        lock (Gate)
        {
            if (Loaded.TryGetValue(name.Name, out var known)) return known;
            foreach (var folder in Folders)
            {
                var path = Path.Combine(folder, name.Name + ".dll");
                if (!File.Exists(path)) continue;
                var assembly = AssemblyLoadContext.Default.LoadFromAssemblyPath(path);
                Loaded[name.Name] = assembly;
                return assembly;
            }
        }
        return null;
    }

    [GeneratedRegex("""^\s*#r\s+"(?<path>(?!nuget:)[^"]+\.dll)"\s*$""", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex FileReference();
}
