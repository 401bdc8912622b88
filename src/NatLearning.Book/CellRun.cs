using Microsoft.DotNet.Interactive.Documents;

namespace NatLearning.Book;

/// <summary>One cell after running: where it is, how long it took, what it showed.</summary>
/// <param name="Number">Position in the notebook as the editor numbers it, from 1 (markdown cells count).</param>
public sealed record CellRun(int Number, InteractiveDocumentElement Element, TimeSpan Duration, string? Error)
{
    public bool IsCode => !NotebookRunner.IsMarkdown(Element);

    /// <summary>A solution from the chapter's solution file; in the students' edition it is shown behind a toggle, not run.</summary>
    public Solution? Solution { get; init; }

    /// <summary>A solution that was shown and not run (the students' edition).</summary>
    public bool IsHiddenSolution { get; init; }
}
