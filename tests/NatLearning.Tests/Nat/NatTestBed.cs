using System.Net;
using NatLearning.Nat;
using NatLearning.Simulation;
using NatLearning.Tracing;

namespace NatLearning.Tests.Nat;

/// <summary>Alice behind one NAT and a few public servers, with helpers to send and see what arrived.</summary>
internal sealed class NatTestBed
{
    public NatTestBed(NatBehavior behavior, long seed = 1)
    {
        Net = new Network(seed);
        Router = Net.AddNat("NAT", behavior, "49.36.10.25", "192.168.1.0/24");
        Alice = Router.AddHost("Alice", "192.168.1.10").Bind(5000);
        S1 = Net.AddHost("S1", "1.1.1.1").Bind(3478);
        S1OtherPort = ((Host)Net["S1"]).Bind(4000);
        S2 = Net.AddHost("S2", "2.2.2.2").Bind(3478);
    }

    public Network Net { get; }
    public NatRouter Router { get; }
    public UdpSocket Alice { get; }
    public UdpSocket S1 { get; }
    public UdpSocket S1OtherPort { get; }
    public UdpSocket S2 { get; }

    /// <summary>Alice sends to <paramref name="server"/>; returns the public endpoint the server saw.</summary>
    public IPEndPoint AliceSendsTo(UdpSocket server)
    {
        Alice.Send(server.LocalEndPoint, "out");
        Net.RunUntilIdle();
        return server.ReceiveAll().Single().Remote;
    }

    /// <summary>A server sends to a public endpoint; returns whether Alice got it and the drop, if any.</summary>
    public (bool Delivered, TraceEvent? Drop) ServerSends(UdpSocket server, IPEndPoint to)
    {
        var before = Net.Trace.Events.Count;
        server.Send(to, "in");
        Net.RunUntilIdle();
        var got = Alice.ReceiveAll();
        var drop = Net.Trace.Events.Skip(before).FirstOrDefault(e => e.Kind == TraceEventKind.Dropped);
        return (got.Count == 1, drop);
    }
}
