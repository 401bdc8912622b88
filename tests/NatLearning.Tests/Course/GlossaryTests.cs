using System.Text.RegularExpressions;

namespace NatLearning.Tests.Course;

/// <summary>
/// notebooks/glossary.md: every link a chapter makes into it lands on an anchor it has, and every entry says where the
/// IETF defines the term and which chapter teaches it. Also the index's contents against the chapters' own titles.
/// </summary>
public partial class GlossaryTests
{
    private static string GlossaryPath => Path.Combine(CoursePaths.NotebooksDir, "glossary.md");

    private static HashSet<string> Anchors() =>
        AnchorTag().Matches(File.ReadAllText(GlossaryPath)).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);

    [Fact]
    public void Every_glossary_link_in_the_course_lands_on_an_anchor_of_the_glossary()
    {
        var anchors = Anchors();
        var links = CoursePaths.NotebookFiles.Select(p => Notebook.Load(p))
            .SelectMany(nb => nb.MarkdownCells.SelectMany(c => GlossaryLink().Matches(c.Source)).Select(m => (nb.FileName, Anchor: m.Groups[1].Value)))
            .ToList();
        Assert.NotEmpty(links);
        var broken = links.Where(l => !anchors.Contains(l.Anchor)).Select(l => $"{l.FileName}: glossary.md#{l.Anchor}").Distinct().ToList();
        Assert.True(broken.Count == 0, "links to anchors glossary.md does not have: " + string.Join(", ", broken));
    }

    [Fact]
    public void Every_anchor_is_lower_case_words_joined_by_hyphens_and_unique()
    {
        var all = AnchorTag().Matches(File.ReadAllText(GlossaryPath)).Select(m => m.Groups[1].Value).ToList();
        Assert.True(all.Count >= 30, $"the glossary has only {all.Count} anchors");
        Assert.All(all, a => Assert.Matches("^[a-z0-9]+(-[a-z0-9]+)*$", a));
        Assert.Equal(all.Count, all.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Every_entry_names_its_RFC_and_a_chapter_that_exists()
    {
        var text = File.ReadAllText(GlossaryPath).Replace("\r\n", "\n", StringComparison.Ordinal);
        var entries = Regex.Split(text, @"^### ", RegexOptions.Multiline).Skip(1).ToList();
        Assert.True(entries.Count >= 30, $"the glossary has only {entries.Count} entries");
        foreach (var entry in entries)
        {
            var term = entry.Split('\n')[0];
            Assert.True(Regex.IsMatch(entry, @"\*RFC \d{4}"), $"glossary entry '{term}' names no RFC (a line '*RFC NNNN §x · chapter*')");
            var chapters = ChapterLink().Matches(entry).Select(m => m.Groups[1].Value).ToList();
            Assert.True(chapters.Count > 0, $"glossary entry '{term}' names no chapter");
            Assert.All(chapters, c => Assert.True(File.Exists(Path.Combine(CoursePaths.NotebooksDir, c)), $"glossary entry '{term}' links {c}, which does not exist"));
        }
    }

    [Fact]
    public void The_index_calls_each_chapter_by_its_own_title()
    {
        var index = Notebook.Load(Path.Combine(CoursePaths.NotebooksDir, "00-index.ipynb"));
        var rows = IndexRow().Matches(string.Join("\n", index.MarkdownCells.Select(c => c.Source))).ToList();
        Assert.NotEmpty(rows);
        foreach (var row in rows)
        {
            var (number, title, file) = (row.Groups[1].Value, row.Groups[2].Value, row.Groups[3].Value);
            Assert.StartsWith(number + "-", file, StringComparison.Ordinal);
            var h1 = Notebook.Load(Path.Combine(CoursePaths.NotebooksDir, file)).MarkdownCells
                .SelectMany(c => c.Source.Split('\n')).First(l => l.StartsWith("# ", StringComparison.Ordinal));
            Assert.Equal($"# {number} · {title}", h1.TrimEnd());
        }
    }

    [GeneratedRegex(@"<a id=""([^""]+)""></a>")]
    private static partial Regex AnchorTag();

    [GeneratedRegex(@"\]\(glossary\.md#([^)\s]+)\)")]
    private static partial Regex GlossaryLink();

    [GeneratedRegex(@"\]\((\d\d-[^)]+\.ipynb)\)")]
    private static partial Regex ChapterLink();

    [GeneratedRegex(@"^\|\s*(\d\d)\s*\|\s*\[([^\]]+)\]\(([^)]+\.ipynb)\)", RegexOptions.Multiline)]
    private static partial Regex IndexRow();
}
