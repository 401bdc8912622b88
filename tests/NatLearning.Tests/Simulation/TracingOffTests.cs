using System.Net;
using NatLearning.Nat;
using NatLearning.Simulation;
using NatLearning.Tracing;

namespace NatLearning.Tests.Simulation;

/// <summary>Tracing off must change nothing but the log: the same packets arrive and the same ones are dropped.</summary>
public class TracingOffTests
{
    private static (Network Net, long Received) Run(bool tracing)
    {
        var net = new Network(seed: 5);
        net.Trace.Enabled = tracing;
        var nat = net.AddNat("Home", NatBehavior.Symmetric, "49.36.10.25", "192.168.1.0/24");
        var alice = nat.AddHost("Alice", "192.168.1.10").Bind(5000);
        var server = net.AddHost("Server", "142.250.1.1").Bind(443);
        var stranger = net.AddHost("Stranger", "203.0.113.66").Bind(6666);
        alice.Send(new IPEndPoint(server.LocalEndPoint.Address, 443), "hello");         // creates a mapping
        alice.Send(IPEndPoint.Parse("10.0.0.7:80"), "to a private address");           // no route on the internet
        alice.Send(new IPEndPoint(server.LocalEndPoint.Address, 444), "closed port");   // port unreachable at the server
        net.RunUntilIdle();
        stranger.Send(new IPEndPoint(nat.PublicAddress, 5000), "unexpected");      // filtered or no mapping
        stranger.Send(new IPEndPoint(nat.PublicAddress, 1), "no mapping");
        server.Send(new IPEndPoint(nat.PublicAddress, 65000), "no mapping either");
        net.RunUntilIdle();
        return (net, alice.ReceivedCount + server.ReceivedCount + stranger.ReceivedCount);
    }

    [Fact]
    public void The_same_packets_are_delivered_and_dropped_with_tracing_on_or_off()
    {
        var (on, receivedOn) = Run(tracing: true);
        var (off, receivedOff) = Run(tracing: false);
        Assert.Equal(receivedOn, receivedOff);
        Assert.Equal(on.DropCount, off.DropCount);
        Assert.Equal(on.Scheduler.EventsRun, off.Scheduler.EventsRun);
        Assert.Empty(off.Trace.Events);

        var drops = on.Trace.Events.Where(e => e.Kind == TraceEventKind.Dropped).ToList();
        Assert.Equal(on.DropCount, drops.Count);
        Assert.True(drops.Count >= 4, $"only {drops.Count} drops");
        Assert.Contains(drops, d => d.Reason == DropReason.NoRoute && d.Detail!.Contains("10.0.0.7") && d.Detail.Contains("private"));
        Assert.Contains(drops, d => d.Reason == DropReason.PortUnreachable && d.Detail!.Contains("444"));
        Assert.Contains(drops, d => d.Reason == DropReason.NoMapping && d.Detail!.Contains("49.36.10.25:1;"));
        Assert.All(drops, d => Assert.False(string.IsNullOrWhiteSpace(d.Detail)));
    }
}
