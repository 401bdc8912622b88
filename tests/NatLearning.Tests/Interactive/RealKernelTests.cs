using System.Text.Json.Nodes;

namespace NatLearning.Tests.Interactive;

/// <summary>
/// Runs the sample notebook through a real .NET Interactive kernel in its own process — dotnet-repl, pinned in
/// .config/dotnet-tools.json, which loads FSharp.Core 10.0 — exactly as a student's first cell loads the library.
/// </summary>
[Collection(Book.BookCollection.Name)]
public sealed class RealKernelTests
{
    [Fact]
    public async Task Sample_notebook_runs_in_dotnet_repl_with_charts_and_diagrams()
    {
        var cancel = TestContext.Current.CancellationToken;
        var restore = await ProcessRunner.RunAsync("dotnet", ["tool", "restore"], RepoPaths.Root, cancel);
        if (restore.ExitCode != 0) Assert.Skip($"dotnet-repl could not be restored (needs the NuGet feed); restore with: dotnet tool restore\n{restore.Error}");
        var output = Path.Combine(Directory.CreateTempSubdirectory("natlearn-repl-").FullName, "out.ipynb");

        // dotnet-repl exits 2 on any cell error; the working directory is the notebook's folder, as in VS Code.
        var (exit, stdout, stderr) = await ProcessRunner.RunAsync("dotnet",
            ["repl", "--run", "99-appendix-views.ipynb", "--exit-after-run", "--output-format", "ipynb", "--output-path", output], RepoPaths.Notebooks, cancel);

        Assert.True(exit == 0, $"dotnet repl exited {exit}: {stderr}\n{stdout}");
        var html = JsonNode.Parse(File.ReadAllText(output))!["cells"]!.AsArray()
            .SelectMany(c => c!["outputs"]?.AsArray() ?? [])
            .Select(o => o!["data"]?["text/html"] is JsonNode h ? (h is JsonArray a ? string.Concat(a.Select(x => x!.GetValue<string>())) : h.GetValue<string>()) : "")
            .ToList();
        Assert.True(html.Count(h => h.Contains("data-plotly-chart", StringComparison.Ordinal)) >= 2, "the Plotly charts did not render in the real kernel");
        Assert.True(html.Count(h => h.Contains("<pre class=\"mermaid\">", StringComparison.Ordinal)) >= 3, "the Mermaid diagrams did not render in the real kernel");
        Assert.Contains(html, h => h.Contains("<tr class=\"proto-udp dropped\">", StringComparison.Ordinal));
        Directory.Delete(Path.GetDirectoryName(output)!, recursive: true);
    }
}
