using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
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
    // IANA's dynamic ports (RFC 6335), where coturn's --min-port/--max-port default too.
    private const int FirstRelayPort = 49152, LastRelayPort = 65535;

    public static Command Build()
    {
        var listen = new Option<string>("--listen") { Description = "Address and port to listen on, e.g. 127.0.0.1:3478.", Required = true };
        var realm = new Option<string>("--realm") { Description = "Realm of the long-term credentials, e.g. natlearning.example.", Required = true };
        var users = new Option<string[]>("--user") { Description = "A user as NAME:PASSWORD; repeat for more.", Required = true, AllowMultipleArgumentsPerToken = false };
        var relayIp = OptionValues.Address("--relay-ip", "Address for the relayed sockets (default: the --listen address).");
        var relays = OptionValues.Whole("--relays", "How many relayed addresses to open (one per allocation, 1 to 1000), on consecutive ports from a random even port in 49152–65535.", 64, 1, 1000);
        var userQuota = OptionValues.Whole("--user-quota", "Allocations one user may hold at once (486 past it); 0 = no per-user limit (the default, as in coturn).", 0, 0);
        var totalQuota = OptionValues.Whole("--total-quota", "Allocations the server holds at once (508 past it); 0 = one per relayed address (the default).", 0, 0);
        var allowLoopback = new Option<bool>("--allow-loopback-peers") { Description = "Let clients relay to 127.0.0.0/8 and ::1 (refused with 403 by default); for a lab on one machine." };
        var denied = new Option<string[]>("--denied-peer-ip") { Description = "Refuse peers in this range with 403, as A-B, A or A/N; repeat for more.", AllowMultipleArgumentsPerToken = false };
        var allowed = new Option<string[]>("--allowed-peer-ip") { Description = "Allow peers in this range even if denied (not loopback, 0.0.0.0/8, multicast or 240.0.0.0/4), as A-B, A or A/N; repeat for more.", AllowMultipleArgumentsPerToken = false };
        var turn = new Command("turn", "Run a TURN relay server (RFC 8656, UDP, long-term credentials) until stopped. By default it refuses (403) peers in 0.0.0.0/8, " +
            "127.0.0.0/8, 169.254.0.0/16, 224.0.0.0/4, 240.0.0.0/4, its listening socket and other ports of its own host; private ranges are allowed.")
            { listen, realm, users, relayIp, relays, userQuota, totalQuota, allowLoopback, denied, allowed };
        turn.SetAction(parse =>
        {
            var at = Ipv4.ParseEndpoint(parse.GetValue(listen)!);
            var credentials = parse.GetValue(users)!.Select(TurnCredentials.Parse).ToList();
            var duplicate = credentials.GroupBy(c => c.Name).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null) throw new ArgumentException($"--user '{duplicate.Key}' is given twice.");
            var relay = parse.GetValue(relayIp);
            var policy = new PeerPolicy
            {
                AllowLoopbackPeers = parse.GetValue(allowLoopback),
                Denied = Ranges(parse.GetValue(denied), "--denied-peer-ip"),
                Allowed = Ranges(parse.GetValue(allowed), "--allowed-peer-ip"),
            };
            var perUser = parse.GetValue(userQuota);
            var total = parse.GetValue(totalQuota);
            using var stop = new CancellationTokenSource();
            using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.Cancel(); });
            using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });
            Serve(at, parse.GetValue(realm)!, credentials.ToDictionary(c => c.Name, c => c.Password), relay, parse.GetValue(relays),
                parse.InvocationConfiguration.Output, stop.Token,
                configure: o => o with { Peers = policy, UserQuota = perUser, TotalQuota = total }).GetAwaiter().GetResult();
            return 0;
        });
        return turn;
    }

    private static PeerAddressRange[] Ranges(string[]? values, string option)
    {
        try
        {
            return [.. (values ?? []).Select(PeerAddressRange.Parse)];
        }
        catch (FormatException e)
        {
            throw new ArgumentException($"{option}: {e.Message}");
        }
    }

    /// <summary>Serves until <paramref name="stop"/> fires; <paramref name="ready"/> gets the server once its sockets are bound.</summary>
    /// <param name="configure">Changes to the server's options (peer policy, quotas) before it starts.</param>
    public static async Task Serve(IPEndPoint listen, string realm, IReadOnlyDictionary<string, string> users, IPAddress? relayIp, int relayCount,
        TextWriter output, CancellationToken stop, Action<TurnServer>? ready = null, Func<TurnServerOptions, TurnServerOptions>? configure = null)
    {
        var relayAddress = relayIp ?? listen.Address;
        if (relayAddress.Equals(IPAddress.Any))
            throw new ArgumentException("the relayed address is told to peers, so it cannot be 0.0.0.0: give --relay-ip or a concrete --listen address.");
        if (relayCount is < 1 or > 1000) throw new ArgumentException($"--relays must be 1 to 1000, not {relayCount}.");
        using var udp = Bind(listen, relayAddress, relayCount);
        udp.EnlargeReceiveBuffer(0, 4 << 20);   // the listening socket: room for a second of requests while we are descheduled
        var bound = udp.LocalEndPoints;
        var options = new TurnServerOptions
        {
            Realm = realm,
            Users = users,
            RelayEndPoints = [.. bound.Skip(1)],
            NonceKey = RandomNumberGenerator.GetBytes(32),   // the nonces' MAC key: unguessable, new at every start
        };
        if (configure is not null) options = configure(options);
        var server = new TurnServer(bound[0], options, new OsRandom());
        output.WriteLine($"Serving TURN on {bound[0]} (realm \"{realm}\", {users.Count} user(s)), relaying from {relayAddress} on {Ports(bound.Skip(1))}. Stop with Ctrl+C.");
        foreach (var line in server.Options.Peers.Describe(server.OwnAddresses)) output.WriteLine(line);
        output.WriteLine($"Quotas: {server.Capacity} allocation(s) at once (--total-quota), " +
            $"{(options.UserQuota == 0 ? "no per-user limit" : $"{options.UserQuota} per user")} (--user-quota); " +
            $"at most {options.MaxPermissionsPerAllocation} permissions and {options.MaxChannelsPerAllocation} channels per allocation.");
        output.Flush();
        ready?.Invoke(server);
        await udp.RunAsync(new TurnEventPrinter(server, output, "server"), () => false, stop).ConfigureAwait(false);
        output.WriteLine($"Stopped. Relayed {server.Traffic.PacketsToPeers} datagram(s) to peers and {server.Traffic.PacketsToClients} to clients.");
    }

    /// <summary>"64 ports 50012–50075", or the runs when some ports were taken: "3 ports 50012–50013, 50015".</summary>
    internal static string Ports(IEnumerable<IPEndPoint> relays)
    {
        var ports = relays.Select(e => e.Port).Order().ToList();
        var runs = new List<string>();
        for (var i = 0; i < ports.Count;)
        {
            var j = i;
            while (j + 1 < ports.Count && ports[j + 1] == ports[j] + 1) j++;
            runs.Add(i == j ? $"{ports[i]}" : $"{ports[i]}–{ports[j]}");
            i = j + 1;
        }
        return $"{ports.Count} port{(ports.Count == 1 ? "" : "s")} {string.Join(", ", runs)}";
    }

    /// <summary>
    /// The listening socket and <paramref name="count"/> relay sockets on consecutive ports from an even port picked at
    /// random in 49152–65535 (ports in use are skipped): consecutive, so EVEN-PORT with its R bit can be honoured.
    /// </summary>
    private static UdpDriver Bind(IPEndPoint listen, IPAddress relayAddress, int count)
    {
        try
        {
            using (var probe = new Socket(listen.AddressFamily, SocketType.Dgram, ProtocolType.Udp)) probe.Bind(listen);
        }
        catch (SocketException e)
        {
            throw new InvalidOperationException($"cannot listen on {listen}: {e.Message}");
        }
        for (var attempt = 0; ; attempt++)
        {
            var ports = FreePorts(relayAddress, count, listen);
            try
            {
                return new UdpDriver([listen, .. ports.Select(p => new IPEndPoint(relayAddress, p))]);
            }
            catch (SocketException e) when (attempt < 3 && e.SocketErrorCode == SocketError.AddressAlreadyInUse)
            {
                // Another program took a probed port in between: probe again.
            }
            catch (SocketException e)
            {
                throw new InvalidOperationException($"--relay-ip {relayAddress}: cannot open relayed sockets on that address: {e.Message}");
            }
        }
    }

    private static List<int> FreePorts(IPAddress address, int count, IPEndPoint listen)
    {
        var span = LastRelayPort - FirstRelayPort + 1;
        var start = FirstRelayPort + 2 * Random.Shared.Next(Math.Max(1, (span - 2 * count) / 2));
        var ports = new List<int>(count);
        for (var k = 0; k < span && ports.Count < count; k++)
        {
            var port = FirstRelayPort + (start - FirstRelayPort + k) % span;
            if (port == listen.Port && address.Equals(listen.Address)) continue;
            try
            {
                using var s = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
                s.Bind(new IPEndPoint(address, port));
                ports.Add(port);
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
            {
                // taken: the next one
            }
            catch (SocketException e)
            {
                // Name the address that failed: a --relay-ip this machine does not have is not the listening address failing.
                throw new InvalidOperationException($"--relay-ip {address}: cannot open relayed sockets on that address: {e.Message}");
            }
        }
        if (ports.Count < count) throw new InvalidOperationException($"only {ports.Count} of {count} relay ports are free on {address}.");
        return ports;
    }
}
