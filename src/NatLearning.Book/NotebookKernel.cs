using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.PackageManagement;

namespace NatLearning.Book;

/// <summary>
/// Builds the kernel a notebook runs in: a composite with a C# kernel set up the way the .NET Interactive tool sets up
/// its own (<c>#r "nuget:"</c> and <c>#i</c>, kernel helpers such as <c>display</c>, value sharing, <c>#!who</c>), so
/// a notebook that runs here runs in VS Code.
/// </summary>
public static class NotebookKernel
{
    public const string CSharp = "csharp";

    public static CompositeKernel Create()
    {
        var csharp = new CSharpKernel()
            .UseNugetDirective((kernel, packages) =>
            {
                kernel.AddAssemblyReferences(packages.SelectMany(p => p.AssemblyPaths));
                return Task.CompletedTask;
            }, false)
            .UseKernelHelpers()
            .UseValueSharing()
            .UseWho();
        var composite = new CompositeKernel();
        composite.Add(csharp, ["c#", "C#"]);
        composite.DefaultKernelName = CSharp;
        return composite;
    }
}
