namespace NatLearning.Tests.Course;

/// <summary>Where the repository, its notebooks and the seed article are, found from the test's own folder.</summary>
public static class CoursePaths
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string NotebooksDir => Path.Combine(RepoRoot, "notebooks");

    /// <summary>The article the course follows: <c>../shared/seed/article.txt</c> beside the repository.</summary>
    public static string Article => Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "seed", "article.txt"));

    public static string ArticleMap => Path.Combine(NotebooksDir, "article-map.json");

    public static IReadOnlyList<string> NotebookFiles =>
        Directory.GetFiles(NotebooksDir, "*.ipynb").OrderBy(p => Path.GetFileName(p), StringComparer.Ordinal).ToList();

    /// <summary>A 99-… notebook is an appendix (the book's sample of every view), not a chapter: it needs no exercise and no index row.</summary>
    public static bool IsAppendix(string path) => Path.GetFileName(path).StartsWith("99-", StringComparison.Ordinal);

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "NatLearning.sln"))) return dir.FullName;
        throw new InvalidOperationException($"No NatLearning.sln above {AppContext.BaseDirectory}.");
    }
}
