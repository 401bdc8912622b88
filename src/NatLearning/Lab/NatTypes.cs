using System.Net;
using NatLearning.Nat;
using NatLearning.Simulation;
using NatLearning.Tracing;

namespace NatLearning.Lab;

/// <summary>
/// The article's "NAT Types" side by side: the same five packets meet a full cone, a restricted cone, a port-restricted
/// cone and a symmetric NAT, each in its own seeded network. Alice (192.168.1.10:5000) writes to server 1 and to server 2;
/// then server 1, server 1 from another port, and a stranger write to the endpoint server 1 saw. For each packet and
/// each NAT: what happened to it and the table right after, all read from the four traces.
/// </summary>
/// <example>
/// <code>
/// var types = NatTypes.Run();
/// types.Steps[4].Outcomes[0].Verdict   // "✔ reached Alice": a full cone lets the stranger in
/// </code>
/// </example>
public sealed class NatTypes
{
    /// <summary>The four classic types (RFC 3489's names) and their RFC 4787 behaviour, ports counted up from 62000 as in the article.</summary>
    public static IReadOnlyList<(string Name, NatBehavior Behavior)> Classic { get; } =
    [
        ("Full cone", NatBehavior.FullCone with { PortAllocation = PortAllocation.Sequential, FirstPort = 62000 }),
        ("Restricted cone", NatBehavior.RestrictedCone with { PortAllocation = PortAllocation.Sequential, FirstPort = 62000 }),
        ("Port-restricted cone", NatBehavior.PortRestrictedCone with { PortAllocation = PortAllocation.Sequential, FirstPort = 62000 }),
        ("Symmetric", NatBehavior.Symmetric with { PortAllocation = PortAllocation.Sequential, FirstPort = 62000 }),
    ];

    private NatTypes(IReadOnlyList<NatUnderTest> nats, IReadOnlyList<NatTypesStep> steps)
    {
        Nats = nats;
        Steps = steps;
    }

    /// <summary>The four networks, one per NAT type, in <see cref="Classic"/>'s order.</summary>
    public IReadOnlyList<NatUnderTest> Nats { get; }
    public IReadOnlyList<NatTypesStep> Steps { get; }

    /// <summary>Plays the five packets against each classic NAT (every network with the same <paramref name="seed"/>).</summary>
    public static NatTypes Run(long seed = 7)
    {
        var nats = Classic.Select(c => Build(c.Name, c.Behavior, seed)).ToList();
        var steps = new List<NatTypesStep>();
        void Step(string action, Func<NatUnderTest, UdpSocket> from, Func<NatUnderTest, IPEndPoint> to, bool outbound)
        {
            var outcomes = new List<NatTypeOutcome>();
            foreach (var n in nats)
            {
                var first = n.Network.Trace.Events.Count;
                var rowsBefore = n.Router.Table.Entries.Count;
                var (socket, target) = (from(n), to(n));
                socket.Send(target, action);
                n.Network.RunUntilIdle();
                var events = n.Network.Trace.Events.Skip(first).ToList();
                outcomes.Add(Outcome(n, events, outbound, rowsBefore));
            }
            steps.Add(new NatTypesStep(steps.Count, action, outcomes));
        }
        Step("Alice → server 1 (203.0.113.7:3478)", n => n.Alice, n => n.Server1.LocalEndPoint, outbound: true);
        Step("Alice → server 2 (198.51.100.9:3478)", n => n.Alice, n => n.Server2.LocalEndPoint, outbound: true);
        Step("server 1 (203.0.113.7:3478) → the endpoint server 1 saw", n => n.Server1, n => n.SeenByServer1!, outbound: false);
        Step("server 1 from another port (203.0.113.7:3479) → the same endpoint", n => n.Server1OtherPort, n => n.SeenByServer1!, outbound: false);
        Step("a stranger (77.88.99.11:3478) → the same endpoint", n => n.Stranger, n => n.SeenByServer1!, outbound: false);
        return new NatTypes(nats, steps);
    }

    private static NatUnderTest Build(string name, NatBehavior behavior, long seed)
    {
        var net = new Network(seed);
        var router = net.AddNat("Alice's router", behavior, Stage.Alice.NatPublic, lan: Stage.Alice.Lan);
        var alice = router.AddHost("Alice", Stage.Alice.Private).Bind(Stage.Alice.MediaPort);
        var server1 = net.AddHost("Server 1", "203.0.113.7");
        var s1 = server1.Bind(3478);
        var s1Other = server1.Bind(3479);
        var s2 = net.AddHost("Server 2", "198.51.100.9").Bind(3478);
        var stranger = net.AddHost("Stranger", "77.88.99.11").Bind(3478);
        var n = new NatUnderTest(name, behavior, net, router, alice, s1, s1Other, s2, stranger);
        s1.Received += (_, d) => n.SeenByServer1 ??= d.Remote;
        return n;
    }

    private static NatTypeOutcome Outcome(NatUnderTest n, List<TraceEvent> events, bool outbound, int rowsBefore)
    {
        var drop = events.FirstOrDefault(e => e.Kind == TraceEventKind.Dropped);
        var delivered = events.LastOrDefault(e => e.Kind == TraceEventKind.Delivered);
        var translated = events.FirstOrDefault(e => e.Kind == TraceEventKind.Translated);
        string verdict;
        if (drop is not null) verdict = $"✗ dropped: {drop.Detail}";
        else if (outbound && translated is not null)
            verdict = $"✔ left as {translated.Source}, {(n.Router.Table.Entries.Count > rowsBefore ? rowsBefore == 0 ? "a new row" : "a NEW row for this destination" : "the same row")}";
        else verdict = delivered is not null ? $"✔ reached {delivered.Node}" : "no answer";
        // The table after the packet, each row marked with what this packet did to it (made it, used it).
        var marks = new Dictionary<(IPEndPoint, IPEndPoint), EntryChange>();   // looked up, never iterated
        foreach (var e in events)
            if (e.Mapping is { } m)
                marks[(m.InsideLocal, m.InsideGlobal)] = e.Kind == TraceEventKind.MappingCreated ? EntryChange.Created
                    : marks.GetValueOrDefault((m.InsideLocal, m.InsideGlobal)) == EntryChange.Created ? EntryChange.Created : EntryChange.Hit;
        var rows = n.Router.Table.Entries.Select(r => new NatRowAtStep(r, marks.GetValueOrDefault((r.InsideLocal, r.InsideGlobal)))).ToList();
        return new NatTypeOutcome(n.Name, drop is null && delivered is not null, verdict, events, rows, events.Count == 0 ? TimeSpan.Zero : events[^1].Time);
    }

    public override string ToString() => string.Join("\n", Steps.Select(s =>
        $"{s.Index + 1}. {s.Action}\n" + string.Join("\n", s.Outcomes.Select(o => $"   {o.Nat,-21} {o.Verdict}"))));
}

/// <summary>One classic NAT in its own network, with Alice behind it and the three outsiders.</summary>
public sealed record NatUnderTest(string Name, NatBehavior Behavior, Network Network, NatRouter Router, UdpSocket Alice,
    UdpSocket Server1, UdpSocket Server1OtherPort, UdpSocket Server2, UdpSocket Stranger)
{
    /// <summary>Alice's public endpoint as server 1 saw it: where the inbound packets go.</summary>
    public IPEndPoint? SeenByServer1 { get; internal set; }
}

/// <summary>One packet of <see cref="NatTypes"/> and what each NAT did with it.</summary>
public sealed record NatTypesStep(int Index, string Action, IReadOnlyList<NatTypeOutcome> Outcomes);

/// <summary>What one NAT did with one packet: the verdict (✔ or ✗ with the reason), the packet's events, the table after.</summary>
public sealed record NatTypeOutcome(string Nat, bool Delivered, string Verdict, IReadOnlyList<TraceEvent> Events, IReadOnlyList<NatRowAtStep> Table, TimeSpan Time);
