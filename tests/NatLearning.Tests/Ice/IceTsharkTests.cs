using NatLearning.Scenarios;
using NatLearning.Tests.Turn;

namespace NatLearning.Tests.Ice;

/// <summary>Wireshark's STUN dissector reads the ice scenario's checks: USERNAME ufrag:ufrag, PRIORITY, ICE-CONTROLLING, USE-CANDIDATE, nothing malformed.</summary>
public class IceTsharkTests
{
    [Fact]
    public void Tshark_decodes_the_ice_checks_with_their_ice_attributes()
    {
        var tshark = TurnTsharkTests.FindTool("tshark");
        if (tshark is null) Assert.Skip("tshark is not installed; install it with: apt-get install -y tshark");
        var pcap = Path.Combine(Path.GetTempPath(), $"natlearn-ice-{Guid.NewGuid():N}.pcap");
        try
        {
            var r = ScenarioCatalog.Get("ice").Run(new ScenarioOptions { NatA = "symmetric", NatB = "port-restricted-cone", Turn = true });
            r.Trace.WritePcap(pcap);
            var nominations = TurnTsharkTests.Run(tshark, "-r", pcap, "-Y", "stun.att.type == 0x0025 && stun.att.type == 0x0024 && stun.att.type == 0x802a && stun.att.type == 0x0008 && stun.att.type == 0x8028",
                "-T", "fields", "-e", "stun.att.username");
            Assert.NotEmpty(nominations.Trim());
            Assert.Matches("^[A-Za-z0-9+/]{8}:[A-Za-z0-9+/]{8}$", nominations.Split('\n')[0].Trim());
            Assert.Contains("ICE-CONTROLLED", TurnTsharkTests.Run(tshark, "-r", pcap, "-V", "-Y", "stun.att.type == 0x8029"));
            var malformed = TurnTsharkTests.Run(tshark, "-r", pcap, "-Y", "_ws.malformed || _ws.expert.severity >= error");
            Assert.True(malformed.Trim().Length == 0, $"tshark found malformed packets:\n{malformed}");
        }
        finally
        {
            File.Delete(pcap);
        }
    }
}
