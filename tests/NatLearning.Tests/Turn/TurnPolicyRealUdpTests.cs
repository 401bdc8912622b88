using System.Net;
using NatLearning.Cli;
using NatLearning.Protocols;
using NatLearning.Simulation;
using NatLearning.Stun;
using NatLearning.Turn;

namespace NatLearning.Tests.Turn;

/// <summary>
/// `serve turn`'s peer policy over real UDP on 127.0.0.1, with valid credentials: what an attacker holding the class
/// password would try (coturn's CVE-2020-26262 class). Permissions only: no traffic goes to the addresses tried.
/// </summary>
public class TurnPolicyRealUdpTests
{
    private static readonly Dictionary<string, string> Users = new() { ["alice"] = "secret" };

    /// <summary>Allocates on <paramref name="server"/>, then asks a permission for each peer in turn: "ok" or the error.</summary>
    private static async Task<Dictionary<string, string>> PermitEach(IPEndPoint server, params string[] peers)
    {
        using var udp = new UdpDriver(new IPEndPoint(IPAddress.Loopback, 0));
        var client = new TurnClient(udp.LocalEndPoints[0], server, "alice", "secret", new SeededRandom(11));
        var results = new Dictionary<string, string>();
        var queue = new Queue<string>(peers);
        string? current = null;
        var failed = default(string);
        void Next(TimeSpan now)
        {
            if (queue.TryDequeue(out current)) client.CreatePermission(now, new IPEndPoint(IPAddress.Parse(current), 9));
        }
        var printer = new TurnEventPrinter(client, TextWriter.Null, "client")
        {
            OnEvent = (e, now) =>
            {
                switch (e.Kind)
                {
                    case TurnEventKind.Allocated: Next(now); break;
                    case TurnEventKind.PermissionCreated: results[current!] = "ok"; Next(now); break;
                    case TurnEventKind.Rejected: results[current!] = e.Description; Next(now); break;
                    case TurnEventKind.Failed: failed = e.Description; break;
                }
            },
        };
        client.Allocate(udp.Now);
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await udp.RunAsync(printer, () => failed is not null || results.Count == peers.Length, limit.Token);
        Assert.True(failed is null, failed);
        Assert.Equal(peers.Length, results.Count);
        return results;
    }

    [Fact]
    public async Task By_default_serve_turn_refuses_loopback_this_network_multicast_broadcast_and_link_local_with_403()
    {
        await using var server = await LoopbackTurnServer.Start(Users);
        string[] forbidden = ["127.0.0.1", "127.8.9.10", "0.0.0.0", "224.0.0.1", "255.255.255.255", "169.254.1.1"];
        var results = await PermitEach(server.Endpoint, [.. forbidden, "192.0.2.1", "198.51.100.7", "10.1.2.3"]);
        foreach (var ip in forbidden) Assert.Contains("CreatePermission failed: 403 Forbidden", results[ip]);
        Assert.Equal("ok", results["192.0.2.1"]);
        Assert.Equal("ok", results["198.51.100.7"]);
        Assert.Equal("ok", results["10.1.2.3"]);
        Assert.Contains("403 Forbidden, peer 127.0.0.1 is loopback", server.Log);
        Assert.Contains("Loopback peers are refused", server.Log);   // the banner states the policy
    }

    [Fact]
    public async Task Allow_loopback_peers_lifts_only_loopback_and_denied_peer_ip_adds_a_range()
    {
        await using var server = await LoopbackTurnServer.Start(Users, o => LoopbackTurnServer.AllowLoopback(o) with
        {
            Peers = o.Peers with { AllowLoopbackPeers = true, Denied = [PeerAddressRange.Parse("198.51.100.0-198.51.100.255")] },
        });
        var results = await PermitEach(server.Endpoint, "127.0.0.1", "127.3.3.3", "0.0.0.0", "169.254.1.1", "198.51.100.7", "192.0.2.1");
        Assert.Equal("ok", results["127.0.0.1"]);
        Assert.Equal("ok", results["127.3.3.3"]);
        Assert.Contains("403", results["0.0.0.0"]);
        Assert.Contains("403", results["169.254.1.1"]);
        Assert.Contains("403", results["198.51.100.7"]);
        Assert.Equal("ok", results["192.0.2.1"]);
        Assert.Contains("Also denied (--denied-peer-ip): 198.51.100.0-198.51.100.255", server.Log);
    }

    [Fact]
    public async Task A_binding_sent_through_the_relay_to_the_servers_own_port_is_dropped_not_answered()
    {
        await using var server = await LoopbackTurnServer.Start(Users, LoopbackTurnServer.AllowLoopback);
        using var udp = new UdpDriver(new IPEndPoint(IPAddress.Loopback, 0));
        var client = new TurnClient(udp.LocalEndPoints[0], server.Endpoint, "alice", "secret", new SeededRandom(12));
        var sent = false;
        var answers = 0;
        var printer = new TurnEventPrinter(client, TextWriter.Null, "client")
        {
            OnEvent = (e, now) =>
            {
                if (e.Kind == TurnEventKind.Allocated) client.CreatePermission(now, server.Endpoint);
                if (e.Kind == TurnEventKind.PermissionCreated && !sent)
                {
                    sent = true;
                    client.Send(now, server.Endpoint, StunMessage.Request(StunMethod.Binding, TransactionId.New(new SeededRandom(1))).Encode());
                }
                if (e.Kind == TurnEventKind.DataReceived) answers++;
            },
        };
        client.Allocate(udp.Now);
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await udp.RunAsync(printer, () => sent && server.Log.Contains("listening socket"), limit.Token);
        await Task.Delay(300, TestContext.Current.CancellationToken);
        Assert.True(sent, server.Log);
        Assert.Contains("Send indication to a forbidden peer (no 403 for an indication): " + server.Endpoint + " is this server's listening socket", server.Log);
        Assert.Equal(0, answers);
        Assert.Equal(0, server.Server.Traffic.PacketsToPeers);
    }
}
