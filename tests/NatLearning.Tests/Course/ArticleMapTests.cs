using System.Text.Json;

namespace NatLearning.Tests.Course;

/// <summary>Every heading of the seed article is taught somewhere, and the map says where.</summary>
public class ArticleMapTests
{
    private static readonly HashSet<string> SmallWords = new(StringComparer.OrdinalIgnoreCase)
        { "a", "an", "the", "of", "to", "is", "for", "and", "this", "way", "as", "in", "on", "at", "or", "by", "are", "be" };

    public sealed record Entry(string Heading, string Chapter, string Section);

    private static (List<Entry> Headings, List<string> NotHeadings) Map()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(CoursePaths.ArticleMap));
        var headings = doc.RootElement.GetProperty("headings").EnumerateArray()
            .Select(e => new Entry(e.GetProperty("heading").GetString()!, e.GetProperty("chapter").GetString()!, e.GetProperty("section").GetString()!))
            .ToList();
        var not = doc.RootElement.GetProperty("not_headings").EnumerateArray().Select(e => e.GetProperty("line").GetString()!).ToList();
        return (headings, not);
    }

    private static string[] ArticleLines()
    {
        Assert.True(File.Exists(CoursePaths.Article), $"The seed article is expected at {CoursePaths.Article} (../shared/seed/article.txt from the repository root).");
        return File.ReadAllText(CoursePaths.Article).Replace("\r\n", "\n").Split('\n');
    }

    [Fact]
    public void Every_mapped_heading_is_a_line_of_the_article()
    {
        var lines = ArticleLines().Select(l => l.Trim()).ToHashSet(StringComparer.Ordinal);
        var (headings, not) = Map();
        Assert.True(headings.Count >= 20, "the map is suspiciously short");
        Assert.All(headings, h => Assert.True(lines.Contains(h.Heading), $"'{h.Heading}' is not a line of the article"));
        Assert.All(not, l => Assert.True(lines.Contains(l), $"not_headings: '{l}' is not a line of the article"));
    }

    [Fact]
    public void Headings_are_mapped_in_the_articles_order_to_chapters_in_course_order()
    {
        var lines = ArticleLines().Select(l => l.Trim()).ToList();
        var (headings, _) = Map();
        var at = -1;
        foreach (var h in headings)
        {
            var next = lines.IndexOf(h.Heading, at + 1);   // a word like "TURN" also stands alone inside a figure
            Assert.True(next > at, $"'{h.Heading}' is not found after the heading mapped before it");
            at = next;
        }
        var chapters = headings.Select(h => h.Chapter).ToList();
        Assert.Equal(chapters.Order(StringComparer.Ordinal), chapters);
        Assert.Equal(headings.Count, headings.Select(h => h.Heading).Distinct().Count());
    }

    [Fact]
    public void Existing_chapters_have_each_mapped_section_as_a_markdown_heading()
    {
        var (headings, _) = Map();
        var existing = 0;
        foreach (var group in headings.GroupBy(h => h.Chapter))
        {
            var path = Path.Combine(CoursePaths.NotebooksDir, group.Key);
            Assert.True(File.Exists(path), $"article-map.json maps headings to {group.Key}, which does not exist");
            existing++;
            var nbHeadings = Notebook.Load(path).Headings.ToHashSet(StringComparer.Ordinal);
            Assert.All(group, h => Assert.True(nbHeadings.Contains(h.Section), $"{group.Key} has no markdown heading '{h.Section}'"));
        }
        Assert.Equal(9, existing);
    }

    [Fact]
    public void No_heading_like_line_of_the_article_is_missing_from_the_map()
    {
        var (headings, not) = Map();
        var known = headings.Select(h => h.Heading).Concat(not).ToHashSet(StringComparer.Ordinal);
        var candidates = HeadingLikeLines(ArticleLines()).ToList();
        Assert.Contains("The Birth of ICE", candidates);   // the heuristic finds real headings
        Assert.DoesNotContain("Alice", candidates);        // and skips lines inside a block
        var missing = candidates.Where(c => !known.Contains(c)).ToList();
        Assert.True(missing.Count == 0, "Heading-like lines not in notebooks/article-map.json: " + string.Join(" | ", missing));
    }

    [Fact]
    public void The_chapters_do_not_copy_the_articles_sentences()
    {
        var (headings, _) = Map();
        var mapped = headings.Select(h => h.Heading).ToHashSet(StringComparer.Ordinal);
        var sentences = ArticleLines().Select(l => l.Trim())
            .Where(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length >= 5 && !mapped.Contains(l)).ToList();
        Assert.True(sentences.Count > 30, "too few article sentences found to compare");
        foreach (var path in CoursePaths.NotebookFiles)
        {
            var text = string.Join("\n", Notebook.Load(path).Cells.Select(c => c.Source));
            var copied = sentences.Where(s => text.Contains(s, StringComparison.OrdinalIgnoreCase)).ToList();
            Assert.True(copied.Count == 0, $"{Path.GetFileName(path)} copies the article: " + string.Join(" | ", copied));
        }
    }

    /// <summary>
    /// A line standing alone between blank lines, starting with a capital, with no closing punctuation, no address,
    /// arrow or box-drawing, at most seven words, and every word but the small ones capitalised.
    /// </summary>
    public static IEnumerable<string> HeadingLikeLines(IReadOnlyList<string> lines)
    {
        for (var i = 0; i < lines.Count; i++)
        {
            var l = lines[i].Trim();
            if (l.Length == 0 || !char.IsUpper(l[0])) continue;
            if (i > 0 && lines[i - 1].Trim().Length > 0) continue;
            if (i + 1 < lines.Count && lines[i + 1].Trim().Length > 0) continue;
            if (".:?!,;".Contains(l[^1]) || l.IndexOfAny([':', '<', '>', '|', '↓', '❌', '*']) >= 0) continue;
            if (System.Text.RegularExpressions.Regex.IsMatch(l, @"\d+\.\d+")) continue;
            var words = l.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length > 7) continue;
            if (words.All(w => SmallWords.Contains(w) || char.IsUpper(w[0]) || w[0] == '(')) yield return l;
        }
    }
}
