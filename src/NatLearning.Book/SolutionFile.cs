using System.Text;
using System.Text.RegularExpressions;

namespace NatLearning.Book;

/// <summary>
/// A chapter's solutions, kept apart from the students' notebook in <c>solutions/CHAPTER.md</c>: a <c>#</c> title,
/// then per exercise a <c>## id</c> heading, prose for the teacher, and exactly one <c>```csharp</c> block.
/// Markdown, so a teacher can read it anywhere; strict, so a typo is an error and not a silently missing solution.
/// </summary>
public sealed partial class SolutionFile
{
    public const string Folder = "solutions";

    private SolutionFile(string path, IReadOnlyList<Solution> solutions)
    {
        Path = path;
        Solutions = solutions;
    }

    public string Path { get; }
    public IReadOnlyList<Solution> Solutions { get; }

    /// <summary>Where the solutions of a notebook live: <c>solutions/NAME.md</c> beside it.</summary>
    public static string PathFor(string notebookPath) =>
        System.IO.Path.Combine(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(notebookPath))!, Folder,
            System.IO.Path.GetFileNameWithoutExtension(notebookPath) + ".md");

    /// <summary>The notebook's solution file, or null when it has none.</summary>
    public static SolutionFile? For(string notebookPath)
    {
        var path = PathFor(notebookPath);
        return File.Exists(path) ? Parse(File.ReadAllText(path), path) : null;
    }

    public static SolutionFile Parse(string markdown, string path)
    {
        var name = System.IO.Path.GetFileName(path);
        var solutions = new List<Solution>();
        string? id = null;
        var prose = new StringBuilder();
        var code = new List<string>();
        StringBuilder? block = null;
        var line = 0;
        var headingLine = 0;

        void Finish()
        {
            if (id is null) return;
            if (code.Count != 1)
                throw new FormatException($"{name}, line {headingLine}: solution '{id}' has {code.Count} ```csharp blocks; it needs exactly one.");
            solutions.Add(new Solution(id, prose.ToString().Trim(), code[0]));
        }

        foreach (var raw in markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            line++;
            if (block is not null)
            {
                if (raw.TrimEnd() == "```")
                {
                    code.Add(block.ToString().TrimEnd('\n'));
                    block = null;
                }
                else block.Append(raw).Append('\n');
                continue;
            }
            if (raw.StartsWith("## ", StringComparison.Ordinal))
            {
                Finish();
                id = raw[3..].Trim();
                headingLine = line;
                if (!IdPattern().IsMatch(id))
                    throw new FormatException($"{name}, line {line}: '{id}' is not an exercise id (lower-case words joined by '-', as in the notebook's exercise:ID tag).");
                if (solutions.Any(s => s.Id == id))
                    throw new FormatException($"{name}, line {line}: a second solution for '{id}'.");
                prose.Clear();
                code.Clear();
                continue;
            }
            if (CodeFence().IsMatch(raw))
            {
                if (id is null) throw new FormatException($"{name}, line {line}: a code block before the first '## id' heading.");
                block = new StringBuilder();
                continue;
            }
            if (raw.StartsWith("```", StringComparison.Ordinal) && id is not null)
                throw new FormatException($"{name}, line {line}: solution '{id}' opens a code block that is not ```csharp.");
            if (id is not null) prose.Append(raw).Append('\n');
        }
        if (block is not null) throw new FormatException($"{name}: the code block of solution '{id}' is never closed.");
        Finish();
        return new SolutionFile(path, solutions);
    }

    [GeneratedRegex(@"^[a-z0-9]+(-[a-z0-9]+)*$")]
    internal static partial Regex IdPattern();

    [GeneratedRegex(@"^```\s*(csharp|cs|c#)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex CodeFence();
}
