using System.Text.Json;

namespace NatLearning.Tests.Course;

/// <summary>One cell of an nbformat 4 notebook, as the course tests need it.</summary>
public sealed record NotebookCell(int Index, string CellType, string Source, IReadOnlyList<string> Tags, int OutputCount, bool HasExecutionCount)
{
    public bool IsCode => CellType == "code";
    public bool IsSolution => Tags.Contains(NatLearning.Book.SolutionCells.Tag);

    /// <summary>The exercise whose student cell this is (tag <c>exercise:ID</c>), else null.</summary>
    public string? ExerciseId => Prefixed(NatLearning.Book.SolutionCells.ExercisePrefix);

    /// <summary>The exercise this cell checks (tag <c>check:ID</c>), else null.</summary>
    public string? CheckId => Prefixed(NatLearning.Book.SolutionCells.CheckPrefix);

    private string? Prefixed(string prefix) => Tags.FirstOrDefault(t => t.StartsWith(prefix, StringComparison.Ordinal))?[prefix.Length..];
}

/// <summary>An nbformat 4 notebook read with System.Text.Json (no notebook library needed).</summary>
public sealed class Notebook
{
    private Notebook(string path, JsonElement metadata, IReadOnlyList<NotebookCell> cells, int nbformat)
    {
        Path = path;
        Metadata = metadata;
        Cells = cells;
        NbFormat = nbformat;
    }

    public string Path { get; }
    public string FileName => System.IO.Path.GetFileName(Path);
    public JsonElement Metadata { get; }
    public IReadOnlyList<NotebookCell> Cells { get; }
    public int NbFormat { get; }

    public IEnumerable<NotebookCell> CodeCells => Cells.Where(c => c.IsCode);
    public IEnumerable<NotebookCell> MarkdownCells => Cells.Where(c => c.CellType == "markdown");

    /// <summary>Markdown heading lines ("## Title" gives "Title"), in order.</summary>
    public IEnumerable<string> Headings =>
        MarkdownCells.SelectMany(c => c.Source.Split('\n'))
            .Select(l => l.TrimEnd())
            .Where(l => l.StartsWith('#'))
            .Select(l => l.TrimStart('#').Trim());

    /// <summary>The notebook as committed (the students' edition), or with its solutions merged in (the teachers').</summary>
    public static Notebook Load(string path, bool withSolutions = false)
    {
        var json = File.ReadAllText(path);
        if (withSolutions && NatLearning.Book.SolutionFile.For(path) is { } solutions)
            json = NatLearning.Book.SolutionCells.Merge(json, solutions, System.IO.Path.GetFileName(path));
        return Parse(json, path);
    }

    public static Notebook Parse(string json, string path)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        var cells = new List<NotebookCell>();
        var i = 0;
        foreach (var c in root.GetProperty("cells").EnumerateArray())
        {
            var type = c.GetProperty("cell_type").GetString()!;
            var tags = c.TryGetProperty("metadata", out var md) && md.TryGetProperty("tags", out var t)
                ? t.EnumerateArray().Select(x => x.GetString()!).ToList()
                : [];
            var outputs = c.TryGetProperty("outputs", out var o) ? o.GetArrayLength() : 0;
            var hasCount = c.TryGetProperty("execution_count", out var ec) && ec.ValueKind != JsonValueKind.Null;
            cells.Add(new NotebookCell(i++, type, JoinSource(c.GetProperty("source")), tags, outputs, hasCount));
        }
        return new Notebook(path, root.GetProperty("metadata").Clone(), cells, root.GetProperty("nbformat").GetInt32());
    }

    private static string JoinSource(JsonElement source) =>
        source.ValueKind == JsonValueKind.Array
            ? string.Concat(source.EnumerateArray().Select(s => s.GetString()))
            : source.GetString() ?? "";
}
