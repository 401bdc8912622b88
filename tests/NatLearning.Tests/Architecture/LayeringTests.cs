using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace NatLearning.Tests.Architecture;

/// <summary>
/// The library's folders form layers (docs/architecture.md); a folder may use its own layer's folders only in the
/// direction listed and any folder of a lower layer, never one above. Read from the compiled meaning of every name
/// (Roslyn's semantic model), so a qualified name like <c>Simulation.SeededRandom</c> counts as much as a using line.
/// </summary>
public sealed class LayeringTests
{
    // Lowest first. Folders in one tier may use each other only as AllowedWithinTier says.
    private static readonly string[][] Tiers =
    [
        ["Addressing"],
        ["Packets"],
        ["Nat"],
        ["Protocols"],
        ["Stun", "Turn", "Ice", "HolePunching"],
        ["Tracing", "Simulation"],
        ["Lab"],
        ["Scenarios"],
    ];

    // Within a tier: the machines build on STUN (TURN speaks STUN, ICE checks are STUN and may run over TURN);
    // the simulator records into traces, never the other way round.
    private static readonly HashSet<(string From, string To)> AllowedWithinTier =
    [
        ("Turn", "Stun"), ("Ice", "Stun"), ("Ice", "Turn"), ("HolePunching", "Stun"), ("Simulation", "Tracing"),
    ];

    private static readonly string SourceRoot = Path.Combine(RepoPaths.Root, "src", "NatLearning");

    private static readonly Lazy<IReadOnlyList<(string From, string To, string Where)>> Uses = new(FindUses);

    private static int TierOf(string folder) => Array.FindIndex(Tiers, t => t.Contains(folder));

    private static bool Allowed(string from, string to)
    {
        if (from == to) return true;
        int f = TierOf(from), t = TierOf(to);
        return t < f || (t == f && AllowedWithinTier.Contains((from, to)));
    }

    private static IReadOnlyList<(string From, string To, string Where)> FindUses()
    {
        var files = Directory.GetFiles(SourceRoot, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .ToList();
        var parse = new CSharpParseOptions(LanguageVersion.Preview);
        var trees = files.Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), parse, path: f)).ToList();
        // The SDK's implicit usings, as the project's build adds them.
        var implicitUsings = CSharpSyntaxTree.ParseText(
            "global using System; global using System.Collections.Generic; global using System.IO; global using System.Linq; global using System.Net.Http; global using System.Threading; global using System.Threading.Tasks;", parse);
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Select(p => MetadataReference.CreateFromFile(p));
        var compilation = CSharpCompilation.Create("LayeringCheck", [.. trees, implicitUsings], references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, allowUnsafe: true));
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Take(5).ToList();
        Assert.True(errors.Count == 0, "the layering check could not compile the library: " + string.Join("; ", errors));

        var uses = new List<(string, string, string)>();
        foreach (var tree in trees)
        {
            var from = FolderOf(tree.FilePath);
            var model = compilation.GetSemanticModel(tree);
            var root = tree.GetRoot();
            foreach (var u in root.DescendantNodes().OfType<UsingDirectiveSyntax>())
                if (u.Name?.ToString() is { } name && LayerOfNamespace(name) is { } to)
                    uses.Add((from, to, $"{Path.GetFileName(tree.FilePath)}: using {name}"));
            foreach (var node in root.DescendantNodes().OfType<SimpleNameSyntax>())
            {
                var symbol = model.GetSymbolInfo(node).Symbol ?? model.GetSymbolInfo(node).CandidateSymbols.FirstOrDefault();
                var type = symbol switch
                {
                    INamedTypeSymbol t => t,
                    IMethodSymbol { MethodKind: MethodKind.Constructor } c => c.ContainingType,
                    { IsStatic: true } s => s.ContainingType,
                    IMethodSymbol { IsExtensionMethod: true } m => m.ReducedFrom?.ContainingType ?? m.ContainingType,
                    _ => null,
                };
                if (type is null) continue;
                if (LayerOfNamespace(type.ContainingNamespace?.ToDisplayString() ?? "") is { } to)
                    uses.Add((from, to, $"{Path.GetFileName(tree.FilePath)}:{node.GetLocation().GetLineSpan().StartLinePosition.Line + 1}: {type.ToDisplayString()}"));
            }
        }
        return uses;
    }

    private static string FolderOf(string path) =>
        Path.GetRelativePath(SourceRoot, path).Split(Path.DirectorySeparatorChar)[0];

    private static string? LayerOfNamespace(string ns)
    {
        var parts = ns.Split('.');
        return parts.Length >= 2 && parts[0] == "NatLearning" && TierOf(parts[1]) >= 0 ? parts[1] : null;
    }

    [Fact]
    public void Every_folder_of_the_library_is_in_a_layer_and_its_namespace_matches_it()
    {
        var folders = Directory.GetDirectories(SourceRoot).Select(Path.GetFileName).Where(n => n is not ("bin" or "obj")).ToList();
        Assert.All(folders, f => Assert.True(TierOf(f!) >= 0, $"src/NatLearning/{f} is in no layer of LayeringTests (and docs/architecture.md)"));
        foreach (var file in Directory.GetFiles(SourceRoot, "*.cs", SearchOption.AllDirectories).Where(f => !f.Contains("/obj/") && !f.Contains("/bin/")))
        {
            var folder = FolderOf(file);
            var ns = File.ReadLines(file).FirstOrDefault(l => l.StartsWith("namespace ", StringComparison.Ordinal));
            Assert.True(ns is not null && (ns.TrimEnd(';') == $"namespace NatLearning.{folder}" || ns.StartsWith($"namespace NatLearning.{folder}.", StringComparison.Ordinal)),
                $"{Path.GetRelativePath(SourceRoot, file)} declares '{ns}', not NatLearning.{folder}");
        }
    }

    [Fact]
    public void No_folder_uses_one_above_it()
    {
        var wrong = Uses.Value.Where(u => !Allowed(u.From, u.To))
            .GroupBy(u => (u.From, u.To))
            .Select(g => $"{g.Key.From} → {g.Key.To} ({g.Count()}×), e.g. {string.Join("; ", g.Select(x => x.Where).Distinct().Take(3))}")
            .ToList();
        Assert.True(wrong.Count == 0, "lower layers use higher ones:\n" + string.Join("\n", wrong));
    }

    [Fact]
    public void Simulation_and_tracing_do_not_use_each_other_both_ways()
    {
        var pairs = Uses.Value.Select(u => (u.From, u.To)).Where(p => p.From != p.To).ToHashSet();
        Assert.False(pairs.Contains(("Simulation", "Tracing")) && pairs.Contains(("Tracing", "Simulation")));
        Assert.Contains(("Simulation", "Tracing"), pairs);   // the simulator records into traces: the check reads real uses
    }

    [Fact]
    public void No_protocol_machine_nat_or_tracing_code_uses_the_simulator()
    {
        var offenders = Uses.Value.Where(u => u.To == "Simulation" && u.From is "Protocols" or "Stun" or "Turn" or "Ice" or "HolePunching" or "Nat" or "Tracing")
            .Select(u => $"{u.From}: {u.Where}").Distinct().Take(20).ToList();
        Assert.True(offenders.Count == 0, string.Join("\n", offenders));
    }
}
