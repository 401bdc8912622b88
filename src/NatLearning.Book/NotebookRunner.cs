using System.Diagnostics;
using System.Text;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Documents.Jupyter;
using Microsoft.DotNet.Interactive.Events;

namespace NatLearning.Book;

/// <summary>Runs one notebook, cell by cell, in a fresh kernel, and collects each cell's outputs as the editor would show them.</summary>
public static class NotebookRunner
{
    private const string Mermaid = "mermaid";
    private const string HtmlKernel = "html";

    public static bool IsMarkdown(InteractiveDocumentElement e) => string.Equals(e.KernelName, "markdown", StringComparison.OrdinalIgnoreCase);

    /// <summary>The kernels a notebook may name; others are reported as a cell error.</summary>
    public static KernelInfoCollection KernelInfos()
    {
        var infos = new KernelInfoCollection
        {
            new(NotebookKernel.CSharp, "C#", ["c#", "C#"]), new("markdown", "Markdown", ["md"]),
            new(Mermaid, "Mermaid", []), new(HtmlKernel, "HTML", []),
        };
        infos.DefaultKernelName = NotebookKernel.CSharp;
        return infos;
    }

    /// <summary>
    /// Runs every code cell in order. The working directory is the notebook's folder while it runs, as in VS Code, so
    /// relative <c>#r</c> paths resolve the same way (<see cref="NotebookFolder"/>: notebooks run at the same time share it). The first failing cell stops the run with a <see cref="CellFailedException"/>.
    /// The chapter's solutions (<see cref="SolutionFile"/>) are merged in after their exercise cells: run in the
    /// teachers' edition, only shown in the students' (where solution cells inside the notebook itself are left out).
    /// </summary>
    public static async Task<NotebookRun> RunAsync(string path, BookEdition edition, Action<CellRun, int>? onCell = null, CancellationToken cancel = default, TimeSpan? cellTimeout = null)
    {
        var fileName = Path.GetFileName(path);
        var json = await File.ReadAllTextAsync(path, cancel);
        var removed = 0;
        if (edition == BookEdition.Students) (json, removed) = SolutionCells.Strip(json);
        var solutionFile = SolutionFile.For(path);
        if (solutionFile is not null) json = SolutionCells.Merge(json, solutionFile, fileName);
        var solutionAt = SolutionsByCell(json, solutionFile);
        InteractiveDocument doc;
        try
        {
            doc = Notebook.Parse(json, KernelInfos());
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new FormatException($"{fileName} is not a notebook .NET Interactive can read: {e.Message}", e);
        }
        if (doc.Elements.Count != solutionAt.Count)
            throw new FormatException($"{fileName}: .NET Interactive read {doc.Elements.Count} cells where the file has {solutionAt.Count}.");

        var total = Stopwatch.StartNew();
        var cells = new List<CellRun>();
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        SharedReferences.AddFrom(doc.Elements.Where(e => !IsMarkdown(e)).Select(e => e.Contents ?? ""), folder);
        using (NotebookFolder.Enter(folder))
        {
            using var kernel = NotebookKernel.Create();
            var executionCount = 0;
            for (var i = 0; i < doc.Elements.Count; i++)
            {
                var element = doc.Elements[i];
                var watch = Stopwatch.StartNew();
                string? error = null;
                var solution = solutionAt[i];
                var hidden = solution is not null && edition == BookEdition.Students;
                if (hidden)
                {
                    element.Outputs.Clear();
                }
                else if (DisplayOnly(element) is { } shown)
                {
                    element.Outputs.Clear();
                    element.Outputs.Add(new DisplayElement(new Dictionary<string, object> { ["text/html"] = shown }));
                }
                else if (!IsMarkdown(element) && !string.IsNullOrWhiteSpace(element.Contents))
                {
                    element.ExecutionOrder = ++executionCount;
                    var submission = kernel.SendAsync(new SubmitCode(element.Contents, element.KernelName ?? NotebookKernel.CSharp), cancel);
                    var limit = cellTimeout ?? TimeSpan.FromMinutes(10);
                    using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancel);
                    var finished = await Task.WhenAny(submission, Task.Delay(limit, timer.Token));
                    await timer.CancelAsync();   // no ten-minute timer left behind per cell
                    if (finished != submission)
                    {
                        cancel.ThrowIfCancellationRequested();   // stopped, not timed out
                        throw new CellFailedException(fileName, i + 1, $"still running after {limit.TotalSeconds:0.#} s (the cell timeout)");
                    }
                    var result = await submission;
                    element.Outputs.Clear();
                    element.Outputs.AddRange(Outputs(result.Events, out error));
                    // Jupyter numbers a result with its cell's execution count.
                    foreach (var value in element.Outputs.OfType<ReturnValueElement>()) value.ExecutionOrder = element.ExecutionOrder;
                }
                var run = new CellRun(i + 1, element, watch.Elapsed, error) { Solution = solution, IsHiddenSolution = hidden };
                cells.Add(run);
                onCell?.Invoke(run, doc.Elements.Count);
                if (error is not null) throw new CellFailedException(fileName, run.Number, error);
            }
        }
        return new NotebookRun(fileName, TitleOf(doc, fileName), doc, cells, total.Elapsed, removed, solutionAt.Count(s => s is not null));
    }

    /// <summary>Per cell of the merged notebook, the solution it holds (null for every other cell).</summary>
    private static List<Solution?> SolutionsByCell(string json, SolutionFile? file)
    {
        var cells = System.Text.Json.Nodes.JsonNode.Parse(json)?["cells"] as System.Text.Json.Nodes.JsonArray ?? [];
        var byId = file?.Solutions.ToDictionary(s => s.Id, StringComparer.Ordinal) ?? [];
        var result = new List<Solution?>(cells.Count);
        for (var i = 0; i < cells.Count; i++)
        {
            var merged = i > 0 && SolutionCells.IsSolution(cells[i]) && SolutionCells.ExerciseId(cells[i - 1]) is { } id && byId.ContainsKey(id);
            result.Add(merged ? byId[SolutionCells.ExerciseId(cells[i - 1])!] : null);
        }
        return result;
    }

    /// <summary>
    /// Polyglot's Mermaid and HTML cells only show their text (VS Code draws them itself), so they are shown, not run:
    /// Mermaid as a block the page draws, HTML as it is.
    /// </summary>
    private static string? DisplayOnly(InteractiveDocumentElement e) => e.KernelName?.ToLowerInvariant() switch
    {
        Mermaid => $"<pre class=\"mermaid\">{System.Net.WebUtility.HtmlEncode(e.Contents)}</pre>",
        HtmlKernel => e.Contents,
        _ => null,
    };

    /// <summary>The events of one submission as notebook outputs; <paramref name="error"/> is set when the cell failed.</summary>
    internal static List<InteractiveDocumentOutputElement> Outputs(IEnumerable<KernelEvent> events, out string? error)
    {
        error = null;
        var outputs = new List<InteractiveDocumentOutputElement>();
        var byValueId = new Dictionary<string, int>(StringComparer.Ordinal);
        StringBuilder? stdout = null;
        void FlushStdout()
        {
            if (stdout is null) return;
            outputs.Add(new TextElement(stdout.ToString(), "stdout"));
            stdout = null;
        }

        foreach (var e in events)
        {
            switch (e)
            {
                case StandardOutputValueProduced o:
                    (stdout ??= new StringBuilder()).Append(Plain(o));
                    break;
                case StandardErrorValueProduced o:
                    FlushStdout();
                    outputs.Add(new TextElement(Plain(o), "stderr"));
                    break;
                case DisplayedValueUpdated u when u.ValueId is not null && byValueId.TryGetValue(u.ValueId, out var at):
                    outputs[at] = new DisplayElement(Data(u));
                    break;
                case ReturnValueProduced r:
                    FlushStdout();
                    var value = new ReturnValueElement();
                    foreach (var (mime, v) in Data(r)) value.Data[mime] = v;
                    outputs.Add(value);
                    break;
                case ErrorProduced p:
                    FlushStdout();
                    outputs.Add(new ErrorElement("Error", p.Message, []));
                    break;
                case DisplayEvent d:
                    FlushStdout();
                    if (d.ValueId is not null) byValueId[d.ValueId] = outputs.Count;
                    outputs.Add(new DisplayElement(Data(d)));
                    break;
                case CommandFailed f:
                    FlushStdout();
                    error = f.Message;
                    outputs.Add(new ErrorElement(f.Exception?.GetType().Name ?? "Error", f.Message, (f.Exception?.StackTrace ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)));
                    break;
            }
        }
        FlushStdout();
        return outputs;
    }

    private static string Plain(DisplayEvent e) => e.FormattedValues.FirstOrDefault(v => v.MimeType == "text/plain")?.Value ?? "";

    private static Dictionary<string, object> Data(DisplayEvent e) => e.FormattedValues.ToDictionary(v => v.MimeType, v => (object)v.Value);

    /// <summary>The first Markdown heading, else the file name.</summary>
    internal static string TitleOf(InteractiveDocument doc, string fileName)
    {
        foreach (var e in doc.Elements.Where(IsMarkdown))
            foreach (var line in (e.Contents ?? "").Split('\n'))
                if (line.StartsWith('#')) return line.TrimStart('#').Trim();
        return Path.GetFileNameWithoutExtension(fileName);
    }
}
