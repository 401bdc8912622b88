using System.Text;
using NatLearning.Nat;
using NatLearning.Simulation;
using NatLearning.Tracing;

namespace NatLearning.Scenarios;

/// <summary>What a scenario did: the network it ran (with its trace), NAT tables at chosen moments, and the story in words.</summary>
public sealed class ScenarioResult
{
    private readonly List<string> _story = [];
    private readonly List<(string Moment, NatTable Table)> _tables = [];
    private readonly List<(string Title, string Text)> _sections = [];

    public ScenarioResult(Scenario scenario, Network network)
    {
        Scenario = scenario;
        Network = network;
    }

    public Scenario Scenario { get; }
    public Network Network { get; }
    public Trace Trace => Network.Trace;

    /// <summary>Sentences that say what happened, with numbers taken from the simulation.</summary>
    public IReadOnlyList<string> Story => _story;

    /// <summary>NAT tables captured at the moments the story talks about.</summary>
    public IReadOnlyList<(string Moment, NatTable Table)> Tables => _tables;

    /// <summary>Tables a scenario adds in its own words (candidates, pair grids ...), printed after the story.</summary>
    public IReadOnlyList<(string Title, string Text)> Sections => _sections;

    public ScenarioResult AddSection(string title, string text)
    {
        _sections.Add((title, text));
        return this;
    }

    public ScenarioResult Say(string sentence)
    {
        _story.Add(sentence);
        return this;
    }

    /// <summary>Captures every NAT table now, under a label such as "after Alice's first packet".</summary>
    public ScenarioResult SnapshotTables(string moment)
    {
        foreach (var t in Network.NatTables()) _tables.Add((moment, t));
        return this;
    }

    public string ToText()
    {
        var sb = new StringBuilder();
        sb.Append("== ").Append(Scenario.Title).Append(" (scenario ").Append(Scenario.Name).Append(", seed ").Append(Network.Seed).Append(") ==\n\n");
        foreach (var s in _story) sb.Append("• ").Append(s).Append('\n');
        foreach (var (title, text) in _sections) sb.Append('\n').Append(title).Append('\n').Append(text);
        sb.Append("\nPackets\n").Append(Trace.ToPacketList());
        foreach (var (moment, table) in _tables)
            sb.Append('\n').Append(moment).Append(":\n").Append(table.ToText());
        return sb.ToString();
    }

    public override string ToString() => ToText();
}
