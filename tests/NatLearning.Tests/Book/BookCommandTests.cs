using NatLearning.Cli;

namespace NatLearning.Tests.Book;

[Collection(BookCollection.Name)]
public sealed class BookCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("natlearn-cmd-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_failing_cell_exits_non_zero_naming_notebook_and_cell_and_says_the_old_book_is_kept()
    {
        var notebooks = Directory.CreateDirectory(Path.Combine(_dir, "notebooks")).FullName;
        var book = Path.Combine(_dir, "book");
        TestNotebook.Write(Path.Combine(notebooks, "01-ok.ipynb"), "1 + 1");
        Assert.Equal(0, NatLearnCommand.Run(["book", "--notebooks", notebooks, "--out", book], TextWriter.Null, TextWriter.Null));
        var index = File.ReadAllText(Path.Combine(book, "index.html"));

        TestNotebook.Write(Path.Combine(notebooks, "02-bad.ipynb"), TestNotebook.Markdown("# Bad"), "var y = undefinedName;");
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = NatLearnCommand.Run(["book", "--notebooks", notebooks, "--out", book], output, error);

        Assert.Equal(1, exit);
        Assert.StartsWith("natlearn book: 02-bad.ipynb, cell 2: ", error.ToString());
        Assert.Contains("CS0103", error.ToString());
        Assert.Contains("previous book", error.ToString());
        Assert.Contains("cell   2/2", output.ToString());
        Assert.Equal(index, File.ReadAllText(Path.Combine(book, "index.html")));
        Assert.False(File.Exists(Path.Combine(book, "02-bad.html")));
    }

    [Fact]
    public void Out_naming_a_folder_of_other_files_exits_1_in_one_line_and_leaves_every_file()
    {
        var notebooks = Directory.CreateDirectory(Path.Combine(_dir, "notebooks")).FullName;
        TestNotebook.Write(Path.Combine(notebooks, "01-ok.ipynb"), "1 + 1");
        var home = Directory.CreateDirectory(Path.Combine(_dir, "home")).FullName;
        File.WriteAllText(Path.Combine(home, ".bashrc"), "export EDITOR=vi");
        var output = new StringWriter();
        var error = new StringWriter();

        var exit = NatLearnCommand.Run(["book", "--notebooks", notebooks, "--out", home], output, error);

        Assert.Equal(1, exit);
        var line = Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"natlearn: The output folder {home} holds files and is not a book", line);
        Assert.Equal("", output.ToString());
        Assert.Equal([".bashrc"], Directory.GetFileSystemEntries(home).Select(Path.GetFileName));
        Assert.Equal("export EDITOR=vi", File.ReadAllText(Path.Combine(home, ".bashrc")));
    }

    [Fact]
    public void Unknown_folder_is_one_line_and_exit_1()
    {
        var error = new StringWriter();
        Assert.Equal(1, NatLearnCommand.Run(["book", "--notebooks", Path.Combine(_dir, "nope"), "--out", Path.Combine(_dir, "out")], TextWriter.Null, error));
        Assert.Contains("does not exist", error.ToString());
        Assert.False(Directory.Exists(Path.Combine(_dir, "out")));
    }
}
