namespace NatLearning.Tests;

/// <summary>Folders of this checkout, found from the test binary by walking up to the solution file.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Notebooks => Path.Combine(Root, "notebooks");

    /// <summary>The dll the course notebooks load; the test project's reference to the Interactive project builds it.</summary>
    public static string InteractiveDll => Path.Combine(Root, "src", "NatLearning.Interactive", "bin", "Debug", "net10.0", "NatLearning.Interactive.dll");

    private static string FindRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "NatLearning.sln"))) return d.FullName;
        throw new InvalidOperationException($"No NatLearning.sln above {AppContext.BaseDirectory}.");
    }
}
