using System.CommandLine;
using NatLearning.Book;

namespace NatLearning.Cli.Commands;

/// <summary><c>natlearn book [--notebooks DIR] [--out DIR] [--strip-solutions]</c>: runs every notebook and writes the offline HTML book.</summary>
internal static class BookCommand
{
    public static Command Build()
    {
        var notebooks = new Option<DirectoryInfo>("--notebooks") { Description = "Folder of .ipynb chapters, run in file-name order.", DefaultValueFactory = _ => new DirectoryInfo("notebooks") };
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder the book is written to; replaced whole, and only when every notebook ran. A folder that holds other files is refused (see --force).", DefaultValueFactory = _ => new DirectoryInfo(Path.Combine("artifacts", "book")) };
        var force = new Option<bool>("--force") { Description = "Replace the --out folder even when it is not an earlier book (everything in it is deleted)." };
        var strip = new Option<bool>("--strip-solutions") { Description = "Leave out cells tagged \"solution\" (the students' edition)." };
        var timeout = OptionValues.Whole("--cell-timeout", "Seconds a cell may run before the book fails (1 to 86400).", 600, 1, 86_400);
        var cmd = new Command("book", "Run every notebook headlessly and write an offline HTML book (executed .ipynb + one page each + index.html).") { notebooks, output, force, strip, timeout };
        cmd.SetAction(parse =>
        {
            var options = new BookOptions
            {
                NotebooksDirectory = parse.GetValue(notebooks)!.FullName,
                OutputDirectory = parse.GetValue(output)!.FullName,
                Force = parse.GetValue(force),
                StripSolutions = parse.GetValue(strip),
                CellTimeout = TimeSpan.FromSeconds(parse.GetValue(timeout)),
            };
            var o = parse.InvocationConfiguration.Output;
            try
            {
                new BookBuilder(options, o).BuildAsync().GetAwaiter().GetResult();
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
