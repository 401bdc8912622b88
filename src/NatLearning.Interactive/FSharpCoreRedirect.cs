using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;

namespace NatLearning.Interactive;

/// <summary>
/// Plotly.NET 6.0.0 is built against FSharp.Core 10.1, while .NET Interactive kernels (VS Code, dotnet-repl, and
/// <c>natlearn book</c>) load FSharp.Core 10.0 at start. The runtime then refuses Plotly's request for 10.1
/// (FileNotFoundException: FSharp.Core, Version=10.1.0.0). This hook answers any failed FSharp.Core request with the
/// copy the process already has; Plotly uses nothing 10.1 added. It is installed when this assembly loads, before any
/// Plotly type can be touched.
/// </summary>
internal static class FSharpCoreRedirect
{
    private static int _installed;

    // A library module initializer is exactly what is needed here: the hook must exist before any Plotly code runs.
#pragma warning disable CA2255
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Install()
    {
        if (Interlocked.Exchange(ref _installed, 1) == 1) return;
        AssemblyLoadContext.Default.Resolving += Resolve;
    }

    private static Assembly? Resolve(AssemblyLoadContext context, AssemblyName name)
    {
        if (!string.Equals(name.Name, "FSharp.Core", StringComparison.Ordinal)) return null;
        var loaded = AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => a.GetName().Name == "FSharp.Core");
        if (loaded is not null) return loaded;
        // No copy yet (a process without F#): load the one beside us if any.
        var beside = Path.Combine(AppContext.BaseDirectory, "FSharp.Core.dll");
        return File.Exists(beside) ? context.LoadFromAssemblyPath(beside) : null;
    }
}
