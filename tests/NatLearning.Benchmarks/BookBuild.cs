using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using NatLearning.Book;

namespace NatLearning.Benchmarks;

/// <summary>
/// The whole book: every notebook under notebooks/ run in a fresh kernel and written as pages, <see cref="Jobs"/> at a time.
/// Target (issue 19): under 15 s on the 2-core machine for `dotnet run --project src/NatLearning.Cli -- book`, which this
/// process cannot show whole: it runs neither the command's up-to-date check nor with the CLI's ReadyToRun compiler and
/// runtime settings (`--book` does: it runs the command itself). Each run is cold on purpose (a fresh kernel per notebook
/// is what the command does).
/// Run: dotnet build src/NatLearning.Interactive &amp;&amp; dotnet run -c Release --project tests/NatLearning.Benchmarks -- --filter '*BookBuild*'
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 0, iterationCount: 3)]
public class BookBuild
{
    private string _notebooks = null!;
    private string _out = null!;

    [GlobalSetup]
    public void Setup()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "NatLearning.sln"))) root = root.Parent;
        _notebooks = Path.Combine(root?.FullName ?? throw new InvalidOperationException("Run from inside the NatLearning checkout."), "notebooks");
        _out = Path.Combine(Path.GetTempPath(), "natlearn-bench-book");
    }

    [Params(1, 2)]
    public int Jobs { get; set; }

    [Benchmark]
    public Task<BookReport> WholeBook() =>
        new BookBuilder(new BookOptions { NotebooksDirectory = _notebooks, OutputDirectory = _out, Jobs = Jobs }, TextWriter.Null).BuildAsync();

    [GlobalCleanup]
    public void Cleanup()
    {
        if (Directory.Exists(_out)) Directory.Delete(_out, recursive: true);
    }
}
