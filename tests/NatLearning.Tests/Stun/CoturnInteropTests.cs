using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using NatLearning.Protocols;
using NatLearning.Stun;
using NatLearning.Stun.Attributes;

namespace NatLearning.Tests.Stun;

/// <summary>Our STUN code against coturn, over loopback only: our client against turnserver, turnutils_stunclient against our server.</summary>
public class CoturnInteropTests
{
    private const string Install = "install with: apt-get install -y coturn";

    [Fact]
    public async Task Our_client_and_discovery_work_against_coturns_turnserver()
    {
        var turnserver = StunScenarioTests.FindTool("turnserver") ?? SkipMissing("turnserver");
        var port = FreeUdpPortPair();
        var dir = Directory.CreateTempSubdirectory("natlearn-coturn-");
        using var coturn = Process.Start(new ProcessStartInfo(turnserver)
        {
            ArgumentList =
            {
                "-n", "-L", "127.0.0.1", "-L", "127.0.0.2", "-p", $"{port}", "--alt-listening-port", $"{port + 1}",
                "--stun-only", "--no-tls", "--no-dtls", "--no-tcp", "--no-cli", "--simple-log", "--no-stdout-log",
                "--log-file", Path.Combine(dir.FullName, "turn.log"), "--pidfile", Path.Combine(dir.FullName, "turn.pid"),
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        try
        {
            var server = new IPEndPoint(IPAddress.Loopback, port);
            // turnserver takes a moment to open its sockets: many quick retransmissions cover that.
            var result = await BindOverUdp(server, new StunRetransmission { Rto = TimeSpan.FromMilliseconds(100), Rc = 30, Rm = 2 });
            Assert.True(result.Succeeded, result.Summary + "\n" + ReadLog(dir));
            Assert.Equal(result.Local, result.MappedAddress);
            Assert.Contains("Coturn", result.Response!.Get<Software>()!.Value);
            Assert.True(result.Response.VerifyFingerprint());
            Assert.Equal(new IPEndPoint(IPAddress.Parse("127.0.0.2"), port + 1), result.OtherAddress);

            using var udp = new UdpDriver(new IPEndPoint(IPAddress.Loopback, 0), new IPEndPoint(IPAddress.Loopback, 0));
            var discovery = new NatBehaviorDiscovery(udp.LocalEndPoints[0], udp.LocalEndPoints[1], server, new OsRandom(),
                new StunRetransmission { Rto = TimeSpan.FromMilliseconds(100), Rc = 3, Rm = 4 });
            discovery.Start(udp.Now);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await udp.RunAsync(discovery, () => discovery.Finished, timeout.Token);
            Assert.Null(discovery.Report.Problem);
            Assert.Equal("no NAT (open internet)", discovery.Report.ClassicName);
        }
        finally
        {
            coturn.Kill();
            await coturn.WaitForExitAsync(TestContext.Current.CancellationToken);
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Coturns_stunclient_gets_rfc_5780_answers_from_our_server()
    {
        var stunclient = StunScenarioTests.FindTool("turnutils_stunclient") ?? SkipMissing("turnutils_stunclient");
        await using var server = await LoopbackStunServer.Start(alternate: true);
        var output = await Task.Run(() => StunScenarioTests.Run(stunclient, "-f", "-p", $"{server.Primary.Port}", "127.0.0.1"));
        Assert.Matches(@"UDP reflexive addr: 127\.0\.0\.1:\d+", output);
        Assert.Contains($"Response origin: : 127.0.0.1:{server.Primary.Port}", output);
        Assert.Contains($"Response origin: : 127.0.0.2:{server.Primary.Port + 1}", output);   // CHANGE-REQUEST honoured
        Assert.Contains($"Other addr: : 127.0.0.2:{server.Primary.Port + 1}", output);
        Assert.True(server.Log.Split('\n').Count(l => l.Contains("Binding Request from")) >= 3, server.Log);
    }

    private static string SkipMissing(string tool)
    {
        Assert.Skip($"{tool} is not installed; {Install}");
        return "";
    }

    private static async Task<BindingResult> BindOverUdp(IPEndPoint server, StunRetransmission schedule)
    {
        using var udp = new UdpDriver(new IPEndPoint(IPAddress.Loopback, 0));
        var client = new StunClient(udp.LocalEndPoints[0], new OsRandom(), schedule);
        client.StartBinding(udp.Now, server);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await udp.RunAsync(client, () => client.PendingCount == 0, timeout.Token);
        Assert.True(client.TryPollEvent(out var result), "the transaction never finished");
        return result;
    }

    /// <summary>A port P such that P and P+1 are free for UDP on 127.0.0.1 and 127.0.0.2 just now.</summary>
    private static int FreeUdpPortPair()
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var port = Random.Shared.Next(20000, 60000);
            try
            {
                foreach (var ip in new[] { "127.0.0.1", "127.0.0.2" })
                    for (var p = port; p <= port + 1; p++)
                    {
                        using var s = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                        s.Bind(new IPEndPoint(IPAddress.Parse(ip), p));
                    }
                return port;
            }
            catch (SocketException) { }
        }
        throw new InvalidOperationException("no free UDP port pair found on loopback");
    }

    private static string ReadLog(DirectoryInfo dir)
    {
        var log = Path.Combine(dir.FullName, "turn.log");
        return File.Exists(log) ? File.ReadAllText(log) : "(no turnserver log)";
    }
}
