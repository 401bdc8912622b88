using System.Text.Json.Nodes;
using NatLearning.Lab;

namespace NatLearning.Tests.Interactive;

/// <summary>
/// Runs a small notebook through a real .NET Interactive kernel in its own process — dotnet-repl, pinned in
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
        // Under the checkout, so that dotnet finds the local tool manifest (.config/dotnet-tools.json) from there.
        var dir = Directory.CreateDirectory(Path.Combine(RepoPaths.Root, "artifacts", $"repl-test-{Guid.NewGuid():N}")).FullName;
        var output = Path.Combine(dir, "out.ipynb");
        Book.TestNotebook.Write(Path.Combine(dir, "sample.ipynb"), Book.TestNotebook.LoadCell,
            "using NatLearning.Scenarios;\nusing NatLearning.Interactive;\nvar natRule = ScenarioCatalog.Get(\"nat-rule\").Run(new ScenarioOptions { Seed = 1 });\nnatRule",
            "natRule.Trace.ToDiagram(title: \"The critical NAT rule\")",
            "ScenarioCatalog.Get(\"direct\").Run().Trace.ToDiagram()",
            "ScenarioCatalog.Get(\"hidden-device\").Run().Trace.ToDiagram()",
            "using NatLearning.Lab;\nBirthdayChart.Of(BirthdayExperiment.Run(new BirthdayOptions { Trials = 20 }))",
            "OutcomeHeatmap.Of(HolePunchExperiment.Grid())",
            "var ice = NatLearning.Lab.IceSession.Run(NatLearning.Lab.PeerNat.Parse(\"symmetric\"), NatLearning.Lab.PeerNat.Parse(\"full-cone\"));\nice",
            "ice.Network",
            "ice.Network.ToPlayer()");

        // dotnet-repl exits 2 on any cell error; the working directory is the notebook's folder, as in VS Code.
        var (exit, stdout, stderr) = await ProcessRunner.RunAsync("dotnet",
            ["repl", "--run", "sample.ipynb", "--exit-after-run", "--output-format", "ipynb", "--output-path", output], dir, cancel);

        Assert.True(exit == 0, $"dotnet repl exited {exit}: {stderr}\n{stdout}");
        var html = JsonNode.Parse(File.ReadAllText(output))!["cells"]!.AsArray()
            .SelectMany(c => c!["outputs"]?.AsArray() ?? [])
            .Select(o => o!["data"]?["text/html"] is JsonNode h ? (h is JsonArray a ? string.Concat(a.Select(x => x!.GetValue<string>())) : h.GetValue<string>()) : "")
            .ToList();
        Assert.True(html.Count(h => h.Contains("data-plotly-chart", StringComparison.Ordinal)) >= 2, "the Plotly charts did not render in the real kernel");
        Assert.True(html.Count(h => h.Contains("<pre class=\"mermaid\">", StringComparison.Ordinal)) >= 3, "the Mermaid diagrams did not render in the real kernel");
        Assert.Contains(html, h => h.Contains("<tr class=\"proto-udp dropped\">", StringComparison.Ordinal));
        Assert.Contains(html, h => h.Contains("Alice's candidate pairs", StringComparison.Ordinal) && h.Contains("126 | 65535 | 255", StringComparison.Ordinal));
        Assert.Contains(html, h => h.Contains("<h3>Topology</h3>", StringComparison.Ordinal));
        Assert.Contains(html, h => h.Contains("class=\"nl-player\"", StringComparison.Ordinal));
        Directory.Delete(dir, recursive: true);
    }
}
