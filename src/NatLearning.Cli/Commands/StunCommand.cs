using System.CommandLine;
using System.Net;
using NatLearning.Protocols;
using NatLearning.Stun;

namespace NatLearning.Cli.Commands;

/// <summary><c>natlearn stun HOST:PORT</c>: one Binding transaction over real UDP; prints the mapped address, RTT and the dissected response.</summary>
internal static class StunCommand
{
    public static Command Build()
    {
        var server = new Argument<string>("server") { Description = "The STUN server as HOST:PORT (port 3478 if left out), e.g. stun.example.org:3478." };
        var rto = OptionValues.Whole("--rto", "Initial retransmission timeout in ms (RFC 8489: 500).", 500, 1);
        var rc = OptionValues.Whole("--rc", "Requests to send at most (RFC 8489: 7).", 7, 1);
        var rm = OptionValues.Whole("--rm", "RTOs to wait after the last request (RFC 8489: 16).", 16, 1);
        var cmd = new Command("stun", "Ask a STUN server for your public address (a Binding request over real UDP).") { server, rto, rc, rm };
        cmd.SetAction(parse =>
        {
            var o = parse.InvocationConfiguration.Output;
            var target = RealNetwork.Resolve(parse.GetValue(server)!);
            var schedule = RealNetwork.Schedule(parse.GetValue(rto), parse.GetValue(rc), parse.GetValue(rm));
            using var udp = new UdpDriver(new IPEndPoint(RealNetwork.LocalAddressFor(target), 0));
            var client = new StunClient(udp.LocalEndPoints[0], new OsRandom(), schedule);
            client.StartBinding(udp.Now, target);
            udp.RunAsync(client, () => client.PendingCount == 0).GetAwaiter().GetResult();
            client.TryPollEvent(out var result);
            foreach (var line in result.Transcript) o.WriteLine(line);
            if (!result.Succeeded)
            {
                var waited = result.Transcript.Count > 0 ? $" ({(udp.Now - result.Transcript[0].Time).TotalSeconds:0.0} s)" : "";
                parse.InvocationConfiguration.Error.WriteLine($"natlearn: {result.Summary}{waited}");
                return 1;
            }
            o.WriteLine();
            o.WriteLine($"Mapped address: {result.MappedAddress}");
            o.WriteLine($"RTT:            {result.Rtt!.Value.TotalMilliseconds:0.0} ms ({result.RequestsSent} request{(result.RequestsSent == 1 ? "" : "s")})");
            o.WriteLine($"Local address:  {result.Local}{(result.Local.Equals(result.MappedAddress) ? " (the same: no NAT in between)" : "")}");
            o.WriteLine();
            o.Write(StunDissection.Dissect(result.Response!.Raw.Span));
            return 0;
        });
        return cmd;
    }
}
