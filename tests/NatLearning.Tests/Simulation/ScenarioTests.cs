using NatLearning.Scenarios;
using NatLearning.Tracing;

namespace NatLearning.Tests.Simulation;

public class ScenarioTests
{
    public static TheoryData<string> Names => [.. ScenarioCatalog.Names];

    [Theory]
    [MemberData(nameof(Names))]
    public void Same_seed_gives_the_same_pcap_bytes_and_story(string name)
    {
        var first = ScenarioCatalog.Get(name).Run(seed: 7);
        var second = ScenarioCatalog.Get(name).Run(seed: 7);
        Assert.NotEmpty(first.Story);
        Assert.Equal(first.Story, second.Story);
        var a = first.Trace.ToPcap();
        // Large runs (population) switch tracing off; every other scenario must have packets to compare.
        if (first.Network.Trace.Enabled) Assert.True(a.Length > 24, "the scenario produced no packets");
        Assert.Equal(a, second.Trace.ToPcap());
    }

    [Fact]
    public void Nat_rule_drops_the_unexpected_inbound_packets_with_reasons()
    {
        var r = ScenarioCatalog.Get("nat-rule").Run();
        var drops = r.Trace.Events.Where(e => e.Kind == TraceEventKind.Dropped).ToList();
        Assert.Equal([DropReason.FilteredByAddress, DropReason.NoMapping], drops.Select(d => d.Reason!.Value));
        Assert.All(drops, d => Assert.Equal("Alice's router", d.Node));
        var text = r.ToText();
        Assert.Contains("DROPPED at Alice's router [NoMapping]", text);
    }
}
