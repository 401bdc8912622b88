using Microsoft.DotNet.Interactive.Documents;

namespace NatLearning.Book;

/// <summary>A notebook after running: its executed document (outputs filled in) and the time per cell.</summary>
/// <param name="SolutionsRemoved">Cells tagged <c>solution</c> inside the notebook itself, left out of the students' edition.</param>
/// <param name="Solutions">Solutions from the chapter's solution file: run (teachers) or shown behind a toggle (students).</param>
public sealed record NotebookRun(string FileName, string Title, InteractiveDocument Document, IReadOnlyList<CellRun> Cells, TimeSpan Duration, int SolutionsRemoved, int Solutions = 0);
