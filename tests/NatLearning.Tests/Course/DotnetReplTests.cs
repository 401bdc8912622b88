using System.Diagnostics;
using System.Text.Json.Nodes;

namespace NatLearning.Tests.Course;

/// <summary>
/// Runs each notebook in the real .NET Interactive kernel through <c>dotnet repl --run nb --exit-after-run</c>, when
/// dotnet-repl is on this machine (skipped otherwise, with the install command). Until NatLearning.Interactive is built,
/// the loading cell is swapped for a <c>#r</c> of the core library; after that, of the Interactive assembly, by absolute path.
/// </summary>
public class DotnetReplTests
{
    public static TheoryData<string> Notebooks => NotebookFormatTests.Notebooks;

    /// <summary>Each notebook in both editions: as committed every check says "✘ Not yet"; with the solutions merged, "✔ Right".</summary>
    public static TheoryData<string, bool> Editions =>
        [.. CoursePaths.NotebookFiles.Select(p => Path.GetFileName(p)).SelectMany(f => new[] { (f, false), (f, true) })];

    [Theory]
    [MemberData(nameof(Editions))]
    public async Task Runs_without_error_under_dotnet_repl(string file, bool withSolutions)
    {
        var repl = FindRepl();
        if (repl is null)
            Assert.Skip("dotnet-repl is not installed: dotnet tool install -g dotnet-repl (or set NATLEARN_DOTNET_REPL to its dll)");

        var dir = Directory.CreateTempSubdirectory("natlearn-repl-");
        try
        {
            var source = Path.Combine(CoursePaths.NotebooksDir, file);
            var json = await File.ReadAllTextAsync(source, TestContext.Current.CancellationToken);
            if (withSolutions && NatLearning.Book.SolutionFile.For(source) is { } solutions)
                json = NatLearning.Book.SolutionCells.Merge(json, solutions, file);
            var nb = JsonNode.Parse(json)!;
            var checkCells = nb["cells"]!.AsArray().Select((c, i) => (Id: NatLearning.Book.SolutionCells.CheckId(c), i)).Where(x => x.Id is not null).ToList();
            nb["cells"]![0]!["source"] = new JsonArray(LoadingCellForThisMachine().Split('\n').Select(l => (JsonNode)JsonValue.Create(l + "\n")!).ToArray());
            var input = Path.Combine(dir.FullName, file);
            var output = Path.Combine(dir.FullName, "out-" + file);
            await File.WriteAllTextAsync(input, nb.ToJsonString(), TestContext.Current.CancellationToken);

            var psi = new ProcessStartInfo(repl.Value.FileName) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = dir.FullName };
            foreach (var a in repl.Value.Prefix.Concat(["--run", input, "--exit-after-run", "--output-format", "ipynb", "--output-path", output]))
                psi.ArgumentList.Add(a);
            using var p = Process.Start(psi)!;
            var stdout = p.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            var stderr = p.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            cts.CancelAfter(TimeSpan.FromMinutes(3));
            try { await p.WaitForExitAsync(cts.Token); }
            catch (OperationCanceledException) { p.Kill(entireProcessTree: true); throw; }
            var log = await stdout + await stderr;

            Assert.True(File.Exists(output), $"dotnet-repl wrote no notebook (exit {p.ExitCode}):\n{log}");
            var problems = new List<string>();
            var text = new List<string>();
            var ran = JsonNode.Parse(await File.ReadAllTextAsync(output, TestContext.Current.CancellationToken))!["cells"]!.AsArray();
            var perCell = new List<List<string>>();
            foreach (var cell in ran)
            {
                var shown = new List<string>();
                foreach (var o in cell!["outputs"]?.AsArray() ?? [])
                {
                    var kind = o!["output_type"]!.GetValue<string>();
                    if (kind == "error" || kind == "stream" && o["name"]?.GetValue<string>() == "stderr") problems.Add(o.ToJsonString());
                    shown.AddRange(new[] { o["data"]?["text/plain"], o["text"] }.Where(n => n is not null).Select(PlainText));
                }
                perCell.Add(shown);
                text.AddRange(shown);
            }
            Assert.True(problems.Count == 0, $"{file} under dotnet-repl:\n" + string.Join("\n", problems));
            Assert.True(p.ExitCode == 0, $"dotnet-repl exited with {p.ExitCode}:\n{log}");
            Assert.Equal(nb["cells"]!.AsArray().Count, ran.Count);
            var expected = withSolutions ? NotebookRunTests.Right : NotebookRunTests.NotYet;
            foreach (var (id, index) in checkCells)
                Assert.True(perCell[index].Count == 1 && perCell[index][0].TrimStart('"').StartsWith(expected, StringComparison.Ordinal),
                    $"{file} ({(withSolutions ? "with" : "without")} solutions), check:{id} in the real kernel showed: {string.Join(" | ", perCell[index])}");
            Assert.DoesNotContain(withSolutions ? NotebookRunTests.NotYet : NotebookRunTests.Right, string.Join("\n", text));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static string PlainText(JsonNode? n) =>
        n is JsonArray a ? string.Concat(a.Select(x => x!.GetValue<string>())) : n?.GetValue<string>() ?? "";

    /// <summary>The agreed loading cell, made absolute; the core library stands in while the Interactive assembly is not built.</summary>
    private static string LoadingCellForThisMachine()
    {
        var interactive = Path.Combine(CoursePaths.RepoRoot, "src", "NatLearning.Interactive", "bin", "Debug", "net10.0", "NatLearning.Interactive.dll");
        return File.Exists(interactive)
            ? $"#r \"{interactive}\"\nNatLearning.Interactive.Course.Load();"
            : $"#r \"{typeof(NatLearning.Simulation.Network).Assembly.Location}\"";
    }

    private static (string FileName, string[] Prefix)? FindRepl()
    {
        if (Environment.GetEnvironmentVariable("NATLEARN_DOTNET_REPL") is { Length: > 0 } set)
            return set.EndsWith(".dll", StringComparison.Ordinal) ? ("dotnet", [set]) : (set, []);
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var tool = Path.Combine(home, ".dotnet", "tools", "dotnet-repl");
        if (File.Exists(tool)) return (tool, []);
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            if (File.Exists(Path.Combine(dir, "dotnet-repl"))) return (Path.Combine(dir, "dotnet-repl"), []);
        // A restored (not installed) tool package in the NuGet cache.
        var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(home, ".nuget", "packages");
        var dll = Directory.Exists(Path.Combine(cache, "dotnet-repl"))
            ? Directory.GetFiles(Path.Combine(cache, "dotnet-repl"), "dotnet-repl.dll", SearchOption.AllDirectories)
                .Where(f => f.Contains("net10.0", StringComparison.Ordinal)).OrderDescending(StringComparer.Ordinal).FirstOrDefault()
            : null;
        return dll is null ? null : ("dotnet", [dll]);
    }
}
