using System.Net;
using System.Net.Sockets;
using NatLearning.Cli;
using NatLearning.Tests.Turn;

namespace NatLearning.Tests.Cli;

/// <summary>`natlearn ice --relay`: two relay-only agents over real UDP on 127.0.0.1 through our `serve turn`.</summary>
public class IceCommandTests
{
    private static readonly Dictionary<string, string> Users = new() { ["alice"] = "secret" };

    [Fact]
    public async Task Ice_command_connects_relay_to_relay_through_serve_turn_and_the_message_arrives()
    {
        await using var server = await LoopbackTurnServer.Start(Users, LoopbackTurnServer.AllowLoopback);
        var (code, output, error) = await Run("ice", "--relay", server.Endpoint.ToString(), "--user", "alice:secret", "--message", "ping over ICE", "--timeout", "10");
        Assert.True(code == 0, error + output + server.Log);
        Assert.Contains("Alice's TURN client: allocated relayed address 127.0.0.1:", output);
        Assert.Contains("Bob's TURN client: permission for 127.0.0.1", output);
        Assert.Contains("with USE-CANDIDATE", output);
        Assert.Matches(@"Alice: ICE selected relay 127\.0\.0\.1:\d+ ⇄ relay 127\.0\.0\.1:\d+", output);
        Assert.Contains("Bob: received \"ping over ICE\" from 127.0.0.1:", output);
        Assert.Contains($"both relayed by {server.Endpoint}", output);
        Assert.True(server.Server.Traffic.PacketsToPeers >= 3, server.Server.Traffic.ToString());
        Assert.Empty(error);
    }

    [Fact]
    public async Task Ice_command_against_a_server_refusing_loopback_peers_names_the_403_and_the_flag()
    {
        await using var server = await LoopbackTurnServer.Start(Users);
        var (code, _, error) = await Run("ice", "--relay", server.Endpoint.ToString(), "--user", "alice:secret", "--timeout", "2");
        Assert.Equal(1, code);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("CreatePermission failed: 403 Forbidden", line);
        Assert.Contains("--allow-loopback-peers", line);
    }

    [Fact]
    public async Task Ice_command_with_a_wrong_password_names_the_turn_failure()
    {
        await using var server = await LoopbackTurnServer.Start(Users, LoopbackTurnServer.AllowLoopback);
        var (code, _, error) = await Run("ice", "--relay", server.Endpoint.ToString(), "--user", "alice:wrong", "--timeout", "5");
        Assert.Equal(1, code);
        Assert.Matches("^natlearn: (Alice|Bob)'s TURN client: Allocate failed: 401 Unauthorized: the server refused the password of \"alice\"$", error.Trim());
    }

    [Fact]
    public async Task Ice_command_against_a_silent_port_says_no_answer_from_the_relay()
    {
        IPEndPoint silent;
        using (var probe = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0))) silent = (IPEndPoint)probe.Client.LocalEndPoint!;   // now free and silent
        var (code, _, error) = await Run("ice", "--relay", silent.ToString(), "--user", "alice:secret", "--timeout", "1");
        Assert.Equal(1, code);
        Assert.Equal($"natlearn: stopped after 1 s: no answer from the relay {silent}: the Allocate request got no response (is a TURN server listening there?)", error.Trim());
    }

    [Theory]
    [InlineData("127.0.0.1:99999", "alice:secret", "natlearn: --relay: '127.0.0.1:99999' is not HOST:PORT with a port from 1 to 65535.")]
    [InlineData("nosuchhost.invalid:3478", "alice:secret", "natlearn: --relay: cannot resolve 'nosuchhost.invalid'")]
    [InlineData("127.0.0.1:3478", "alice", "natlearn: --user 'alice' is not NAME:PASSWORD (both parts non-empty).")]
    [InlineData("127.0.0.1:3478", ":secret", "natlearn: --user ':secret' is not NAME:PASSWORD")]
    [InlineData("ev\u001b[2Jil:3478", "alice:secret", "natlearn: --relay: cannot resolve 'ev\\x1b[2Jil'")]   // a control byte comes out escaped
    public async Task Bad_ice_arguments_give_one_line_naming_the_argument(string relay, string user, string expected)
    {
        var (code, output, error) = await Run("ice", "--relay", relay, "--user", user);
        Assert.Equal(1, code);
        Assert.StartsWith(expected, Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
        Assert.DoesNotContain("   at ", error);
        Assert.Empty(output);   // nothing was sent
    }

    [Fact]
    public async Task A_message_too_long_for_one_datagram_through_the_relay_is_refused_before_anything_is_sent()
    {
        var (code, output, error) = await Run("ice", "--relay", "127.0.0.1:3478", "--user", "a:b", "--message", new string('x', 70_000));
        Assert.Equal(2, code);
        Assert.Equal("natlearn: --message is 70000 bytes in UTF-8; at most 65000 fit one UDP datagram through the relay. See 'natlearn ice --help'.", error.Trim());
        Assert.Empty(output);
    }

    [Fact]
    public async Task Ice_command_without_relay_is_a_parse_error_naming_it()
    {
        var (code, _, error) = await Run("ice", "--user", "a:b");
        Assert.Equal(2, code);
        Assert.Equal("natlearn: Option '--relay' is required. See 'natlearn ice --help'.", error.Trim());
    }

    /// <summary>The same relayed session through coturn's turnserver: the relay-to-relay path is not our server's quirk.</summary>
    [Fact]
    public async Task Ice_command_connects_relay_to_relay_through_coturn_turnserver()
    {
        await using var coturn = CoturnServer.Start();
        var (code, output, error) = await Run("ice", "--relay", coturn.Endpoint.ToString(), "--user", "alice:secret", "--message", "via coturn", "--timeout", "15");
        Assert.True(code == 0, error + output);
        Assert.Matches(@"Alice: ICE selected relay 127\.0\.0\.1:\d+ ⇄ relay 127\.0\.0\.1:\d+", output);
        Assert.Contains("(ChannelData 0x4000)", output);
        Assert.Contains("Bob: received \"via coturn\" from 127.0.0.1:", output);
        Assert.Contains($"both relayed by {coturn.Endpoint}", output);
    }

    private static Task<(int Code, string Output, string Error)> Run(params string[] args) => Task.Run(() =>
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = NatLearnCommand.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    });
}
