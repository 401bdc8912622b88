using System.CommandLine;
using System.Net;
using NatLearning.Protocols;
using NatLearning.Stun;

namespace NatLearning.Cli.Commands;

/// <summary><c>natlearn classify HOST:PORT</c>: RFC 5780 behaviour discovery over real UDP against a server that sends OTHER-ADDRESS.</summary>
internal static class ClassifyCommand
{
    public static Command Build()
    {
        var server = new Argument<string>("server") { Description = "A STUN server with RFC 5780 support (it sends OTHER-ADDRESS), as HOST:PORT." };
        var rto = OptionValues.Whole("--rto", "Initial retransmission timeout in ms.", 500, 1);
        var rc = OptionValues.Whole("--rc", "Requests per test at most (fewer than RFC 8489's 7, so a filtered test ends sooner).", 4, 1);
        var rm = OptionValues.Whole("--rm", "RTOs to wait after the last request.", 4, 1);
        var lifetime = new Option<bool>("--lifetime") { Description = "Also measure the mapping lifetime (probes every 10 s up to 5 minutes)." };
        var cmd = new Command("classify", "Find out how your NAT maps and filters (RFC 5780) and name its classic type.") { server, rto, rc, rm, lifetime };
        cmd.SetAction(parse =>
        {
            var target = RealNetwork.Resolve(parse.GetValue(server)!);
            var schedule = RealNetwork.Schedule(parse.GetValue(rto), parse.GetValue(rc), parse.GetValue(rm));
            var local = RealNetwork.LocalAddressFor(target);
            using var udp = new UdpDriver(new IPEndPoint(local, 0), new IPEndPoint(local, 0));
            var discovery = new NatBehaviorDiscovery(udp.LocalEndPoints[0], udp.LocalEndPoints[1], target, new OsRandom(), schedule,
                parse.GetValue(lifetime) ? NatBehaviorDiscovery.DefaultLifetimeProbes : null);
            discovery.Start(udp.Now);
            udp.RunAsync(discovery, () => discovery.Finished).GetAwaiter().GetResult();
            parse.InvocationConfiguration.Output.Write(discovery.Report.ToText());
            if (discovery.Report.Problem is { } problem)
            {
                parse.InvocationConfiguration.Error.WriteLine($"natlearn: {problem}");
                return 1;
            }
            return 0;
        });
        return cmd;
    }
}
