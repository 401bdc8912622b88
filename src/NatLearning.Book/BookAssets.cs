using System.Reflection;

namespace NatLearning.Book;

/// <summary>
/// The JavaScript the pages use, vendored from npm (see assets/update-assets.sh and assets/VERSIONS.txt) and embedded
/// in this assembly. Written once into the book's <c>assets/</c> folder; no page refers to a CDN.
/// </summary>
public static class BookAssets
{
    public const string Folder = "assets";
    public const string Mermaid = "mermaid.min.js";
    public const string Plotly = "plotly.min.js";

    public static IReadOnlyList<string> Names { get; } = [Mermaid, Plotly];

    public static void WriteTo(string bookDirectory)
    {
        var dir = Directory.CreateDirectory(Path.Combine(bookDirectory, Folder));
        foreach (var name in Names)
        {
            using var source = typeof(BookAssets).Assembly.GetManifestResourceStream($"{Folder}/{name}")
                ?? throw new InvalidOperationException($"The book's {name} is missing from {typeof(BookAssets).Assembly.GetName().Name}.dll; run src/NatLearning.Book/assets/update-assets.sh and rebuild.");
            using var target = File.Create(Path.Combine(dir.FullName, name));
            source.CopyTo(target);
        }
    }
}
