using System.Text.Json.Nodes;
using NatLearning.Book;

namespace NatLearning.Tests.Book;

public class SolutionFileTests
{
    private const string Notebook = """
    {"cells":[
      {"cell_type":"markdown","metadata":{},"source":["## Exercise"]},
      {"cell_type":"code","metadata":{"tags":["exercise:read-the-port"]},"source":["var port = 0;"]},
      {"cell_type":"code","metadata":{"tags":["check:read-the-port"]},"source":["port == 54000 ? \"✔ Right\" : \"✘ Not yet\""]}
    ],"metadata":{},"nbformat":4,"nbformat_minor":5}
    """;

    private static SolutionFile File(string markdown) => SolutionFile.Parse(markdown, "/x/solutions/04-table.md");

    [Fact]
    public void Reads_each_heading_as_an_exercise_id_with_its_prose_and_its_one_code_block()
    {
        var file = File("# Solutions, chapter 04\n\n## read-the-port\n\nThe row's inside global.\n\n```csharp\nport = 54000;\n```\n\n## second-one\n```cs\nvar a = 1;\nvar b = 2;\n```\n");
        Assert.Equal(["read-the-port", "second-one"], file.Solutions.Select(s => s.Id));
        Assert.Equal("The row's inside global.", file.Solutions[0].Explanation);
        Assert.Equal("port = 54000;", file.Solutions[0].Code);
        Assert.Equal("var a = 1;\nvar b = 2;", file.Solutions[1].Code);
    }

    [Theory]
    [InlineData("## read-the-port\n\nno code\n", "has 0 ```csharp blocks")]
    [InlineData("## read-the-port\n```csharp\na\n```\n```csharp\nb\n```\n", "has 2 ```csharp blocks")]
    [InlineData("## Read The Port\n```csharp\na\n```\n", "is not an exercise id")]
    [InlineData("## a\n```csharp\na\n```\n## a\n```csharp\nb\n```\n", "a second solution for 'a'")]
    [InlineData("## a\n```python\nprint(1)\n```\n", "not ```csharp")]
    [InlineData("## a\n```csharp\nnever closed\n", "never closed")]
    public void A_malformed_file_names_the_line_and_what_is_wrong(string markdown, string message)
    {
        var e = Assert.Throws<FormatException>(() => File(markdown));
        Assert.Contains("04-table.md", e.Message);
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void Merging_puts_the_solution_right_after_the_students_cell_tagged_solution()
    {
        var merged = JsonNode.Parse(SolutionCells.Merge(Notebook, File("## read-the-port\n```csharp\nport = 54000;\n```\n"), "04-table.ipynb"))!["cells"]!.AsArray();
        Assert.Equal(4, merged.Count);
        Assert.Equal("read-the-port", SolutionCells.ExerciseId(merged[1]));
        Assert.True(SolutionCells.IsSolution(merged[2]));
        Assert.Equal("port = 54000;", merged[2]!["source"]![0]!.GetValue<string>());
        Assert.Equal("read-the-port", SolutionCells.CheckId(merged[3]));
    }

    [Fact]
    public void An_exercise_without_a_solution_is_an_error_naming_it()
    {
        var e = Assert.Throws<FormatException>(() => SolutionCells.Merge(Notebook, File("# none\n"), "04-table.ipynb"));
        Assert.Contains("exercise 'read-the-port' has no solution in 04-table.md", e.Message);
    }

    [Fact]
    public void Solutions_live_in_the_solutions_folder_beside_the_notebook()
    {
        Assert.Equal(Path.Combine("/course", "solutions", "04-table.md"), SolutionFile.PathFor("/course/04-table.ipynb"));
    }
}
