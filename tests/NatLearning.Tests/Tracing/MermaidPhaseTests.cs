using System.Text.RegularExpressions;
using NatLearning.Ice;
using NatLearning.Interactive;
using NatLearning.Lab;
using NatLearning.Scenarios;
using NatLearning.Tracing;

namespace NatLearning.Tests.Tracing;

/// <summary>A long trace is drawn in phases a screen can hold, with Wireshark-short arrow labels and the same numbers as the whole trace.</summary>
public sealed partial class MermaidPhaseTests
{
    private static readonly MermaidOptions Short = new() { ShortLabels = true };

    [Fact]
    public void An_ice_trace_splits_by_protocol_phase_and_keeps_every_arrow_once_in_order()
    {
        var trace = IceSession.Run(PeerNat.Parse("port-restricted-cone"), PeerNat.Parse("port-restricted-cone"), seed: 9).Network.Trace;
        var phases = MermaidSequence.Phases(trace, Short with { MaxMessages = 1000 });
        Assert.True(phases.Count >= 3, $"{phases.Count} phases: {string.Join(", ", phases.Select(p => p.Title))}");
        Assert.Contains(phases, p => p.Title.StartsWith("Discovery", StringComparison.Ordinal));
        Assert.Contains(phases, p => p.Title.StartsWith("Connectivity checks", StringComparison.Ordinal));
        Assert.All(phases, p => Assert.InRange(p.Arrows.Count, 1, Short.PhaseSize));
        var numbers = phases.SelectMany(p => p.Arrows.Select(a => a.Number)).ToList();
        Assert.Equal(Enumerable.Range(1, trace.WirePackets.Count()), numbers);
        var order = Names(trace.ToMermaid(new MermaidOptions { MaxMessages = 1000 }));
        Assert.Contains(phases, p => Names(p.Source).Count < order.Count);   // the checks leave the STUN server and signalling out
        foreach (var p in phases)
        {
            // Every part keeps the whole diagram's left-to-right order and numbers as the whole trace does.
            Assert.Equal(order.Where(Names(p.Source).Contains), Names(p.Source));
            Assert.Contains(p.FirstArrow == 1 ? "    autonumber\n" : $"    autonumber {p.FirstArrow}\n", p.Source);
            Assert.Equal(p.Arrows.Count, ArrowLine().Count(p.Source));
        }
    }

    [Fact]
    public void Short_labels_leave_addresses_and_attributes_to_the_arrow_details()
    {
        var trace = ScenarioCatalog.Get("turn").Run().Trace;
        var phases = MermaidSequence.Phases(trace, Short);
        var arrows = phases.SelectMany(p => p.Arrows).ToList();
        var lines = phases.SelectMany(p => p.Source.Split('\n')).Where(l => ArrowLine().IsMatch(l)).ToList();
        Assert.DoesNotContain(lines, l => Address().IsMatch(l));
        Assert.Contains(arrows, a => a.Label == "Allocate Error Response 401" && a.Info.Contains("realm: natlearning.example", StringComparison.Ordinal));
        Assert.Contains(arrows, a => a.Label == "Allocate Success Response" && a.Info.Contains("XOR-RELAYED-ADDRESS", StringComparison.Ordinal));
        Assert.Contains(arrows, a => a.Label == "ChannelData 0x4000");
        // What a NAT rewrote and where a packet died are kept with the arrow.
        Assert.Contains(arrows, a => a.Translation is not null && a.Translation.StartsWith("src 192.168.", StringComparison.Ordinal));
        Assert.Contains(phases.SelectMany(p => p.Notes), n => n.Contains("gave no permission for 88.20.15.90", StringComparison.Ordinal));
        var dropped = MermaidSequence.Phases(ScenarioCatalog.Get("nat-rule").Run().Trace, Short).Single().Arrows.Where(a => a.Drop is not null).ToList();
        Assert.Equal(2, dropped.Count);
        Assert.All(dropped, a => Assert.False(string.IsNullOrEmpty(a.Drop!.Detail)));
        // The plain text keeps its full labels.
        Assert.Contains("STUN Allocate Error Response error-code: 401", trace.ToMermaid());
    }

    [Fact]
    public void A_short_trace_is_one_part_and_a_window_numbers_from_its_first_arrow()
    {
        var trace = ScenarioCatalog.Get("turn").Run().Trace;
        var whole = ScenarioCatalog.Get("nat-rule").Run().Trace.ToDiagram();
        Assert.Single(whole.Phases);
        Assert.Equal("", whole.Phases[0].Title);

        var window = trace.ToDiagram(around: 20, steps: 10);
        var part = Assert.Single(window.Phases);
        Assert.Equal(Enumerable.Range(15, 10), part.Arrows.Select(a => a.Number));
        Assert.Contains("    autonumber 15\n", part.Source);
        Assert.Contains("more packets not drawn", part.Source);
        Assert.Throws<ArgumentOutOfRangeException>(() => trace.ToMermaid(new MermaidOptions { FirstMessage = 0 }));
    }

    [Fact]
    public void The_view_draws_the_first_phase_and_keeps_the_others_for_their_tab()
    {
        var diagram = IceSession.Run(PeerNat.Parse("port-restricted-cone"), PeerNat.Parse("port-restricted-cone"), seed: 9).Network.Trace.ToDiagram();
        var html = MermaidHtml.Render(diagram);
        Assert.Equal(1, Regex.Count(html, "<pre class=\"mermaid\">"));
        Assert.Equal(diagram.Phases.Count - 1, Regex.Count(html, "<pre class=\"mermaid-later\">"));
        Assert.Equal(diagram.Phases.Count, Regex.Count(html, "data-phase=\"\\d+\" aria-selected"));
        Assert.Contains("useMaxWidth: false", html);
        foreach (var zoom in new[] { "in", "out", "reset", "fit" }) Assert.Contains($"data-zoom=\"{zoom}\"", html);
        // Every arrow has its details row, whose tooltip text has the addresses the label leaves out.
        Assert.Equal(diagram.Phases.Sum(p => p.Arrows.Count), Regex.Count(html, "<tr data-arrow="));
    }

    private static List<string> Names(string mermaid) =>
        [.. mermaid.Split('\n').Where(l => l.StartsWith("    participant ", StringComparison.Ordinal)).Select(l => l[(l.IndexOf(" as ", StringComparison.Ordinal) + 4)..])];

    [GeneratedRegex(@"^    P\d+(->>|-x)P\d+: ", RegexOptions.Multiline)]
    private static partial Regex ArrowLine();

    [GeneratedRegex(@"\d+\.\d+\.\d+\.\d+:\d+")]
    private static partial Regex Address();
}
