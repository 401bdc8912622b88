using System.Text.RegularExpressions;
using System.Text.Json.Nodes;
using NatLearning.Book;

namespace NatLearning.Tests.Book;

[Collection(BookCollection.Name)]
public sealed class BookBuilderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("natlearn-book-").FullName;
    private string Notebooks => Path.Combine(_dir, "notebooks");
    private string Out => Path.Combine(_dir, "out");

    public BookBuilderTests() => Directory.CreateDirectory(Notebooks);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private Task<BookReport> Build(BookEdition edition = BookEdition.Students, TextWriter? progress = null, TimeSpan? cellTimeout = null, bool force = false, string? output = null, int jobs = 2) =>
        new BookBuilder(new BookOptions { NotebooksDirectory = Notebooks, OutputDirectory = output ?? Out, Edition = edition, CellTimeout = cellTimeout ?? TimeSpan.FromMinutes(5), Force = force, Jobs = jobs }, progress ?? TextWriter.Null)
            .BuildAsync(TestContext.Current.CancellationToken);

    private static List<(string, string)> Snapshot(string dir) =>
        Directory.GetFiles(dir, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Select(f => (f, File.ReadAllText(f))).ToList();

    [Fact]
    public async Task A_folder_of_other_files_is_refused_before_any_notebook_runs_and_left_as_it_was()
    {
        TestNotebook.Write(Path.Combine(Notebooks, "01-ok.ipynb"), "1 + 1");
        Directory.CreateDirectory(Path.Combine(Out, "photos"));
        File.WriteAllText(Path.Combine(Out, "thesis.tex"), "three years of work");
        File.WriteAllText(Path.Combine(Out, "photos", "cat.jpg"), "meow");
        var before = Snapshot(Out);
        var progress = new StringWriter();

        var e = await Assert.ThrowsAsync<IOException>(() => Build(progress: progress));

        Assert.Contains(Out, e.Message);
        Assert.Contains("--force", e.Message);
        Assert.Equal("", progress.ToString());   // refused before the first notebook ran
        Assert.Equal(before, Snapshot(Out));
        Assert.Equal(["notebooks", "out"], Directory.GetFileSystemEntries(_dir).Select(Path.GetFileName).Order());
    }

    [Fact]
    public async Task Force_replaces_such_a_folder_and_every_book_carries_the_marker_that_lets_the_next_build_replace_it()
    {
        TestNotebook.Write(Path.Combine(Notebooks, "01-ok.ipynb"), "1 + 1");
        Directory.CreateDirectory(Out);
        File.WriteAllText(Path.Combine(Out, "old-notes.txt"), "x");

        await Build(force: true);
        Assert.False(File.Exists(Path.Combine(Out, "old-notes.txt")));
        Assert.True(File.Exists(Path.Combine(Out, BookBuilder.Marker)));

        File.WriteAllText(Path.Combine(Out, "stray.txt"), "left in an earlier book");
        await Build();   // an earlier book is replaced without --force
        Assert.False(File.Exists(Path.Combine(Out, "stray.txt")));
        Assert.True(File.Exists(Path.Combine(Out, "01-ok.html")));
    }

    [Fact]
    public async Task An_empty_folder_is_used()
    {
        TestNotebook.Write(Path.Combine(Notebooks, "01-ok.ipynb"), "1 + 1");
        Directory.CreateDirectory(Out);
        await Build();
        Assert.True(File.Exists(Path.Combine(Out, "index.html")));
    }

    [Fact]
    public async Task An_output_that_is_a_file_or_lies_under_one_is_refused_before_any_notebook_runs()
    {
        TestNotebook.Write(Path.Combine(Notebooks, "01-ok.ipynb"), "1 + 1");
        var file = Path.Combine(_dir, "notes.txt");
        File.WriteAllText(file, "mine");
        var progress = new StringWriter();

        var e = await Assert.ThrowsAsync<IOException>(() => Build(progress: progress, output: file));
        Assert.Contains("is a file, not a folder", e.Message);
        e = await Assert.ThrowsAsync<IOException>(() => Build(progress: progress, output: Path.Combine(file, "book")));
        Assert.Contains($"{file} is a file", e.Message);

        Assert.Equal("", progress.ToString());
        Assert.Equal("mine", File.ReadAllText(file));
    }

    [Fact]
    public async Task Writes_executed_notebooks_pages_index_and_assets_with_prev_next_links()
    {
        TestNotebook.Write(Path.Combine(Notebooks, "01-first.ipynb"), TestNotebook.Markdown("# First chapter"), TestNotebook.LoadCell,
            "using NatLearning.Scenarios;\nScenarioCatalog.Get(\"nat-rule\").Run().Trace", "Console.WriteLine(\"hello from stdout\");");
        TestNotebook.Write(Path.Combine(Notebooks, "02-second.ipynb"), TestNotebook.Markdown("# Second chapter\n\nBack to [the first](01-first.ipynb#top), or [elsewhere](other.ipynb).\n\n## The `answer`, computed"), "1 + 41");
        var progress = new StringWriter();

        var report = await Build(progress: progress);

        Assert.Equal(["01-first.ipynb", "02-second.ipynb"], report.Notebooks.Select(n => n.File));
        var index = File.ReadAllText(Path.Combine(Out, "index.html"));
        Assert.Contains("<a href=\"01-first.html\">First chapter</a>", index);
        Assert.Contains("<a href=\"02-second.html\">Second chapter</a>", index);
        Assert.Contains("<a href=\"02-second.html#the-answer-computed\">The answer, computed</a>", index);   // the contents link sections
        var first = File.ReadAllText(Path.Combine(Out, "01-first.html"));
        Assert.Contains("<tr class=\"proto-udp dropped\">", first);       // the formatter ran inside the notebook
        Assert.Contains("hello from stdout", first);
        Assert.Contains("href=\"02-second.html\"", first);
        Assert.Contains("<details class=\"code\" open>", first);
        Assert.Contains("<script src=\"assets/mermaid.min.js\"></script>", first);
        Assert.DoesNotContain("https://", first);
        var second = File.ReadAllText(Path.Combine(Out, "02-second.html"));
        Assert.Contains(">42<", second);
        Assert.Contains("id=\"the-answer-computed\"", second);
        Assert.Contains("<a href=\"01-first.html#top\">the first</a>", second);   // links between chapters go to their pages
        Assert.Contains("<a href=\"other.ipynb\">elsewhere</a>", second);        // anything else is left alone
        Assert.True(new FileInfo(Path.Combine(Out, "assets", "mermaid.min.js")).Length > 1_000_000);
        var executed = JsonNode.Parse(File.ReadAllText(Path.Combine(Out, "01-first.ipynb")))!;
        var outputs = executed["cells"]!.AsArray().SelectMany(c => c!["outputs"]?.AsArray() ?? []).ToList();
        Assert.Contains(outputs, o => o!["data"]?["text/html"] is not null);
        Assert.Contains("01-first.ipynb: 3 code cells", progress.ToString());
        Assert.Contains("total, 2 notebook(s)", progress.ToString());
    }

    [Fact]
    public async Task Notebooks_run_together_print_in_notebook_order_and_share_one_copy_of_what_they_reference()
    {
        // The first notebook is the slowest: the others finish first, yet their lines come after its own.
        const string probe = "var a = typeof(NatLearning.Interactive.Course).Assembly;\n$\"copy {a.GetHashCode()} in {System.Runtime.Loader.AssemblyLoadContext.GetLoadContext(a)!.Name}\"";
        TestNotebook.Write(Path.Combine(Notebooks, "01-slow.ipynb"), TestNotebook.LoadCell, "System.Threading.Thread.Sleep(1500);", probe);
        for (var n = 2; n <= 4; n++) TestNotebook.Write(Path.Combine(Notebooks, $"0{n}-quick.ipynb"), TestNotebook.LoadCell, probe);
        var progress = new StringWriter();

        var report = await Build(progress: progress, jobs: 3);

        var lines = progress.ToString().Split('\n', StringSplitOptions.TrimEntries);
        var headers = lines.Select((l, i) => (l, i)).Where(x => x.l.StartsWith('[')).ToList();
        Assert.Equal(["[1/4] 01-slow.ipynb", "[2/4] 02-quick.ipynb", "[3/4] 03-quick.ipynb", "[4/4] 04-quick.ipynb"], headers.Select(h => h.l));
        Assert.Equal("01-slow.ipynb: 3 code cells", lines[headers[1].i - 1].Split(" in ")[0]);   // notebook 1's lines all come before notebook 2's header
        var copies = report.Notebooks.Select(n => Regex.Match(File.ReadAllText(Path.Combine(Out, Path.ChangeExtension(n.File, ".html"))), "copy (\\d+) in (\\w+)")).ToList();
        Assert.All(copies, c => Assert.True(c.Success));
        Assert.Single(copies.Select(c => c.Groups[1].Value).Distinct());        // one copy for every kernel ...
        Assert.All(copies, c => Assert.Equal("Default", c.Groups[2].Value));    // ... in the default context, like the core library
    }

    [Fact]
    public async Task A_failing_cell_names_notebook_and_cell_and_leaves_the_previous_book_intact()
    {
        TestNotebook.Write(Path.Combine(Notebooks, "01-ok.ipynb"), "var answer = 42;");
        await Build();
        var before = Directory.GetFiles(Out, "*", SearchOption.AllDirectories).Order().Select(f => (f, File.ReadAllText(f).Length)).ToList();

        TestNotebook.Write(Path.Combine(Notebooks, "02-broken.ipynb"), TestNotebook.Markdown("# Broken"), "var x = 1;", "throw new InvalidOperationException(\"deliberately broken\");");
        var e = await Assert.ThrowsAsync<CellFailedException>(() => Build());

        Assert.Equal("02-broken.ipynb", e.Notebook);
        Assert.Equal(3, e.Cell);
        Assert.StartsWith("02-broken.ipynb, cell 3: ", e.Message);
        Assert.Contains("deliberately broken", e.Message);
        var after = Directory.GetFiles(Out, "*", SearchOption.AllDirectories).Order().Select(f => (f, File.ReadAllText(f).Length)).ToList();
        Assert.Equal(before, after);
        Assert.Equal(["notebooks", "out"], Directory.GetFileSystemEntries(_dir).Select(Path.GetFileName).Order());   // no staging folder left behind
    }

    [Fact]
    public async Task The_students_edition_leaves_out_solution_cells_inside_the_notebook()
    {
        var path = Path.Combine(Notebooks, "01-exercise.ipynb");
        TestNotebook.Write(path, "var question = 6 * 7;", "question + 1000");
        var nb = JsonNode.Parse(File.ReadAllText(path))!;
        nb["cells"]![1]!["metadata"]!["tags"] = new JsonArray("solution");
        File.WriteAllText(path, nb.ToJsonString());

        await Build();

        var page = File.ReadAllText(Path.Combine(Out, "01-exercise.html"));
        Assert.Contains("var question", page);
        Assert.DoesNotContain("question + 1000", page);
        Assert.DoesNotContain("1042", page);
    }

    /// <summary>A chapter with one exercise: the student's cell, the check, and the solution kept in solutions/.</summary>
    private void WriteExercise()
    {
        var path = Path.Combine(Notebooks, "01-exercise.ipynb");
        TestNotebook.Write(path, TestNotebook.Markdown("# Exercise chapter"), "var answer = 0;   // ← type the answer", "answer == 42 ? \"✔ Right: \" + answer : \"✘ Not yet: \" + answer + \" is not six sevens\"");
        var nb = JsonNode.Parse(File.ReadAllText(path))!;
        nb["cells"]![1]!["metadata"]!["tags"] = new JsonArray("exercise:six-times-seven");
        nb["cells"]![2]!["metadata"]!["tags"] = new JsonArray("check:six-times-seven");
        File.WriteAllText(path, nb.ToJsonString());
        Directory.CreateDirectory(Path.Combine(Notebooks, "solutions"));
        File.WriteAllText(Path.Combine(Notebooks, "solutions", "01-exercise.md"),
            "# Solutions\n\n## six-times-seven\n\nSix rows of seven.\n\n```csharp\nanswer = 6 * 7;\n```\n");
    }

    [Fact]
    public async Task The_students_edition_shows_the_solution_behind_a_toggle_without_running_it()
    {
        WriteExercise();
        var progress = new StringWriter();

        await Build(progress: progress);

        var page = File.ReadAllText(Path.Combine(Out, "01-exercise.html"));
        Assert.Equal(["✘ Not yet: 0 is not six sevens"], Outputs(page));
        Assert.Contains("<details class=\"solution\"><summary>Show solution</summary><pre><code>answer = 6 * 7;</code></pre><p>Six rows of seven.</p>", page);
        Assert.Contains("1 solution(s) behind a toggle", progress.ToString());
        // The downloadable notebook is the students' too: running it all leaves the check at "not yet".
        var executed = File.ReadAllText(Path.Combine(Out, "01-exercise.ipynb"));
        Assert.DoesNotContain("answer = 6 * 7", executed);
    }

    [Fact]
    public async Task The_teachers_edition_runs_the_solution_so_the_check_says_right()
    {
        WriteExercise();

        await Build(BookEdition.Teachers);

        var page = File.ReadAllText(Path.Combine(Out, "01-exercise.html"));
        Assert.Equal(["✔ Right: 42"], Outputs(page));
        Assert.Contains("solution (teachers' edition)", page);
        Assert.Contains("answer = 6 * 7", File.ReadAllText(Path.Combine(Out, "01-exercise.ipynb")));
    }

    /// <summary>The text of a page's cell outputs that are plain strings (a string value shows as HTML-encoded text).</summary>
    private static List<string> Outputs(string page) =>
        [.. System.Text.RegularExpressions.Regex.Matches(page, "<div class=\"output\">(.*?)</div>", System.Text.RegularExpressions.RegexOptions.Singleline)
            .Select(m => System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Replace(m.Groups[1].Value, "<[^>]+>", "")).Trim())
            .Where(o => o.StartsWith('✔') || o.StartsWith('✘'))];

    [Fact]
    public async Task A_solution_without_its_exercise_stops_the_run_before_anything_is_written()
    {
        WriteExercise();
        File.AppendAllText(Path.Combine(Notebooks, "solutions", "01-exercise.md"), "\n## no-such-exercise\n\n```csharp\nanswer = 1;\n```\n");

        var e = await Assert.ThrowsAsync<FormatException>(() => Build());

        Assert.Contains("exercise:no-such-exercise", e.Message);
        Assert.False(Directory.Exists(Out));
    }

    [Fact]
    public async Task The_glossary_becomes_a_page_and_chapters_link_into_it()
    {
        TestNotebook.Write(Path.Combine(Notebooks, "01-first.ipynb"), TestNotebook.Markdown("# First\n\nA [mapping](glossary.md#mapping) is a row."), "1");
        File.WriteAllText(Path.Combine(Notebooks, "glossary.md"), "# Glossary\n\n## Mapping\n\nA row of the NAT table ([chapter 1](01-first.ipynb)).\n");

        await Build();

        Assert.Contains("<a href=\"glossary.html#mapping\">mapping</a>", File.ReadAllText(Path.Combine(Out, "01-first.html")));
        var glossary = File.ReadAllText(Path.Combine(Out, "glossary.html"));
        Assert.Contains("id=\"mapping\"", glossary);
        Assert.Contains("<a href=\"01-first.html\">chapter 1</a>", glossary);
        Assert.Contains("href=\"glossary.html\"", File.ReadAllText(Path.Combine(Out, "index.html")));
    }

    [Fact]
    public async Task A_cell_that_runs_too_long_fails_the_run_naming_it()
    {
        // The limit leaves room for the first cell, which warms up the C# compiler (seconds on a busy machine).
        TestNotebook.Write(Path.Combine(Notebooks, "01-slow.ipynb"), "1", "System.Threading.Thread.Sleep(30_000);");
        var e = await Assert.ThrowsAsync<CellFailedException>(() => Build(cellTimeout: TimeSpan.FromSeconds(15)));
        Assert.Equal(("01-slow.ipynb", 2), (e.Notebook, e.Cell));
        Assert.Contains("still running after 15 s", e.Message);
        Assert.False(Directory.Exists(Out));
    }

    [Fact]
    public async Task Results_carry_their_cells_execution_count()
    {
        TestNotebook.Write(Path.Combine(Notebooks, "01-count.ipynb"), "var a = 1;", "a + 1");
        await Build();
        var cell = JsonNode.Parse(File.ReadAllText(Path.Combine(Out, "01-count.ipynb")))!["cells"]![1]!;
        Assert.Equal(2, cell["execution_count"]!.GetValue<int>());
        Assert.Equal(2, cell["outputs"]![0]!["execution_count"]!.GetValue<int>());
    }

    [Fact]
    public async Task Polyglot_mermaid_and_html_cells_are_shown_not_run()
    {
        var path = Path.Combine(Notebooks, "01-cells.ipynb");
        TestNotebook.Write(path, "sequenceDiagram\n    Alice->>Bob: hi", "<b id=\"raw\">raw html</b>");
        var nb = JsonNode.Parse(File.ReadAllText(path))!;
        nb["cells"]![0]!["metadata"]!["polyglot_notebook"]!["kernelName"] = "mermaid";
        nb["cells"]![1]!["metadata"]!["polyglot_notebook"]!["kernelName"] = "html";
        File.WriteAllText(path, nb.ToJsonString());

        await Build();

        var page = File.ReadAllText(Path.Combine(Out, "01-cells.html"));
        Assert.Contains("<pre class=\"mermaid\">sequenceDiagram\n    Alice-&gt;&gt;Bob: hi</pre>", page);
        Assert.Contains("<div class=\"output\"><b id=\"raw\">raw html</b></div>", page);
    }

    [Fact]
    public async Task Missing_notebooks_folder_is_a_clear_error()
    {
        Directory.Delete(Notebooks);
        var e = await Assert.ThrowsAsync<DirectoryNotFoundException>(() => Build());
        Assert.Contains(Notebooks, e.Message);
    }
}
