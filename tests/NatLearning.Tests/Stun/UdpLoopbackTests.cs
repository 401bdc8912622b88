using System.Net;
using NatLearning.Protocols;
using NatLearning.Stun;

namespace NatLearning.Tests.Stun;

/// <summary>The same client and server machines as in the simulation, over real UDP on 127.0.0.1.</summary>
public class UdpLoopbackTests
{
    [Fact]
    public async Task Our_client_gets_its_own_address_from_our_server_over_real_udp()
    {
        await using var server = await LoopbackStunServer.Start(alternate: false);
        using var udp = new UdpDriver(new IPEndPoint(IPAddress.Loopback, 0));
        var client = new StunClient(udp.LocalEndPoints[0], new OsRandom());
        client.StartBinding(udp.Now, server.Primary);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await udp.RunAsync(client, () => client.PendingCount == 0, timeout.Token);

        Assert.True(client.TryPollEvent(out var result));
        Assert.True(result.Succeeded, result.Summary);
        Assert.Equal(udp.LocalEndPoints[0], result.MappedAddress);
        Assert.InRange(result.Rtt!.Value, TimeSpan.Zero, TimeSpan.FromSeconds(5));
        Assert.Contains("Binding Request from", server.Log);
    }

    [Fact]
    public async Task Discovery_over_loopback_finds_no_nat()
    {
        await using var server = await LoopbackStunServer.Start(alternate: true);
        using var udp = new UdpDriver(new IPEndPoint(IPAddress.Loopback, 0), new IPEndPoint(IPAddress.Loopback, 0));
        var discovery = new NatBehaviorDiscovery(udp.LocalEndPoints[0], udp.LocalEndPoints[1], server.Primary, new OsRandom(),
            new StunRetransmission { Rto = TimeSpan.FromMilliseconds(100), Rc = 3, Rm = 4 });
        discovery.Start(udp.Now);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await udp.RunAsync(discovery, () => discovery.Finished, timeout.Token);

        var report = discovery.Report;
        Assert.True(discovery.Finished, report.ToText());
        Assert.Null(report.Problem);
        Assert.Equal(false, report.BehindNat);
        Assert.Equal("no NAT (open internet)", report.ClassicName);
        Assert.Equal("127.0.0.2", report.OtherAddress!.Address.ToString());
    }
}
