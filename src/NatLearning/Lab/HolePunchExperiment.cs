using System.Net;
using NatLearning.HolePunching;
using NatLearning.Nat;
using NatLearning.Packets;
using NatLearning.Protocols;
using NatLearning.Simulation;
using NatLearning.Tracing;

namespace NatLearning.Lab;

/// <summary>
/// Alice and Bob, each behind a NAT of your choice, learn their public endpoints with STUN, swap them through a
/// rendezvous server and punch holes towards each other.
/// Whether it works is decided by the NAT model alone; the explanation is read back from the trace.
/// </summary>
public static class HolePunchExperiment
{
    public const string RendezvousAddress = Stage.SignallingAddress;
    public const int RendezvousPort = Stage.SignallingPort;
    public const string StunAddress = Stage.StunAddress;

    public static HolePunchResult Run(PeerNat natA, PeerNat natB, long seed = 1, HolePunchOptions? alice = null, HolePunchOptions? bob = null, bool tracing = true)
    {
        if (natA.Carrier is not null || natB.Carrier is not null)
            throw new ArgumentException("'cgn' (double NAT) is available in the ice scenarios; hole punching takes none or one NAT preset.", natA.Carrier is not null ? nameof(natA) : nameof(natB));
        var net = new Network(seed);
        net.Trace.Enabled = tracing;
        var rvSocket = net.AddHost("Rendezvous", RendezvousAddress).Bind(RendezvousPort);
        _ = new SimulatedDriver(new SignallingServer(rvSocket.LocalEndPoint), rvSocket);
        var stun = SimulatedStunServer.Add(net, "STUN server", StunAddress);

        var aliceSocket = Stage.Place(net, Stage.Alice, natA).Bind(Stage.Alice.MediaPort);
        var bobSocket = Stage.Place(net, Stage.Bob, natB).Bind(Stage.Bob.MediaPort);
        var a = new HolePuncher("Alice", "call-1", aliceSocket.LocalEndPoint, rvSocket.LocalEndPoint, alice, stun.Endpoint, net.Random.Fork());
        var b = new HolePuncher("Bob", "call-1", bobSocket.LocalEndPoint, rvSocket.LocalEndPoint, bob, stun.Endpoint, net.Random.Fork());
        var da = new SimulatedDriver(a, aliceSocket);
        var db = new SimulatedDriver(b, bobSocket);
        a.Start(net.Now);
        b.Start(net.Now);
        da.Pump();
        db.Pump();
        net.RunUntilIdle();

        var events = Drain(a).Concat(Drain(b)).ToList();
        var introduced = events.OfType<HolePunchEvent.PeerAdvertised>().Select(e => e.Time).DefaultIfEmpty().Min();
        var connected = events.OfType<HolePunchEvent.Connected>().Select(e => e.Time).ToList();
        TimeSpan? after = connected.Count == 2 ? connected.Max() - introduced : null;
        return new HolePunchResult(natA, natB, net, a, b, after, Explain(net, a, b));
    }

    /// <summary>Every pair of <paramref name="choices"/> (Alice's NAT × Bob's NAT).</summary>
    public static IReadOnlyList<HolePunchResult> Grid(IReadOnlyList<PeerNat>? choices = null, long seed = 1)
    {
        choices ??= PeerNat.Classic;
        return [.. from x in choices from y in choices select Run(x, y, seed)];
    }

    private static IEnumerable<HolePunchEvent> Drain(HolePuncher p)
    {
        while (p.TryPollEvent(out var e)) yield return e;
    }

    private static List<string> Explain(Network net, HolePuncher a, HolePuncher b)
    {
        var lines = new List<string>();
        if (!net.Trace.Enabled)
        {
            lines.Add("Tracing was off, so there is no explanation beyond the outcome.");
            return lines;
        }
        HolePuncher Other(HolePuncher p) => p == a ? b : a;
        NatRouter? NatOf(HolePuncher p) => net.Nats.FirstOrDefault(n => n.Inside.TryGetByAddress(Addressing.Ipv4.ToUInt32(p.Local.Address), out _));

        foreach (var p in new[] { a, b })
        {
            var q = Other(p);
            foreach (var heard in p.HeardFrom.Where(h => !h.Equals(q.PublicEndpoint)))
                lines.Add($"{p.Name} heard {q.Name} from {heard}, not from the {HolePunchResult.Format(q.PublicEndpoint)} {q.Name} advertised: " +
                          $"{q.Name}'s NAT ({NatOf(q)?.Behavior.ClassicName ?? "none"}) made a new mapping toward {p.Name}. {p.Name} probed back there (a peer-reflexive endpoint).");
        }

        var probeDrops = net.Trace.Events
            .Where(e => e.Kind == TraceEventKind.Dropped && e.Bytes is { Length: > Packet.HeaderLength }
                        && SignalMessage.TryParse(e.Bytes.AsSpan(Packet.HeaderLength), out var m) && m.Verb == SignalMessage.Punch)
            .ToList();
        var seen = new HashSet<string>();
        foreach (var d in probeDrops)
        {
            SignalMessage.TryParse(d.Bytes.AsSpan(Packet.HeaderLength), out var m);
            var x = m.Args[0] == a.Name ? a : b;      // the sender
            var y = Other(x);
            var yNat = NatOf(y);
            var yReal = yNat?.Table.Entries.FirstOrDefault(t => t.InsideLocal.Equals(y.Local) && t.Contacted.Any(c => c.Address.Equals(d.Source!.Address)))?.InsideGlobal;
            if (yReal is not null && !yReal.Equals(d.Destination))
                Add($"{y.Name}'s NAT gave {y.Name}'s packets to {x.Name} a new public port: {yReal} instead of the advertised {d.Destination} " +
                    $"({NatBehavior.Describe(yNat!.Behavior.Mapping)} mapping), so the address {y.Name} advertised is wrong for {x.Name}.");
            if (x.PublicEndpoint is not null && !d.Source!.Equals(x.PublicEndpoint))
                Add($"{x.Name}'s NAT gave {x.Name}'s packets to {y.Name} a new public port ({d.Source}, not the advertised {x.PublicEndpoint}): " +
                    $"{NatBehavior.Describe(NatOf(x)!.Behavior.Mapping)} mapping, so the address {x.Name} advertised is wrong for {y.Name}.");
            Add($"{d.Node} dropped {x.Name}'s probes to {d.Destination}: {d.Detail}.");
        }
        var success = a.ConnectedTo is not null && b.ConnectedTo is not null;
        if (success)
        {
            var early = probeDrops.Count;
            lines.Insert(0, $"Direct path: {a.Name} {a.Local} ⇄ {a.ConnectedTo} and {b.Name} {b.Local} ⇄ {b.ConnectedTo}.");
            if (early > 0) lines.Add($"{early} probe(s) were dropped before the holes opened; once both sides had sent outward, the NATs let the answers in.");
        }
        else
        {
            lines.Insert(0, $"No direct path: {a.Name} sent {a.ProbesSent} probes and {b.Name} sent {b.ProbesSent}; no probe was answered on both sides.");
            lines.Add("A relay (TURN) is needed for this pair.");
        }
        return lines;

        void Add(string s)
        {
            if (seen.Add(s)) lines.Add(s);
        }
    }
}
