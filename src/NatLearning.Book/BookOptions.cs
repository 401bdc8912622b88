namespace NatLearning.Book;

/// <summary>What <see cref="BookBuilder"/> runs and where it writes.</summary>
public sealed record BookOptions
{
    /// <summary>Folder whose <c>*.ipynb</c> files are the chapters, in file-name order; their solutions are in its <c>solutions/</c> folder.</summary>
    public required string NotebooksDirectory { get; init; }
    /// <summary>The book folder; replaced whole only when every notebook ran.</summary>
    public required string OutputDirectory { get; init; }
    /// <summary>The students' edition (the default) shows solutions behind a toggle without running them; the teachers' runs them.</summary>
    public BookEdition Edition { get; init; } = BookEdition.Students;
    /// <summary>Replace the output folder even when it is not an earlier book (it holds no <see cref="BookBuilder.Marker"/>).</summary>
    public bool Force { get; init; }
    /// <summary>
    /// Notebooks run at the same time, each in its own kernel (one process, so the compiler's JIT work is shared).
    /// One per core by default: a notebook is mostly one thread of compiling and running.
    /// </summary>
    public int Jobs
    {
        get;
        init => field = value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(Jobs), value, "At least one notebook must run at a time.");
    } = Environment.ProcessorCount;
    /// <summary>A cell still running after this long fails the run (a stuck notebook must not hang CI).</summary>
    public TimeSpan CellTimeout
    {
        get;
        init => field = value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(CellTimeout), value, "The cell timeout must be positive.");
    } = TimeSpan.FromMinutes(10);
}
