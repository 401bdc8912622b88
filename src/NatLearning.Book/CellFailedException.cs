namespace NatLearning.Book;

/// <summary>A notebook cell failed; the message names the notebook, the cell (as numbered in the editor, from 1) and the error.</summary>
public sealed class CellFailedException(string notebook, int cell, string error)
    : Exception($"{notebook}, cell {cell}: {error}")
{
    public string Notebook { get; } = notebook;
    public int Cell { get; } = cell;
    public string Error { get; } = error;
}
