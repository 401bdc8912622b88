using System.Diagnostics;
using System.Globalization;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Documents.Jupyter;

namespace NatLearning.Book;

/// <summary>
/// Runs every notebook and writes the book: per notebook the executed <c>.ipynb</c> and an HTML page, plus
/// <c>index.html</c> and the vendored scripts. Everything is built in a temporary sibling folder and swapped in only
/// when all notebooks ran, so a failed run leaves the previous book as it was.
/// </summary>
public sealed class BookBuilder(BookOptions options, TextWriter progress)
{
    public const string BookTitle = "NatLearning — NAT traversal, step by step";

    /// <summary>The file every book holds: a later build replaces a folder only when it finds this in it (or the folder is empty).</summary>
    public const string Marker = ".natlearning-book";

    public async Task<BookReport> BuildAsync(CancellationToken cancel = default)
    {
        var source = Path.GetFullPath(options.NotebooksDirectory);
        if (!Directory.Exists(source)) throw new DirectoryNotFoundException($"The notebooks folder {source} does not exist.");
        var notebooks = Directory.GetFiles(source, "*.ipynb").Order(StringComparer.Ordinal).ToList();
        if (notebooks.Count == 0) throw new FileNotFoundException($"The notebooks folder {source} holds no .ipynb files.");
        var output = Path.GetFullPath(options.OutputDirectory);
        if (IsInside(output, source) || IsInside(source, output))
            throw new ArgumentException($"The output folder {output} and the notebooks folder {source} must not contain each other: the output is replaced whole.");
        CheckTarget(output, options.Force);

        var total = Stopwatch.StartNew();
        var runs = await RunAllAsync(notebooks, cancel);

        var parent = Path.GetDirectoryName(output)!;
        Directory.CreateDirectory(parent);
        var staging = Path.Combine(parent, $".{Path.GetFileName(output)}.new-{Environment.ProcessId}");
        try
        {
            WriteBook(staging, runs, source);
            Swap(staging, output);
        }
        finally
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }

        var report = new BookReport(output, runs.Select(r => (r.FileName, r.Duration)).ToList(), total.Elapsed) { SlowestLaterCell = SlowestLaterCell(runs) };
        progress.WriteLine();
        progress.WriteLine("Summary");
        foreach (var (file, time) in report.Notebooks) progress.WriteLine($"  {Ms(time),9}  {file}");
        if (report.SlowestLaterCell is var (slowFile, slowCell, slowTime))
            progress.WriteLine($"  {Ms(slowTime),9}  slowest cell after a notebook's first ({slowFile}, cell {slowCell})");
        progress.WriteLine($"  {Ms(report.Total),9}  total, {runs.Count} notebook(s) → {Path.Combine(output, "index.html")}");
        return report;
    }

    /// <summary>
    /// Runs the notebooks on <see cref="BookOptions.Jobs"/> workers, each notebook in a kernel of its own, and prints
    /// their progress in notebook order. The first failure stops the others; the one reported is the earliest
    /// notebook's, as a run one by one would have found it.
    /// </summary>
    private async Task<List<NotebookRun>> RunAllAsync(List<string> notebooks, CancellationToken cancel)
    {
        var printer = new OrderedProgress(progress, notebooks.Count);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        var runs = new NotebookRun?[notebooks.Count];
        var failures = new Exception?[notebooks.Count];
        var next = -1;
        async Task Worker()
        {
            for (var n = Interlocked.Increment(ref next); n < notebooks.Count && !stop.IsCancellationRequested; n = Interlocked.Increment(ref next))
            {
                var name = Path.GetFileName(notebooks[n]);
                var at = n;
                printer.Line(at, $"[{at + 1}/{notebooks.Count}] {name}");
                try
                {
                    var run = await NotebookRunner.RunAsync(notebooks[at], options.Edition, (cell, count) =>
                    {
                        if (!cell.IsCode) return;
                        var mark = cell.IsHiddenSolution ? "solution, shown not run" : cell.Error is null ? "ok" : "FAILED";
                        printer.Line(at, $"    cell {cell.Number,3}/{count}  {Ms(cell.Duration),8}  {mark}");
                    }, stop.Token, options.CellTimeout);
                    var note = (run.SolutionsRemoved > 0 ? $", {run.SolutionsRemoved} solution cell(s) left out" : "")
                        + (run.Solutions > 0 ? options.Edition == BookEdition.Teachers ? $", {run.Solutions} solution(s) run" : $", {run.Solutions} solution(s) behind a toggle" : "");
                    printer.Line(at, $"    {name}: {run.Cells.Count(c => c.IsCode)} code cells in {Ms(run.Duration)}{note}");
                    runs[at] = run;
                }
                catch (Exception e)
                {
                    failures[at] = e;
                    await stop.CancelAsync();
                    return;
                }
                finally
                {
                    printer.Finished(at);
                }
            }
        }
        await Task.WhenAll(Enumerable.Range(0, Math.Min(options.Jobs, notebooks.Count)).Select(_ => Task.Run(Worker, CancellationToken.None)));

        // A notebook stopped because another failed is no failure of its own.
        foreach (var e in failures)
            if (e is not null and not OperationCanceledException) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e);
        cancel.ThrowIfCancellationRequested();
        foreach (var e in failures)
            if (e is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e);
        return [.. runs.Select(r => r!)];
    }

    private static (string, int, TimeSpan)? SlowestLaterCell(List<NotebookRun> runs) =>
        runs.SelectMany(r => r.Cells.Where(c => c.IsCode && !c.IsHiddenSolution).Skip(1).Select(c => ((string, int, TimeSpan)?)(r.FileName, c.Number, c.Duration)))
            .MaxBy(c => c!.Value.Item3);

    /// <summary>
    /// Before any notebook runs: the book replaces its folder whole, so that folder must be an earlier book, empty or
    /// new, never a folder of someone's files (<c>--out ~</c>); and it must be creatable, not a file.
    /// </summary>
    internal static void CheckTarget(string output, bool force)
    {
        if (Path.GetDirectoryName(output) is null) throw new ArgumentException($"The output folder {output} has no parent folder.");
        if (File.Exists(output)) throw new IOException($"The output {output} is a file, not a folder; the book needs a folder of its own.");
        for (var up = Path.GetDirectoryName(output); up is not null && !Directory.Exists(up); up = Path.GetDirectoryName(up))
            if (File.Exists(up)) throw new IOException($"Cannot write the book to {output}: {up} is a file, not a folder.");
        if (force || !Directory.Exists(output) || IsBook(output) || !Directory.EnumerateFileSystemEntries(output).Any()) return;
        throw new IOException($"The output folder {output} holds files and is not a book natlearn wrote (it has no {Marker}); " +
                              "the book replaces its folder whole, so nothing was changed. Choose another --out, or give --force to replace it.");
    }

    // Books written before the marker existed are recognised by their index and vendored Mermaid.
    private static bool IsBook(string dir) => File.Exists(Path.Combine(dir, Marker))
        || (File.Exists(Path.Combine(dir, "index.html")) && File.Exists(Path.Combine(dir, BookAssets.Folder, BookAssets.Mermaid)));

    private static void WriteBook(string dir, List<NotebookRun> runs, string source)
    {
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, Marker), "This folder is a book written by `natlearn book`, which replaces it whole on the next build.\n");
        BookAssets.WriteTo(dir);
        var chapters = runs.Select(r => r.FileName).ToHashSet(StringComparer.Ordinal);
        var glossary = Path.Combine(source, PageRenderer.GlossarySource);
        var hasGlossary = File.Exists(glossary);
        if (hasGlossary) File.WriteAllText(Path.Combine(dir, PageRenderer.GlossaryPage), PageRenderer.Glossary(File.ReadAllText(glossary), chapters));
        for (var i = 0; i < runs.Count; i++)
        {
            var run = runs[i];
            // No default language: the notebook keeps its own kernelspec (asking for one makes the writer cast the parsed
            // polyglot_notebook metadata, which is plain JSON, to a KernelInfoCollection and throw).
            File.WriteAllText(Path.Combine(dir, run.FileName), Notebook.ToJupyterJson(WithoutHiddenSolutions(run)));
            File.WriteAllText(Path.Combine(dir, PageRenderer.PageName(run.FileName)),
                PageRenderer.Page(run, i > 0 ? runs[i - 1] : null, i + 1 < runs.Count ? runs[i + 1] : null, chapters, hasGlossary));
        }
        File.WriteAllText(Path.Combine(dir, "index.html"), PageRenderer.Index(BookTitle, runs, hasGlossary));
    }

    /// <summary>The students' edition's .ipynb leaves the solutions out: a student who downloads it and runs all sees "✘ Not yet".</summary>
    private static InteractiveDocument WithoutHiddenSolutions(NotebookRun run)
    {
        if (!run.Cells.Any(c => c.IsHiddenSolution)) return run.Document;
        var hidden = run.Cells.Where(c => c.IsHiddenSolution).Select(c => c.Element).ToHashSet();
        var copy = new InteractiveDocument([.. run.Document.Elements.Where(e => !hidden.Contains(e))]);
        foreach (var (key, value) in run.Document.Metadata) copy.Metadata[key] = value;
        return copy;
    }

    /// <summary>Moves the old book aside, the new one in, then deletes the old; if the second move fails the old one goes back.</summary>
    private static void Swap(string staging, string output)
    {
        var old = output + $".old-{Environment.ProcessId}";
        var hadOld = Directory.Exists(output);
        if (hadOld) Directory.Move(output, old);
        try
        {
            Directory.Move(staging, output);
        }
        catch
        {
            if (hadOld) Directory.Move(old, output);
            throw;
        }
        if (hadOld) Directory.Delete(old, recursive: true);
    }

    private static bool IsInside(string path, string folder)
    {
        var f = Path.TrimEndingDirectorySeparator(folder) + Path.DirectorySeparatorChar;
        return (Path.TrimEndingDirectorySeparator(path) + Path.DirectorySeparatorChar).StartsWith(f, StringComparison.Ordinal);
    }

    internal static string Ms(TimeSpan t) => t.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + " s";
}
