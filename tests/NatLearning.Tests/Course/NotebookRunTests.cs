using System.Globalization;

namespace NatLearning.Tests.Course;

/// <summary>
/// Runs every notebook's C# cells, in order, against the library (see <see cref="NotebookRunner"/>).
/// Exercise check cells print a line starting with "✔ Right" or "✘ Not yet"; with the solutions in, every check
/// must say right, and with the solution cells stripped (as <c>natlearn book --strip-solutions</c> does) at least one must say not yet.
/// </summary>
public class NotebookRunTests
{
    public const string Right = "✔ Right";
    public const string NotYet = "✘ Not yet";

    public static TheoryData<string> Notebooks => NotebookFormatTests.Notebooks;

    // One full run per notebook, shared by the tests that read it (compiling a chapter costs seconds).
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<Task<NotebookRun>>> FullRuns = new();

    private static Task<NotebookRun> FullRun(string file) =>
        FullRuns.GetOrAdd(file, f => new Lazy<Task<NotebookRun>>(() => NotebookRunner.RunAsync(Notebook.Load(Path.Combine(CoursePaths.NotebooksDir, f))))).Value;

    [Theory]
    [MemberData(nameof(Notebooks))]
    public async Task Runs_top_to_bottom_and_every_check_says_right(string file)
    {
        var run = await FullRun(file);
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
        if (file != "00-index.ipynb" && !CoursePaths.IsAppendix(file))
        {
            Assert.Contains(Right, run.AllOutput);
            Assert.Contains("sequenceDiagram", run.AllOutput);
            Assert.Contains("NAT table of", run.AllOutput);
            Assert.Contains("Destination", run.AllOutput);   // the packet list's header row
        }
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public async Task Without_the_solutions_the_check_says_not_yet(string file)
    {
        var nb = Notebook.Load(Path.Combine(CoursePaths.NotebooksDir, file));
        if (!nb.Cells.Any(c => c.IsSolution)) return;
        var run = await NotebookRunner.RunAsync(nb, stripSolutions: true);
        Assert.Contains(NotYet, run.AllOutput);
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public async Task Prints_the_same_every_time(string file)
    {
        var a = await FullRun(file);
        var b = await NotebookRunner.RunAsync(Notebook.Load(Path.Combine(CoursePaths.NotebooksDir, file)));
        Assert.Equal(a.AllOutput, b.AllOutput);
    }

    private static string Ms(TimeSpan t) => t.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture) + " ms";
}
