using NatLearning.HolePunching;
using NatLearning.Lab;
using NatLearning.Nat;
using NatLearning.Tracing;

namespace NatLearning.Tests.HolePunching;

public class HolePunchTests
{
    private readonly ITestOutputHelper _out;

    public HolePunchTests(ITestOutputHelper output) => _out = output;

    /// <summary>
    /// RFC 4787 §4.1/§5 reasoning, pair by pair: endpoint-independent mapping on both sides always works; a symmetric
    /// (address-and-port-dependent) mapping works only when the other side's filtering ignores the port (or there is none).
    /// </summary>
    [Theory]
    [InlineData("none", "none", true)]
    [InlineData("none", "symmetric", true)]
    [InlineData("full-cone", "full-cone", true)]
    [InlineData("full-cone", "symmetric", true)]
    [InlineData("restricted-cone", "port-restricted-cone", true)]
    [InlineData("port-restricted-cone", "port-restricted-cone", true)]
    [InlineData("restricted-cone", "symmetric", true)]
    [InlineData("port-restricted-cone", "symmetric", false)]
    [InlineData("symmetric", "port-restricted-cone", false)]
    [InlineData("symmetric", "symmetric", false)]
    public void Outcome_follows_from_mapping_and_filtering(string a, string b, bool direct)
    {
        var r = HolePunchExperiment.Run(PeerNat.Parse(a), PeerNat.Parse(b));
        _out.WriteLine(r.ToText());
        Assert.Equal(direct, r.Success);
        Assert.Equal(direct, r.ConnectedAfter is not null);
        Assert.NotEmpty(r.Explanation);
    }

    [Fact]
    public void Symmetric_against_port_restricted_names_the_wrong_port_and_the_filter()
    {
        var r = HolePunchExperiment.Run(PeerNat.Of(NatBehavior.PortRestrictedCone), PeerNat.Of(NatBehavior.Symmetric));
        var text = string.Join("\n", r.Explanation);
        _out.WriteLine(text);
        Assert.Contains("Bob's NAT gave Bob's packets to Alice a new public port (88.20.15.90:54002, not the advertised 88.20.15.90:54000): address-and-port-dependent mapping, so the address Bob advertised is wrong for Alice.", text);
        Assert.Contains("Alice's NAT dropped Bob's probes to 49.36.10.25:62000", text);
        Assert.Contains("never to port 54002 (address-and-port-dependent filtering)", text);
        Assert.Contains("A relay (TURN) is needed", text);
    }

    // Bob's symmetric NAT hands out ports in order from 54000: the STUN server gets 54000, the rendezvous server 54001,
    // and Alice, the third destination, 54002.
    [Fact]
    public void A_symmetric_peer_is_found_at_its_peer_reflexive_endpoint()
    {
        var r = HolePunchExperiment.Run(PeerNat.Of(NatBehavior.RestrictedCone), PeerNat.Of(NatBehavior.Symmetric));
        Assert.True(r.Success);
        Assert.Equal("88.20.15.90:54002", r.Alice.ConnectedTo!.ToString());
        Assert.Equal("88.20.15.90:54000", r.Bob.PublicEndpoint!.ToString());
        Assert.Contains(r.Explanation, l => l.StartsWith("Alice heard Bob from 88.20.15.90:54002", StringComparison.Ordinal));
    }

    [Fact]
    public void The_article_numbers_appear_in_the_trace()
    {
        var r = HolePunchExperiment.Run(PeerNat.Of(NatBehavior.PortRestrictedCone), PeerNat.Of(NatBehavior.PortRestrictedCone));
        Assert.True(r.Success);
        Assert.Equal("49.36.10.25:62000", r.Alice.PublicEndpoint!.ToString());
        Assert.Equal("88.20.15.90:54000", r.Bob.PublicEndpoint!.ToString());
        Assert.Equal(r.Bob.PublicEndpoint, r.Alice.PeerAdvertised);
        var rows = PacketList.Rows(r.Network.Trace);
        Assert.Contains(rows, row => row.Protocol == "PUNCH" && row.Info.StartsWith("PUNCH Alice", StringComparison.Ordinal));
        Assert.Contains(rows, row => row.Protocol == "SIGNAL" && row.Info.StartsWith("REGISTER call-1 Alice 49.36.10.25:62000", StringComparison.Ordinal));
        Assert.Contains(rows, row => row.Protocol == "STUN" && row.Info.Contains("XOR-MAPPED-ADDRESS: 49.36.10.25:62000", StringComparison.Ordinal));
    }

    [Fact]
    public void Retries_and_start_offset_follow_the_options()
    {
        var slow = new HolePunchOptions { StartOffset = TimeSpan.FromSeconds(1), Interval = TimeSpan.FromMilliseconds(100), Attempts = 3 };
        var r = HolePunchExperiment.Run(PeerNat.Of(NatBehavior.Symmetric), PeerNat.Of(NatBehavior.Symmetric), alice: slow, bob: slow);
        Assert.False(r.Success);
        var probes = r.Network.Trace.Events.Where(e => e.Kind == TraceEventKind.Sent && e.Node == "Alice" && PacketDescriber.Describe(e.Bytes).Protocol == "PUNCH").ToList();
        Assert.Equal(3, probes.Count);
        Assert.Equal(TimeSpan.FromMilliseconds(100), probes[1].Time - probes[0].Time);
        Assert.True(r.Alice.GaveUp);
    }

    [Fact]
    public void The_same_seed_gives_the_same_trace()
    {
        var x = HolePunchExperiment.Run(PeerNat.Of(NatBehavior.Symmetric), PeerNat.Of(NatBehavior.FullCone), seed: 4).Network.Trace.ToPcap();
        var y = HolePunchExperiment.Run(PeerNat.Of(NatBehavior.Symmetric), PeerNat.Of(NatBehavior.FullCone), seed: 4).Network.Trace.ToPcap();
        Assert.Equal(x, y);
    }
}

public class BirthdayTests
{
    [Fact]
    public void Measured_rates_track_the_closed_form()
    {
        var r = BirthdayExperiment.Run(new BirthdayOptions { Trials = 200 }, seed: 3);
        foreach (var row in r.Rows)
        {
            // 200 trials: a binomial standard deviation of at most 3.6 points; allow four of them.
            Assert.InRange(row.Measured, row.ClosedForm - 0.14, row.ClosedForm + 0.14);
        }
        Assert.Equal(0.494, BirthdayResult.ClosedForm(256, 174), 3);
        Assert.Equal(0.633, BirthdayResult.ClosedForm(256, 256), 3);
        Assert.Equal(0.982, BirthdayResult.ClosedForm(256, 1024), 3);
        Assert.Equal(0.9997, BirthdayResult.ClosedForm(256, 2048), 4);
        Assert.True(r.MeasuredAt(2048) >= 0.98);
        Assert.True(r.MeasuredAt(174) < r.MeasuredAt(1024));
    }

    [Fact]
    public void A_hit_really_crosses_both_nats()
    {
        var net = BirthdayExperiment.Traced(openPorts: 64, probes: 2048, seed: 2);
        var delivered = net.Trace.Events.Where(e => e.Kind == NatLearning.Tracing.TraceEventKind.Delivered).ToList();
        Assert.Contains(delivered, e => e.Node == "Hard");
        Assert.Contains(delivered, e => e.Node == "Easy");      // the answer came back through the easy NAT
    }

    [Fact]
    public void Same_seed_same_first_hits()
    {
        var o = new BirthdayOptions { Trials = 20 };
        Assert.Equal(BirthdayExperiment.Run(o, 9).FirstHits, BirthdayExperiment.Run(o, 9).FirstHits);
    }
}
