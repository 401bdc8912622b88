using System.Net;
using NatLearning.HolePunching;
using NatLearning.Nat;
using NatLearning.Simulation;

namespace NatLearning.Lab;

/// <summary>
/// Hole punching against a NAT that gives every destination a random port: the hard side opens N mappings towards the
/// easy side, the easy side sprays probes at random ports of the hard side's public address. A probe that lands on
/// an open mapping gets in, and the answer comes back through the hole the probe made. Each trial runs in the NAT model.
/// </summary>
public static class BirthdayExperiment
{
    public static BirthdayResult Run(BirthdayOptions? options = null, long seed = 1)
    {
        options ??= new BirthdayOptions();
        if (options.OpenPorts is < 1 or > 60000) throw new ArgumentOutOfRangeException(nameof(options), options.OpenPorts, "OpenPorts must be 1 to 60000.");
        if (options.Trials < 1) throw new ArgumentOutOfRangeException(nameof(options), options.Trials, "Trials must be at least 1.");
        if (options.ProbeCounts.Count == 0 || options.ProbeCounts.Any(k => k < 1)) throw new ArgumentException("ProbeCounts needs at least one positive count.", nameof(options));
        var seeds = new SeededRandom(seed);
        var maxProbes = options.ProbeCounts.Max();
        var firstHits = new List<int?>();
        for (var t = 0; t < options.Trials; t++) firstHits.Add(Trial(options, maxProbes, seeds.NextUInt64()));
        var rows = options.ProbeCounts.Select(k => new BirthdayRow(k, firstHits.Count(h => h <= k), options.Trials,
            BirthdayResult.ClosedForm(options.OpenPorts, k))).ToList();
        return new BirthdayResult(options, rows, firstHits);
    }

    /// <summary>One trial with tracing on, for looking at the packets (use few probes).</summary>
    public static Network Traced(int openPorts = 8, int probes = 64, long seed = 1)
    {
        var net = Build(openPorts, seed, tracing: true, out var easy, out var hardIp, out var rng, out var hit);
        Probe(net, easy, hardIp, rng, probes, TimeSpan.FromMilliseconds(1), () => hit.Value is not null);
        net.RunUntilIdle();
        return net;
    }

    private static int? Trial(BirthdayOptions o, int maxProbes, ulong seed)
    {
        var net = Build(o.OpenPorts, (long)seed, tracing: false, out var easy, out var hardIp, out var rng, out var hit);
        Probe(net, easy, hardIp, rng, maxProbes, o.ProbeInterval, () => hit.Value is not null);
        net.RunUntilIdle();
        return hit.Value;
    }

    private sealed class Box<T> { public T? Value; }

    private static Network Build(int openPorts, long seed, bool tracing, out UdpSocket easy, out IPAddress hardIp, out SeededRandom rng, out Box<int?> hit)
    {
        var net = new Network(seed);
        net.Trace.Enabled = tracing;
        var hardBehavior = NatBehavior.Symmetric with { PortAllocation = PortAllocation.Random, FirstPort = 1, LastPort = 65535 };
        var hardNat = net.AddNat("Hard NAT", hardBehavior, Stage.Alice.NatPublic, Stage.Alice.Lan);
        var easyNat = net.AddNat("Easy NAT", NatBehavior.PortRestrictedCone, Stage.Bob.NatPublic, Stage.Bob.Lan);
        var hard = hardNat.AddHost("Hard", Stage.Alice.Private);
        easy = easyNat.AddHost("Easy", Stage.Bob.Private).Bind(Stage.Bob.MediaPort);
        var easyPublic = new IPEndPoint(easyNat.PublicAddress, 7000);   // learned beforehand (STUN), port preserved
        hardIp = hardNat.PublicAddress;
        rng = net.Random.Fork();
        var found = new Box<int?>();
        hit = found;
        for (var i = 0; i < openPorts; i++)
        {
            var s = hard.Bind(10000 + i);
            s.Received += (sock, d) =>
            {
                if (found.Value is null && int.TryParse(d.Text.AsSpan("probe ".Length), out var n)) found.Value = n;
                sock.Send(d.Remote, "got you");
            };
            s.Send(easyPublic, "open");          // opens a mapping on a random public port; the easy NAT drops it
        }
        return net;
    }

    private static void Probe(Network net, UdpSocket easy, IPAddress hardIp, SeededRandom rng, int probes, TimeSpan interval, Func<bool> done)
    {
        var sent = 0;
        void Next()
        {
            if (done() || sent >= probes) return;
            sent++;
            easy.Send(new IPEndPoint(hardIp, rng.Next(1, 65536)), $"probe {sent}");
            net.Scheduler.Schedule(interval, Next);
        }
        net.Scheduler.Schedule(TimeSpan.FromMilliseconds(100), Next);   // after the hard side's mappings exist
    }
}
