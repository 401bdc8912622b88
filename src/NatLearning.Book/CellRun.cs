using Microsoft.DotNet.Interactive.Documents;

namespace NatLearning.Book;

/// <summary>One cell after running: where it is, how long it took, what it showed.</summary>
/// <param name="Number">Position in the notebook as the editor numbers it, from 1 (markdown cells count).</param>
public sealed record CellRun(int Number, InteractiveDocumentElement Element, TimeSpan Duration, string? Error)
{
    public bool IsCode => !NotebookRunner.IsMarkdown(Element);
}
