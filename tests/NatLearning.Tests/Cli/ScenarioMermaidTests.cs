using NatLearning.Cli;
using NatLearning.Scenarios;
using NatLearning.Tests.Book;
using NatLearning.Tests.Tracing;

namespace NatLearning.Tests.Cli;

/// <summary><c>natlearn scenario X --mermaid F</c>: the file has the topology's order and mermaid.js draws it in that order.</summary>
[Collection(BookCollection.Name)]
public sealed class ScenarioMermaidTests
{
    private static string Mermaid(params string[] args)
    {
        var file = Path.Combine(Path.GetTempPath(), $"natlearn-{Guid.NewGuid():N}.mmd");
        try
        {
            var err = new StringWriter();
            var code = NatLearnCommand.Run(["scenario", .. args, "--mermaid", file], new StringWriter(), err);
            Assert.True(code == 0, err.ToString());
            return File.ReadAllText(file);
        }
        finally
        {
            File.Delete(file);
        }
    }

    public static TheoryData<string[], string[]> Orders => new()
    {
        { ["hole-punch"], ["Alice", "Alice's NAT", "STUN server", "Rendezvous", "Bob's NAT", "Bob"] },
        { ["turn"], ["Alice", "Alice's router", "TURN server", "Bob's router", "Bob"] },
        { ["ice", "--nat-a", "symmetric", "--nat-b", "symmetric", "--turn"], ["Alice", "Alice's NAT", "TURN", "STUN", "Signalling", "Internet", "Bob's NAT", "Bob"] },
        { ["ice", "--nat-a", "cgn", "--nat-b", "full-cone"], ["Alice", "Alice's home router", "Alice's carrier NAT", "STUN", "Signalling", "Internet", "Bob's NAT", "Bob"] },
        { ["hidden-device"], ["Bob", "Bob's router", "Internet"] },
        { ["nat-rule"], ["Alice", "Alice's router", "Server", "Stranger"] },
    };

    [Theory]
    [MemberData(nameof(Orders))]
    public void The_file_lists_the_participants_left_to_right_by_topology(string[] args, string[] expected)
    {
        var text = Mermaid(args);
        Assert.Equal(expected, ParticipantOrderTests.Participants(text));
        Assert.Equal(text, Mermaid(args));
    }

    /// <summary>Every scenario's file, drawn by the mermaid.js the book ships: no error, and the actors across the top in the file's order.</summary>
    [Fact]
    public async Task Every_scenarios_diagram_draws_with_its_participants_in_order()
    {
        var diagrams = ScenarioCatalog.Names.Select(n => (Name: n, Text: Mermaid(n))).ToList();
        var (playwright, browser) = await Chromium.LaunchOrSkipAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync();
        await page.SetContentAsync("<!DOCTYPE html><html><body></body></html>");
        await page.AddScriptTagAsync(new() { Path = Path.Combine(RepoPaths.Root, "src", "NatLearning.Book", "assets", "mermaid.min.js") });
        await page.EvaluateAsync("() => mermaid.initialize({ startOnLoad: false })");
        foreach (var (name, text) in diagrams)
        {
            // The top row of actor labels, left to right, as drawn.
            var drawn = await page.EvaluateAsync<string[]>("""
                async text => {
                  const { svg } = await mermaid.render('d' + Math.random().toString(36).slice(2), text);
                  const div = document.createElement('div'); div.innerHTML = svg; document.body.replaceChildren(div);
                  const labels = [...div.querySelectorAll('text.actor')].map(t => ({ t: t.textContent.trim(), r: t.getBoundingClientRect() }));
                  const top = Math.min(...labels.map(l => l.r.top));
                  return labels.filter(l => Math.abs(l.r.top - top) < 2).sort((a, b) => a.r.left - b.r.left).map(l => l.t);
                }
                """, text);
            Assert.True(drawn.SequenceEqual(ParticipantOrderTests.Participants(text)), $"{name}: drawn [{string.Join(", ", drawn)}], file [{string.Join(", ", ParticipantOrderTests.Participants(text))}]");
        }
    }
}
