using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using NatLearning.Cli;

namespace NatLearning.Tests.Turn;

/// <summary>The TURN commands over real UDP on 127.0.0.1: our client and server together, and each against coturn.</summary>
public class TurnRealUdpTests
{
    private static readonly Dictionary<string, string> Users = new() { ["alice"] = "secret" };

    [Fact]
    public async Task Turn_command_reaches_an_echo_peer_through_serve_turn_with_indications_then_channel_data()
    {
        await using var server = await LoopbackTurnServer.Start(Users, LoopbackTurnServer.AllowLoopback);
        using var peer = new EchoPeer();
        var (code, output, error) = await Run("turn", server.Endpoint.ToString(), "--user", "alice:secret", "--peer", peer.Endpoint.ToString(), "--message", "ping");
        Assert.True(code == 0, error + output + server.Log);
        Assert.Contains("Challenged: 401 Unauthorized with realm \"natlearning.example\"", output);
        Assert.Contains("the peer answered \"echo: ping (a Send indication)\"", output);
        Assert.Contains("ChannelBound: channel 0x4000", output);
        Assert.Contains("the peer answered \"echo: ping (ChannelData on channel 0x4000)\"", output);
        Assert.Contains("allocation released", output);
        Assert.Equal(2, peer.Received);
        Assert.Equal(2, server.Server.Traffic.PacketsToClients);
        Assert.Empty(server.Server.Allocations);
    }

    [Fact]
    public async Task Turn_command_with_a_wrong_password_says_so_in_one_line()
    {
        await using var server = await LoopbackTurnServer.Start(Users, LoopbackTurnServer.AllowLoopback);
        var (code, _, error) = await Run("turn", server.Endpoint.ToString(), "--user", "alice:wrong", "--peer", "127.0.0.1:9");
        Assert.Equal(1, code);
        Assert.Equal("natlearn: Allocate failed: 401 Unauthorized: the server refused the password of \"alice\"", error.Trim());
    }

    [Theory]
    [InlineData("turn", "127.0.0.1:3478", "--user", "alice", "--peer", "127.0.0.1:9", "is not NAME:PASSWORD")]
    [InlineData("turn", "127.0.0.1:3478", "--user", "alice:x", "--peer", "nowhere", "nowhere")]
    [InlineData("serve", "turn", "--listen", "0.0.0.0:3478", "--realm", "r", "cannot be 0.0.0.0")]
    public async Task Bad_turn_arguments_give_one_clear_line(string a, string b, string c, string d, string e, string f, string expected)
    {
        string[] args = a == "serve" ? [a, b, c, d, e, f, "--user", "u:p"] : [a, b, c, d, e, f];
        var (code, _, error) = await Run(args);
        Assert.NotEqual(0, code);
        Assert.Contains(expected, error);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Coturn_uclient_allocates_and_relays_through_our_server()
    {
        var uclient = TurnTsharkTests.FindTool("turnutils_uclient");
        if (uclient is null) Assert.Skip("coturn is not installed; install it with: apt-get install -y coturn");
        await using var server = await LoopbackTurnServer.Start(Users, LoopbackTurnServer.AllowLoopback);
        // -y: two allocations talk to each other; -c: no RTCP pair; -s: Send/Data indications, since uclient picks channel
        // numbers from RFC 5766's 0x4000–0x7FFF and RFC 8656 servers refuse those above 0x4FFF with 400.
        var output = await Tool(uclient, "-u", "alice", "-w", "secret", "-p", server.Endpoint.Port.ToString(), "-y", "-c", "-s", "-n", "5", "-l", "100", "127.0.0.1");
        Assert.Contains("tot_send_msgs=10, tot_recv_msgs=10", output);
        Assert.Contains("Total lost packets 0", output);
        Assert.True(server.Server.Traffic.PacketsToPeers >= 10, server.Log);
        Assert.Contains("Allocated: allocated 127.0.0.1:", server.Log);
    }

    [Fact]
    public async Task Coturn_uclient_gets_403_for_loopback_peers_from_a_default_server()
    {
        var uclient = TurnTsharkTests.FindTool("turnutils_uclient");
        if (uclient is null) Assert.Skip("coturn is not installed; install it with: apt-get install -y coturn");
        await using var server = await LoopbackTurnServer.Start(Users);
        // -y: the two allocations are peers of each other, both on 127.0.0.1: loopback, so refused as coturn refuses it.
        var output = await Tool(uclient, "-u", "alice", "-w", "secret", "-p", server.Endpoint.Port.ToString(), "-y", "-c", "-s", "-n", "3", "127.0.0.1");
        Assert.Contains("create permission error 403 (Forbidden)", output);
        Assert.Equal(0, server.Server.Traffic.PacketsToPeers);
        Assert.Contains("403 Forbidden, peer 127.0.0.1 is loopback", server.Log);
    }

    [Fact]
    public async Task Coturn_uclient_with_ten_clients_and_rtcp_pairs_fits_the_default_quotas()
    {
        var uclient = TurnTsharkTests.FindTool("turnutils_uclient");
        if (uclient is null) Assert.Skip("coturn is not installed; install it with: apt-get install -y coturn");
        await using var server = await LoopbackTurnServer.Start(Users, LoopbackTurnServer.AllowLoopback, relays: 64);
        // -m 10 without -c: RTP and RTCP allocations, the RTP one with EVEN-PORT and the R bit, the RTCP one with the
        // RESERVATION-TOKEN it got (RFC 8656 §7.2); all under one user, so a per-user cap of 10 would fail it.
        var output = await Tool(uclient, "-u", "alice", "-w", "secret", "-p", server.Endpoint.Port.ToString(), "-y", "-s", "-n", "3", "-m", "10", "127.0.0.1");
        Assert.Contains("Total lost packets 0", output);
        Assert.DoesNotContain("error", output);
        Assert.Contains("under RESERVATION-TOKEN", server.Log);
        Assert.DoesNotContain("Rejected:", server.Log);
    }

    [Fact]
    public async Task Our_client_allocates_and_relays_through_coturn_turnserver()
    {
        await using var coturn = CoturnServer.Start();
        using var peer = new EchoPeer();
        // Our client retransmits (RTO 500 ms), so a coturn still starting up just costs a retry.
        var (code, output, error) = await Run("turn", coturn.Endpoint.ToString(), "--user", "alice:secret", "--peer", peer.Endpoint.ToString(), "--timeout", "20");
        Assert.True(code == 0, error + output);
        Assert.Contains("Challenged: 401 Unauthorized with realm \"natlearning.example\"", output);
        Assert.Contains("(ChannelData on channel 0x4000)\"", output);
        Assert.Equal(2, peer.Received);
    }

    private static async Task<string> Tool(string tool, params string[] args)
    {
        var psi = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await p.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            p.Kill(entireProcessTree: true);
            Assert.Fail($"{tool} did not finish in 60 s");
        }
        return await stdout + await stderr;
    }

    private static Task<(int Code, string Output, string Error)> Run(params string[] args) => Task.Run(() =>
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = NatLearnCommand.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    });
}
