using System.Text.Json.Nodes;
using NatLearning.Book;

namespace NatLearning.Tests.Book;

public class SolutionCellsTests
{
    [Fact]
    public void Removes_cells_tagged_solution_where_nbformat_or_polyglot_keep_tags()
    {
        var json = """
        {"cells":[
          {"cell_type":"code","metadata":{},"source":["keep"]},
          {"cell_type":"code","metadata":{"tags":["solution"]},"source":["nbformat"]},
          {"cell_type":"code","metadata":{"polyglot_notebook":{"kernelName":"csharp","tags":["Solution"]}},"source":["polyglot"]},
          {"cell_type":"markdown","metadata":{"tags":["hint"]},"source":["also keep"]}
        ],"metadata":{},"nbformat":4,"nbformat_minor":5}
        """;
        var (stripped, removed) = SolutionCells.Strip(json);
        Assert.Equal(2, removed);
        var sources = JsonNode.Parse(stripped)!["cells"]!.AsArray().Select(c => c!["source"]![0]!.GetValue<string>());
        Assert.Equal(["keep", "also keep"], sources);
    }

    [Fact]
    public void A_notebook_without_solutions_comes_back_unchanged()
    {
        const string json = """{"cells":[{"cell_type":"code","metadata":{},"source":["x"]}],"metadata":{},"nbformat":4,"nbformat_minor":5}""";
        Assert.Equal((json, 0), SolutionCells.Strip(json));
    }
}
