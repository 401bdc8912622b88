namespace NatLearning.Book;

/// <summary>Where the book went and how long each notebook took.</summary>
public sealed record BookReport(string OutputDirectory, IReadOnlyList<(string File, TimeSpan Duration)> Notebooks, TimeSpan Total);
