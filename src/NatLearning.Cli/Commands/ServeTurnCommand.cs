using System.CommandLine;
using System.Net;
using System.Runtime.InteropServices;
using NatLearning.Addressing;
using NatLearning.Protocols;
using NatLearning.Turn;

namespace NatLearning.Cli.Commands;

/// <summary>
/// <c>natlearn serve turn --listen IP:PORT --realm R --user NAME:PASSWORD [--relay-ip IP]</c>: a TURN server (RFC 8656)
/// on real UDP until Ctrl+C or SIGTERM, printing each step (challenge, allocation, permission, channel, drop).
/// </summary>
internal static class ServeTurnCommand
{
    public static Command Build()
    {
        var listen = new Option<string>("--listen") { Description = "Address and port to listen on, e.g. 127.0.0.1:3478.", Required = true };
        var realm = new Option<string>("--realm") { Description = "Realm of the long-term credentials, e.g. natlearning.example.", Required = true };
        var users = new Option<string[]>("--user") { Description = "A user as NAME:PASSWORD; repeat for more.", Required = true, AllowMultipleArgumentsPerToken = false };
        var relayIp = OptionValues.Address("--relay-ip", "Address for the relayed sockets (default: the --listen address).");
        var relays = OptionValues.Whole("--relays", "How many relayed addresses to open (one per allocation, 1 to 1000).", 16, 1, 1000);
        var turn = new Command("turn", "Run a TURN relay server (RFC 8656, UDP, long-term credentials) until stopped.") { listen, realm, users, relayIp, relays };
        turn.SetAction(parse =>
        {
            var at = Ipv4.ParseEndpoint(parse.GetValue(listen)!);
            var credentials = parse.GetValue(users)!.Select(TurnCredentials.Parse).ToList();
            var duplicate = credentials.GroupBy(c => c.Name).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null) throw new ArgumentException($"--user '{duplicate.Key}' is given twice.");
            var relay = parse.GetValue(relayIp);
            using var stop = new CancellationTokenSource();
            using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.Cancel(); });
            using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });
            Serve(at, parse.GetValue(realm)!, credentials.ToDictionary(c => c.Name, c => c.Password), relay, parse.GetValue(relays),
                parse.InvocationConfiguration.Output, stop.Token).GetAwaiter().GetResult();
            return 0;
        });
        return turn;
    }

    /// <summary>Serves until <paramref name="stop"/> fires; <paramref name="ready"/> gets the server once its sockets are bound.</summary>
    public static async Task Serve(IPEndPoint listen, string realm, IReadOnlyDictionary<string, string> users, IPAddress? relayIp, int relayCount,
        TextWriter output, CancellationToken stop, Action<TurnServer>? ready = null)
    {
        var relayAddress = relayIp ?? listen.Address;
        if (relayAddress.Equals(IPAddress.Any))
            throw new ArgumentException("the relayed address is told to peers, so it cannot be 0.0.0.0: give --relay-ip or a concrete --listen address.");
        if (relayCount is < 1 or > 1000) throw new ArgumentException($"--relays must be 1 to 1000, not {relayCount}.");
        using var udp = Bind([listen, .. Enumerable.Repeat(new IPEndPoint(relayAddress, 0), relayCount)]);
        var bound = udp.LocalEndPoints;
        var server = new TurnServer(bound[0], new TurnServerOptions { Realm = realm, Users = users, RelayEndPoints = [.. bound.Skip(1)] },
            UdpDriver.OsSeededRandom());
        output.WriteLine($"Serving TURN on {bound[0]} (realm \"{realm}\", {users.Count} user(s)), relaying from {relayAddress} ports {bound[1].Port}–{bound[^1].Port}. Stop with Ctrl+C.");
        output.Flush();
        ready?.Invoke(server);
        await udp.RunAsync(new TurnEventPrinter(server, output, "server"), () => false, stop).ConfigureAwait(false);
        output.WriteLine($"Stopped. Relayed {server.Traffic.PacketsToPeers} datagram(s) to peers and {server.Traffic.PacketsToClients} to clients.");
    }

    private static UdpDriver Bind(IPEndPoint[] endpoints)
    {
        try
        {
            return new UdpDriver(endpoints);
        }
        catch (System.Net.Sockets.SocketException e)
        {
            // Name the address that failed: a --relay-ip this machine does not have is not the listening address failing.
            var relay = endpoints.Length > 1 && !endpoints[1].Address.Equals(endpoints[0].Address) ? endpoints[1].Address : null;
            throw new InvalidOperationException(relay is not null && !CanBind(new IPEndPoint(relay, 0))
                ? $"--relay-ip {relay}: cannot open relayed sockets on that address: {e.Message}"
                : $"cannot listen on {endpoints[0]}: {e.Message}");
        }
    }

    private static bool CanBind(IPEndPoint endpoint)
    {
        using var probe = new System.Net.Sockets.Socket(endpoint.AddressFamily, System.Net.Sockets.SocketType.Dgram, System.Net.Sockets.ProtocolType.Udp);
        try
        {
            probe.Bind(endpoint);
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }
}
