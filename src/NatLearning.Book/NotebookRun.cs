using Microsoft.DotNet.Interactive.Documents;

namespace NatLearning.Book;

/// <summary>A notebook after running: its executed document (outputs filled in) and the time per cell.</summary>
public sealed record NotebookRun(string FileName, string Title, InteractiveDocument Document, IReadOnlyList<CellRun> Cells, TimeSpan Duration, int SolutionsRemoved);
