using System.Globalization;

namespace NatLearning.Tests.Course;

/// <summary>
/// Runs every notebook's C# cells, in order, against the library (see <see cref="NotebookRunner"/>), in both editions.
/// Each exercise's check cell shows one line: as committed (the students' edition) it starts with "✘ Not yet", with the
/// chapter's solutions merged in (the teachers' edition, <c>natlearn book --with-solutions</c>) with "✔ Right". So a
/// check that cannot fail, or a solution that does not solve, is caught.
/// </summary>
public class NotebookRunTests
{
    public const string Right = "✔ Right";
    public const string NotYet = "✘ Not yet";

    public static TheoryData<string> Notebooks => NotebookFormatTests.Notebooks;

    // One run per notebook and edition, shared by the tests that read it (compiling a chapter costs seconds).
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string, bool), Lazy<Task<NotebookRun>>> Runs = new();

    internal static Task<NotebookRun> Run(string file, bool withSolutions) =>
        Runs.GetOrAdd((file, withSolutions), k => new Lazy<Task<NotebookRun>>(() =>
            NotebookRunner.RunAsync(Notebook.Load(Path.Combine(CoursePaths.NotebooksDir, k.Item1), k.Item2)))).Value;

    [Theory]
    [MemberData(nameof(Notebooks))]
    public async Task With_the_solutions_it_runs_top_to_bottom_and_every_check_says_right(string file)
    {
        var run = await Run(file, withSolutions: true);
        var output = TestContext.Current.TestOutputHelper!;
        output.WriteLine($"{file}: {run.Cells.Count} cells, run {Ms(run.TotalRun)}, compile {Ms(run.TotalCompile)}, slowest cell {run.Slowest.Index} {Ms(run.Slowest.Run)}");
        foreach (var c in run.Cells) output.WriteLine($"  cell {c.Index,3}: run {Ms(c.Run),10}  compile {Ms(c.Compile),10}");
        if (Environment.GetEnvironmentVariable("NATLEARN_COURSE_DUMP") is { Length: > 0 } dir)
        {
            // What each cell showed, for authors reading their chapter without a notebook front end.
            Directory.CreateDirectory(dir);
            await File.WriteAllTextAsync(Path.Combine(dir, Path.ChangeExtension(file, ".txt")),
                string.Join("\n", run.Cells.Select(c => $"===== cell {c.Index} ({Ms(c.Run)}) =====\n" + string.Join("\n", c.Output))),
                TestContext.Current.CancellationToken);
        }
        // Cell times are printed above for the record; the speed target itself lives in the BookBuild benchmark,
        // since a timed assertion fails on a busy machine without anything being wrong.
        Assert.DoesNotContain(NotYet, run.AllOutput);
        Assert.All(run.Checks, c => Assert.True(c.Value.Count == 1 && c.Value[0].StartsWith(Right, StringComparison.Ordinal),
            $"{file}, check:{c.Key} with its solution showed: {string.Join(" | ", c.Value)}"));
        if (file != "00-index.ipynb" && !CoursePaths.IsAppendix(file))
        {
            Assert.Contains("sequenceDiagram", run.AllOutput);
            Assert.Contains("NAT table of", run.AllOutput);
            Assert.Contains("Destination", run.AllOutput);   // the packet list's header row
        }
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public async Task As_committed_every_check_says_not_yet_with_a_hint(string file)
    {
        var nb = Notebook.Load(Path.Combine(CoursePaths.NotebooksDir, file));
        var run = await Run(file, withSolutions: false);
        Assert.Equal(nb.Cells.Where(c => c.CheckId is not null).Select(c => c.CheckId!).Order(StringComparer.Ordinal), run.Checks.Keys.Order(StringComparer.Ordinal));
        Assert.DoesNotContain(Right, run.AllOutput);
        Assert.All(run.Checks, c =>
        {
            Assert.True(c.Value.Count == 1, $"{file}, check:{c.Key} showed {c.Value.Count} outputs; a check shows exactly one line");
            Assert.True(c.Value[0].StartsWith(NotYet, StringComparison.Ordinal), $"{file}, check:{c.Key} says before any answer: {c.Value[0]}");
            // "✘ Not yet" alone helps nobody: the hint says what to read.
            Assert.True(c.Value[0].Length >= NotYet.Length + 20, $"{file}, check:{c.Key} gives no hint: {c.Value[0]}");
        });
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public async Task Prints_the_same_every_time(string file)
    {
        var a = await Run(file, withSolutions: true);
        var b = await NotebookRunner.RunAsync(Notebook.Load(Path.Combine(CoursePaths.NotebooksDir, file), withSolutions: true));
        Assert.Equal(a.AllOutput, b.AllOutput);
    }

    private static string Ms(TimeSpan t) => t.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture) + " ms";
}
