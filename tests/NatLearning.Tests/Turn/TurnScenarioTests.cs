using NatLearning.Scenarios;
using NatLearning.Tracing;
using NatLearning.Turn;

namespace NatLearning.Tests.Turn;

public class TurnScenarioTests
{
    [Fact]
    public void Turn_scenario_packet_list_shows_each_turn_step_in_order()
    {
        var r = ScenarioCatalog.Get("turn").Run();
        var infos = PacketList.Rows(r.Trace).Select(x => x.Info).ToList();
        string[] steps =
        [
            "Allocate Request", "Allocate Error Response error-code: 401", "Allocate Request user: alice", "Allocate Success Response",
            "CreatePermission Request", "CreatePermission Success Response", "Send Indication", "Data Indication",
            "ChannelBind Request", "ChannelBind Success Response", "ChannelData TURN Message",
        ];
        var at = 0;
        foreach (var step in steps)
        {
            var found = infos.FindIndex(at, i => i.StartsWith(step, StringComparison.Ordinal));
            Assert.True(found >= 0, $"'{step}' does not appear after row {at + 1}:\n{string.Join('\n', infos)}");
            at = found;
        }
        var text = r.ToText();
        Assert.Contains("gave no permission for 88.20.15.90", text);
        Assert.Contains("bound channel 0x4000", text);
        Assert.Contains("\"now over the channel\"", text);
    }

    [Fact]
    public void Relay_cost_is_measured_from_the_simulated_traffic_and_scaled_to_1000_users()
    {
        var (result, report) = new RelayCostScenario().Simulate(new Scenarios.ScenarioOptions { Seed = 1 });
        // 2 Gbps of media each way, plus 28 bytes of IPv4/UDP per 1000-byte packet (and 4 of ChannelData inbound).
        Assert.InRange(report.RelayInMbps, 2000 * 1.031, 2000 * 1.033);
        Assert.InRange(report.RelayOutMbps, 2000 * 1.027, 2000 * 1.029);
        Assert.True(report.RelayInMbps > report.RelayOutMbps, "inbound carries the ChannelData header too");
        Assert.Equal(0, report.P2PServerMediaMbps);
        Assert.InRange(report.P2PServerBytesPerUser, 100, 400);
        // 2.056 Gbps for 30 days is about 666 TB.
        Assert.InRange(report.EgressGigabytesPerMonth, 660_000, 670_000);
        var text = result.ToText();
        Assert.Contains("Bob got 250", text);
        Assert.Contains("so the relay adds 60 ms", text);
    }

    [Fact]
    public void Cost_model_refuses_an_empty_measurement()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new RelayCostModel().Estimate(new RelayTraffic(), 0, 0));
        Assert.Contains("Measure some relayed media first", e.Message);
    }

    [Fact]
    public void Channel_data_is_described_on_the_turn_port_only()
    {
        var describer = new ChannelDataDescriber();
        var bytes = new ChannelData(0x4001, "Hello"u8.ToArray()).Encode();
        Assert.True(describer.TryDescribe(bytes, 50000, 3478, out var protocol, out var info));
        Assert.Equal(("STUN", "ChannelData TURN Message channel 0x4001 Len=5"), (protocol, info));
        // "Hello" starts with 0x48; on other ports it is just UDP.
        Assert.False(describer.TryDescribe("Hello, world"u8, 7000, 49152, out _, out _));
        Assert.True(describer.TryDescribe([0x40, 0x00, 0x00, 0x09, 1], 3478, 50000, out _, out var bad));
        Assert.StartsWith("Malformed ChannelData", bad);
    }
}
