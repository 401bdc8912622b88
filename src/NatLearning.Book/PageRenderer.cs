using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Markdig;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Microsoft.DotNet.Interactive.Documents;

namespace NatLearning.Book;

/// <summary>Turns executed notebooks into the book's HTML pages and its index.</summary>
public static partial class PageRenderer
{
    private static readonly MarkdownPipeline Markdown = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    public static string PageName(string notebookFileName) => Path.GetFileNameWithoutExtension(notebookFileName) + ".html";

    public const string GlossarySource = "glossary.md";
    public const string GlossaryPage = "glossary.html";

    public static string Page(NotebookRun run, NotebookRun? previous, NotebookRun? next, IReadOnlyCollection<string>? chapters = null, bool glossary = false)
    {
        var body = new StringBuilder();
        foreach (var cell in run.Cells)
        {
            var e = cell.Element;
            if (cell.IsHiddenSolution)
            {
                // The students' edition: the answer is there for whoever wants it, but only on purpose, and never run.
                body.Append("<div class=\"cell\"><details class=\"solution\"><summary>Show solution</summary><pre><code>").Append(E(e.Contents)).Append("</code></pre>");
                if (cell.Solution is { Explanation.Length: > 0 } s) body.Append(LinksToPages(Markdig.Markdown.ToHtml(s.Explanation, Markdown), chapters ?? []));
                body.Append("</details></div>\n");
                continue;
            }
            if (NotebookRunner.IsMarkdown(e))
            {
                var html = Markdig.Markdown.ToHtml(e.Contents ?? "", Markdown);
                body.Append("<div class=\"cell markdown\">").Append(chapters is null ? html : LinksToPages(html, chapters)).Append("</div>\n");
                continue;
            }
            body.Append(cell.Solution is null ? "<div class=\"cell\">" : "<div class=\"cell solution-run\">")
                .Append("<details class=\"code\" open><summary>In [").Append(e.ExecutionOrder).Append("] — cell ").Append(cell.Number)
                .Append(cell.Solution is null ? "" : " — solution (teachers' edition)").Append("</summary><pre><code>").Append(E(e.Contents)).Append("</code></pre></details>\n");
            foreach (var o in e.Outputs) body.Append("<div class=\"output\">").Append(Output(o)).Append("</div>\n");
            body.Append("</div>\n");
        }
        var pager = new StringBuilder("<footer class=\"pager\"><span>");
        if (previous is not null) pager.Append($"<a href=\"{PageName(previous.FileName)}\">← {E(previous.Title)}</a>");
        pager.Append("</span><span>");
        if (next is not null) pager.Append($"<a href=\"{PageName(next.FileName)}\">{E(next.Title)} →</a>");
        pager.Append("</span></footer>");
        return Shell(run.Title, Nav(previous, next, glossary) + "<main>" + body + pager + "</main>", usesPlotly: UsesPlotly(body.ToString()));
    }

    /// <summary>The glossary page, from the notebooks folder's <c>glossary.md</c>; chapters link a term's first use to its heading.</summary>
    public static string Glossary(string markdown, IReadOnlyCollection<string> chapters) =>
        Shell("Glossary", Nav(null, null, glossary: true) + "<main class=\"glossary\">" + LinksToPages(Markdig.Markdown.ToHtml(markdown, Markdown), chapters) + "</main>", usesPlotly: false);

    /// <summary>A chapter linking to another chapter's .ipynb (as notebooks do for VS Code) links to its page in the book.</summary>
    internal static string LinksToPages(string html, IReadOnlyCollection<string> chapters) =>
        GlossaryLink().Replace(NotebookLink().Replace(html, m => chapters.Contains(m.Groups[1].Value + ".ipynb")
            ? $"href=\"{m.Groups[1].Value}.html{m.Groups[2].Value}\""
            : m.Value), m => $"href=\"{GlossaryPage}{m.Groups[1].Value}\"");

    [GeneratedRegex(@"href=""([^""/:#?]+)\.ipynb(#[^""]*)?""")]
    private static partial Regex NotebookLink();

    [GeneratedRegex(@"href=""(?:\./)?glossary\.md(#[^""]*)?""")]
    private static partial Regex GlossaryLink();

    /// <summary>plotly.js is 4.8 MB: only pages whose outputs draw charts (any script naming Plotly) load it.</summary>
    internal static bool UsesPlotly(string html) => html.Contains("Plotly", StringComparison.Ordinal);

    public static string Index(string bookTitle, IReadOnlyList<NotebookRun> runs, bool glossary = false)
    {
        var sb = new StringBuilder($"<main><h1>{E(bookTitle)}</h1><ol class=\"toc\">");
        foreach (var r in runs)
        {
            var page = PageName(r.FileName);
            sb.Append($"<li><a href=\"{page}\">{E(r.Title)}</a> <span class=\"time\">{r.FileName}</span>");
            var sections = Sections(r).ToList();
            if (sections.Count > 0)
                sb.Append("<ul class=\"sections\">").AppendJoin("", sections.Select(h => $"<li><a href=\"{page}#{E(h.Id)}\">{E(h.Text)}</a></li>")).Append("</ul>");
            sb.Append("</li>");
        }
        sb.Append("</ol>");
        if (glossary) sb.Append($"<p class=\"glossary-link\"><a href=\"{GlossaryPage}\">Glossary</a>: every term of the course, with its RFC and the chapter that teaches it.</p>");
        sb.Append("</main>");
        return Shell(bookTitle, Nav(null, runs.Count > 0 ? runs[0] : null, glossary) + sb, usesPlotly: false);
    }

    /// <summary>A page's second-level headings, with the ids Markdig gives them on the page (each markdown cell is rendered alone, as here).</summary>
    internal static IEnumerable<(string Id, string Text)> Sections(NotebookRun run) =>
        from c in run.Cells
        where NotebookRunner.IsMarkdown(c.Element)
        from h in Markdig.Markdown.Parse(c.Element.Contents ?? "", Markdown).Descendants<HeadingBlock>()
        where h.Level == 2 && h.GetAttributes().Id is not null && h.Inline is not null
        select (h.GetAttributes().Id!, string.Concat(h.Inline!.Descendants<Inline>().Select(i => i switch
        {
            LiteralInline l => l.Content.ToString(),
            CodeInline code => code.Content,
            _ => "",
        })));

    private static string Nav(NotebookRun? previous, NotebookRun? next, bool glossary = false)
    {
        var sb = new StringBuilder("<nav class=\"book\"><a href=\"index.html\">☰ Contents</a>");
        if (glossary) sb.Append($"<a href=\"{GlossaryPage}\">Glossary</a>");
        if (previous is not null) sb.Append($"<a href=\"{PageName(previous.FileName)}\">← Previous</a>");
        if (next is not null) sb.Append($"<a href=\"{PageName(next.FileName)}\">Next →</a>");
        sb.Append("<span class=\"spacer\"></span><button onclick=\"toggleCode(true)\">Show code</button><button onclick=\"toggleCode(false)\">Hide code</button></nav>");
        return sb.ToString();
    }

    private static string Shell(string title, string body, bool usesPlotly) => $"""
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{E(title)}</title>
<style>{BookStyles.Css}</style>
<script src="{BookAssets.Folder}/{BookAssets.Mermaid}"></script>
{(usesPlotly ? $"<script src=\"{BookAssets.Folder}/{BookAssets.Plotly}\"></script>" : "")}
<script>{BookStyles.Script}</script>
</head>
<body>
{body}
</body>
</html>
""";

    internal static string Output(InteractiveDocumentOutputElement o) => o switch
    {
        TextElement t => $"<pre class=\"{(t.Name == "stderr" ? "stderr" : "stdout")}\">{E(t.Text)}</pre>",
        ErrorElement err => $"<pre class=\"error\">{E(err.ErrorName)}: {E(err.ErrorValue)}</pre>",
        DisplayElement d => Data(d.Data),
        ReturnValueElement r => Data(r.Data),
        _ => "",
    };

    private static string Data(IDictionary<string, object> data)
    {
        if (data.TryGetValue("text/html", out var html)) return WithoutNotebookOnlyScripts(Text(html));
        if (data.TryGetValue("text/markdown", out var md)) return Markdig.Markdown.ToHtml(Text(md), Markdown);
        if (data.TryGetValue("text/plain", out var plain)) return $"<pre>{E(Text(plain))}</pre>";
        return "";
    }

    // Outputs may arrive as a string or, from a read notebook, as a list of lines.
    private static string Text(object value) => value switch
    {
        string s => s,
        IEnumerable<object> lines => string.Concat(lines),
        _ => value.ToString() ?? "",
    };

    /// <summary>
    /// Views mark the scripts that only fetch libraries for a live notebook with <c>data-notebook-only</c>; the book
    /// drops them and draws with its own vendored copies, so no page refers to a CDN.
    /// </summary>
    internal static string WithoutNotebookOnlyScripts(string html) => NotebookOnlyScript().Replace(html, "");

    [GeneratedRegex(@"<script\b[^>]*\bdata-notebook-only\b[^>]*>.*?</script>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex NotebookOnlyScript();

    private static string E(string? s) => WebUtility.HtmlEncode(s ?? "");
}
