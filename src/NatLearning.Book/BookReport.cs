namespace NatLearning.Book;

/// <summary>Where the book went and how long each notebook took.</summary>
public sealed record BookReport(string OutputDirectory, IReadOnlyList<(string File, TimeSpan Duration)> Notebooks, TimeSpan Total)
{
    /// <summary>
    /// The slowest code cell that is not its notebook's first (the first loads the library and warms the compiler):
    /// the figure a class waits for once the notebook is open. Null when no notebook has a second code cell.
    /// </summary>
    public (string File, int Cell, TimeSpan Duration)? SlowestLaterCell { get; init; }
}
