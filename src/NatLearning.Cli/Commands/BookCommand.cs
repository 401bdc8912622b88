using System.CommandLine;
using NatLearning.Book;

namespace NatLearning.Cli.Commands;

/// <summary><c>natlearn book [--notebooks DIR] [--out DIR] [--with-solutions] [--jobs N]</c>: runs every notebook and writes the offline HTML book.</summary>
internal static class BookCommand
{
    public static Command Build()
    {
        var notebooks = new Option<DirectoryInfo>("--notebooks") { Description = "Folder of .ipynb chapters, run in file-name order.", DefaultValueFactory = _ => new DirectoryInfo("notebooks") };
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder the book is written to; replaced whole, and only when every notebook ran. A folder that holds other files is refused (see --force).", DefaultValueFactory = _ => new DirectoryInfo(Path.Combine("artifacts", "book")) };
        var force = new Option<bool>("--force") { Description = "Replace the --out folder even when it is not an earlier book (everything in it is deleted)." };
        var solutions = new Option<bool>("--with-solutions") { Description = "The teachers' edition: run each chapter's solutions (notebooks/solutions/*.md), so every check says \"✔ Right\". Without it, the students' edition: solutions behind a \"show solution\" toggle, not run." };
        var timeout = OptionValues.Whole("--cell-timeout", "Seconds a cell may run before the book fails (1 to 86400).", 600, 1, 86_400);
        var jobs = OptionValues.Whole("--jobs", "Notebooks run at the same time, each in its own kernel (1 to 64; default: one per core).", Environment.ProcessorCount, 1, 64);
        var cmd = new Command("book", "Run every notebook headlessly and write an offline HTML book (executed .ipynb + one page each + index.html).") { notebooks, output, force, solutions, timeout, jobs };
        cmd.SetAction(parse =>
        {
            var options = new BookOptions
            {
                NotebooksDirectory = parse.GetValue(notebooks)!.FullName,
                OutputDirectory = parse.GetValue(output)!.FullName,
                Edition = parse.GetValue(solutions) ? BookEdition.Teachers : BookEdition.Students,
                Force = parse.GetValue(force),
                CellTimeout = TimeSpan.FromSeconds(parse.GetValue(timeout)),
                Jobs = parse.GetValue(jobs),
            };
            var o = parse.InvocationConfiguration.Output;
            try
            {
                new BookBuilder(options, o).BuildAsync().GetAwaiter().GetResult();
                o.WriteLine($"  {System.Diagnostics.Process.GetCurrentProcess().PeakWorkingSet64 / 1e6,6:0} MB peak working set");
                return 0;
            }
            catch (CellFailedException e)
            {
                var kept = Directory.Exists(options.OutputDirectory) ? $"the previous book in {options.OutputDirectory} is unchanged" : "no book was written";
                parse.InvocationConfiguration.Error.WriteLine($"natlearn book: {e.Message}\n({kept})");
                return 1;
            }
        });
        return cmd;
    }
}
