namespace NatLearning.Book;

/// <summary>What <see cref="BookBuilder"/> runs and where it writes.</summary>
public sealed record BookOptions
{
    /// <summary>Folder whose <c>*.ipynb</c> files are the chapters, in file-name order.</summary>
    public required string NotebooksDirectory { get; init; }
    /// <summary>The book folder; replaced whole only when every notebook ran.</summary>
    public required string OutputDirectory { get; init; }
    /// <summary>Leave out cells tagged <c>solution</c> (for the students' edition).</summary>
    public bool StripSolutions { get; init; }
}
