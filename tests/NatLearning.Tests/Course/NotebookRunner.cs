using System.Diagnostics;
using System.Reflection;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;

namespace NatLearning.Tests.Course;

/// <summary>
/// What a notebook cell can call besides the library: the .NET Interactive <c>display</c> function, stubbed so that
/// every displayed value (and every cell's trailing expression) is recorded as text.
/// </summary>
public sealed class NotebookGlobals
{
    public List<string> Displayed { get; } = [];

#pragma warning disable IDE1006 // the notebook kernel's name, lower case
    public void display(object? value) => Displayed.Add(value?.ToString() ?? "null");
#pragma warning restore IDE1006
}

/// <summary>How one cell went: its index in the notebook, compile and run times, what it showed.</summary>
public sealed record CellRun(int Index, TimeSpan Compile, TimeSpan Run, IReadOnlyList<string> Output);

public sealed record NotebookRun(Notebook Notebook, IReadOnlyList<CellRun> Cells)
{
    /// <summary>What each exercise's check cell showed, by exercise id.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Checks =>
        Cells.Join(Notebook.Cells.Where(c => c.CheckId is not null), r => r.Index, c => c.Index, (r, c) => (c.CheckId!, r.Output))
            .ToDictionary(x => x.Item1, x => x.Output);

    public string AllOutput => string.Join("\n", Cells.SelectMany(c => c.Output));
    public TimeSpan TotalRun => TimeSpan.FromTicks(Cells.Sum(c => c.Run.Ticks));
    public TimeSpan TotalCompile => TimeSpan.FromTicks(Cells.Sum(c => c.Compile.Ticks));
    public CellRun Slowest => Cells.MaxBy(c => c.Run)!;
}

/// <summary>
/// Runs a notebook's C# cells in order, as the notebook kernel does: one Roslyn script submission per cell, each
/// continuing the previous one's state. The first cell (which loads the library from its build folder) is skipped:
/// the library and NatLearning.Interactive (diagrams, players, charts) are referenced directly instead, and every
/// displayed value is recorded by its <c>ToString()</c> (a diagram's Mermaid source, a player's steps as text). Only the kernel's default usings are given; the notebook must bring
/// its own <c>using NatLearning...</c> lines.
/// </summary>
public static class NotebookRunner
{
    /// <summary>The usings the .NET Interactive C# kernel starts with.</summary>
    public static readonly string[] KernelDefaultUsings =
        ["System", "System.Collections.Generic", "System.Linq", "System.Text", "System.Threading.Tasks"];

    private static readonly ScriptOptions Options = ScriptOptions.Default
        .WithReferences(typeof(NatLearning.Simulation.Network).Assembly, typeof(NatLearning.Interactive.Course).Assembly,
            typeof(Plotly.NET.GenericChart).Assembly, typeof(Microsoft.FSharp.Core.FSharpOption<>).Assembly,
            typeof(Enumerable).Assembly, typeof(System.Net.IPEndPoint).Assembly)
        .WithImports(KernelDefaultUsings)
        .WithOptimizationLevel(Microsoft.CodeAnalysis.OptimizationLevel.Debug)
        .WithEmitDebugInformation(false);

    public static async Task<NotebookRun> RunAsync(Notebook notebook)
    {
        var globals = new NotebookGlobals();
        var runs = new List<CellRun>();
        ScriptState<object>? state = null;
        foreach (var cell in notebook.CodeCells.Skip(1))
        {
            var before = globals.Displayed.Count;
            var sw = Stopwatch.StartNew();
            var script = state is null
                ? CSharpScript.Create(cell.Source, Options, typeof(NotebookGlobals))
                : state.Script.ContinueWith(cell.Source, Options);
            var errors = script.Compile().Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error).ToList();
            if (errors.Count > 0)
                throw new NotebookCellException(notebook, cell, "does not compile:\n" + string.Join("\n", errors));
            var compiled = sw.Elapsed;
            sw.Restart();
            try
            {
                state = state is null ? await script.RunAsync(globals) : await script.RunFromAsync(state);
            }
            catch (Exception e) when (e is not NotebookCellException)
            {
                throw new NotebookCellException(notebook, cell, "threw " + e, e);
            }
            var ran = sw.Elapsed;
            if (state.ReturnValue is { } value) globals.Displayed.Add(value.ToString() ?? "");
            runs.Add(new CellRun(cell.Index, compiled, ran, globals.Displayed.Skip(before).ToList()));
        }
        return new NotebookRun(notebook, runs);
    }
}

public sealed class NotebookCellException(Notebook notebook, NotebookCell cell, string what, Exception? inner = null)
    : Exception($"{notebook.FileName}, cell {cell.Index} {what}\n--- cell source ---\n{cell.Source}", inner);
