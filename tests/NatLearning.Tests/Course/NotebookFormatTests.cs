using System.Text.Json;
using System.Text.RegularExpressions;

namespace NatLearning.Tests.Course;

/// <summary>The course notebooks as files: format, kernel metadata, no outputs, the agreed first cell.</summary>
public partial class NotebookFormatTests
{
    /// <summary>The loading cell agreed with the interactive layer; every notebook starts with exactly this.</summary>
    public const string LoadingCell =
        "#r \"../src/NatLearning.Interactive/bin/Debug/net10.0/NatLearning.Interactive.dll\"\n" +
        "NatLearning.Interactive.Course.Load();";

    public static TheoryData<string> Notebooks => [.. CoursePaths.NotebookFiles.Select(p => Path.GetFileName(p))];

    private static Notebook Load(string file) => Notebook.Load(Path.Combine(CoursePaths.NotebooksDir, file));

    [Fact]
    public void The_course_has_an_index_and_the_chapters_written_so_far()
    {
        var files = CoursePaths.NotebookFiles.Select(Path.GetFileName).ToList();
        Assert.Equal("00-index.ipynb", files[0]);
        foreach (var n in new[] { "01", "02", "03", "04", "05", "06", "07", "08", "09" })
            Assert.Contains(files, f => f!.StartsWith(n + "-", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Is_nbformat_4_with_the_dotnet_interactive_csharp_kernel(string file)
    {
        var nb = Load(file);
        Assert.Equal(4, nb.NbFormat);
        Assert.Equal(".net-csharp", nb.Metadata.GetProperty("kernelspec").GetProperty("name").GetString());
        Assert.Equal("csharp", nb.Metadata.GetProperty("language_info").GetProperty("name").GetString());
        var kernelInfo = nb.Metadata.GetProperty("polyglot_notebook").GetProperty("kernelInfo");
        Assert.Equal("csharp", kernelInfo.GetProperty("defaultKernelName").GetString());
        Assert.Contains(kernelInfo.GetProperty("items").EnumerateArray(), i => i.GetProperty("name").GetString() == "csharp");
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Is_committed_without_outputs_or_execution_counts(string file)
    {
        var nb = Load(file);
        Assert.All(nb.CodeCells, c =>
        {
            Assert.True(c.OutputCount == 0, $"{file} cell {c.Index} has {c.OutputCount} outputs; clear them before committing");
            Assert.False(c.HasExecutionCount, $"{file} cell {c.Index} has an execution count; clear outputs before committing");
        });
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void First_cell_loads_the_library_and_no_other_cell_does(string file)
    {
        var nb = Load(file);
        var first = nb.Cells[0];
        Assert.True(first.IsCode, $"{file}: the first cell must be the loading code cell");
        Assert.Equal(LoadingCell, first.Source.Replace("\r\n", "\n").Trim());
        Assert.All(nb.CodeCells.Skip(1), c => Assert.DoesNotMatch(MagicLine(), c.Source));
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Every_network_has_a_fixed_seed(string file)
    {
        var nb = Load(file);
        Assert.All(nb.CodeCells, c => Assert.DoesNotMatch(UnseededNetwork(), c.Source));
    }

    [Fact]
    public void Every_chapter_has_the_teaching_parts()
    {
        foreach (var path in CoursePaths.NotebookFiles.Skip(1).Where(p => !CoursePaths.IsAppendix(p)))
        {
            var nb = Notebook.Load(path);
            var code = string.Join("\n", nb.CodeCells.Select(c => c.Source));
            var text = string.Join("\n", nb.MarkdownCells.Select(c => c.Source));
            // trace.ToDiagram() draws in the notebook and the book; ToMermaid() is only the text, which the book cannot draw.
            Assert.True(code.Contains(".ToDiagram(", StringComparison.Ordinal), $"{nb.FileName}: no Mermaid sequence diagram (trace.ToDiagram())");
            Assert.False(code.Contains(".ToMermaid(", StringComparison.Ordinal), $"{nb.FileName}: shows Mermaid as text; use trace.ToDiagram(), which draws and offers the source to copy");
            // A trace shown as itself (the rich packet list in a notebook) or as text.
            Assert.True(System.Text.RegularExpressions.Regex.IsMatch(code, @"\.Trace\s*(\)|;|$)|\.ToPacketList\(", System.Text.RegularExpressions.RegexOptions.Multiline),
                $"{nb.FileName}: no packet trace");
            Assert.True(code.Contains(".Table", StringComparison.Ordinal) || code.Contains(".NatTables(", StringComparison.Ordinal), $"{nb.FileName}: no NAT table");
            Assert.True(text.Contains("Predict, then run", StringComparison.Ordinal), $"{nb.FileName}: no 'Predict, then run' question");
            Assert.True(text.Contains("## Exercise", StringComparison.Ordinal), $"{nb.FileName}: no exercise section");
        }
    }

    /// <summary>The chapters whose exercises the course promises: at least three each (predict, change a parameter, read a table or packet).</summary>
    public static TheoryData<string> ExerciseChapters => [.. CoursePaths.NotebookFiles.Select(p => Path.GetFileName(p))
        .Where(f => string.CompareOrdinal(f, "02") >= 0 && string.CompareOrdinal(f, "10") < 0)];

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Is_the_students_edition_with_no_solution_inside(string file)
    {
        var nb = Load(file);
        Assert.All(nb.Cells, c => Assert.False(c.IsSolution, $"{file} cell {c.Index} is tagged solution; solutions live in notebooks/solutions/{Path.GetFileNameWithoutExtension(file)}.md"));
    }

    [Theory]
    [MemberData(nameof(ExerciseChapters))]
    public void Has_three_exercises_each_with_a_check_after_it_and_a_solution_apart(string file)
    {
        var nb = Load(file);
        var exercises = nb.Cells.Where(c => c.ExerciseId is not null).ToList();
        Assert.True(exercises.Count >= 3, $"{file} has {exercises.Count} exercise(s) (cells tagged exercise:ID); a chapter needs at least three");
        foreach (var e in exercises)
        {
            Assert.True(e.IsCode, $"{file} cell {e.Index}: exercise:{e.ExerciseId} is on a markdown cell; it belongs on the code cell the student edits");
            var checks = nb.Cells.Where(c => c.CheckId == e.ExerciseId).ToList();
            Assert.True(checks.Count == 1 && checks[0].Index > e.Index && checks[0].IsCode,
                $"{file}: exercise:{e.ExerciseId} needs exactly one code cell tagged check:{e.ExerciseId} after it (found {checks.Count})");
        }
        Assert.All(nb.Cells.Where(c => c.CheckId is not null), c => Assert.Contains(exercises, e => e.ExerciseId == c.CheckId));
        var solutions = NatLearning.Book.SolutionFile.For(nb.Path);
        Assert.True(solutions is not null, $"{file}: no {NatLearning.Book.SolutionFile.PathFor(nb.Path)}");
        Assert.Equal(exercises.Select(e => e.ExerciseId!).Order(StringComparer.Ordinal), solutions!.Solutions.Select(s => s.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_solution_file_belongs_to_a_notebook()
    {
        var dir = Path.Combine(CoursePaths.NotebooksDir, NatLearning.Book.SolutionFile.Folder);
        if (!Directory.Exists(dir)) return;
        foreach (var md in Directory.GetFiles(dir, "*.md"))
            Assert.True(File.Exists(Path.Combine(CoursePaths.NotebooksDir, Path.GetFileNameWithoutExtension(md) + ".ipynb")), $"{md} has no notebook");
    }

    [Theory]
    [InlineData("04-translation-tables-and-the-hole.ipynb")]
    [InlineData("05-hole-punching.ipynb")]
    [InlineData("06-stun-and-discovery.ipynb")]
    [InlineData("07-nat-types.ipynb")]
    [InlineData("08-turn-and-tradeoffs.ipynb")]
    [InlineData("09-ice.ipynb")]
    public void The_protocol_chapters_let_the_student_step_through_the_trace(string file)
    {
        var code = string.Join("\n", Load(file).CodeCells.Select(c => c.Source));
        Assert.Contains(".ToPlayer(", code, StringComparison.Ordinal);
    }

    [Fact]
    public void The_index_links_every_chapter_and_only_existing_files()
    {
        var index = Notebook.Load(Path.Combine(CoursePaths.NotebooksDir, "00-index.ipynb"));
        var links = index.MarkdownCells.SelectMany(c => NotebookLink().Matches(c.Source)).Select(m => m.Groups[1].Value).ToList();
        Assert.All(links, l => Assert.True(File.Exists(Path.Combine(CoursePaths.NotebooksDir, l)), $"the index links {l}, which does not exist"));
        Assert.Equal(CoursePaths.NotebookFiles.Skip(1).Where(p => !CoursePaths.IsAppendix(p)).Select(p => Path.GetFileName(p)), links.Where(l => !CoursePaths.IsAppendix(l)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_course_cites_the_published_figures_it_teaches_with()
    {
        var text = string.Join("\n", CoursePaths.NotebookFiles.Select(p => Notebook.Load(p)).SelectMany(n => n.MarkdownCells).Select(c => c.Source));
        Assert.Contains("Ford, Srisuresh and Kegel", text);
        Assert.Contains("**82 %**", text);
        Assert.Contains("callstats.io", text);
        Assert.Contains("**22 %**", text);
    }

    [GeneratedRegex(@"^\s*#(r|!|i)\b", RegexOptions.Multiline)]
    private static partial Regex MagicLine();

    [GeneratedRegex(@"\]\(([^)]+\.ipynb)\)")]
    private static partial Regex NotebookLink();

    [GeneratedRegex(@"new\s+Network\s*\(\s*\)")]
    private static partial Regex UnseededNetwork();
}
