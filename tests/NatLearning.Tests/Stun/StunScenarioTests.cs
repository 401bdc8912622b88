using System.Diagnostics;
using NatLearning.Scenarios;
using NatLearning.Stun;

namespace NatLearning.Tests.Stun;

public class StunScenarioTests
{
    [Fact]
    public void Story_and_packet_list_come_from_the_simulation()
    {
        var r = ScenarioCatalog.Get("stun").Run(seed: 1);
        var mapping = r.Network.NatTables().Single().Entries.Single();
        var packets = r.Trace.ToPacketList();
        Assert.Contains("Binding Request", packets);
        Assert.Contains($"Binding Success Response XOR-MAPPED-ADDRESS: {mapping.InsideGlobal}", packets);
        Assert.Contains(r.Story, s => s.Contains($"her public mapping is {mapping.InsideGlobal}"));
        Assert.Contains("STUN", r.Trace.ToMermaid());
    }

    [Fact]
    public void Tshark_decodes_the_scenario_pcap_as_stun_without_malformed_packets()
    {
        var tshark = FindTool("tshark");
        if (tshark is null) Assert.Skip("tshark is not installed; install with: apt-get install -y tshark");
        var file = Path.Combine(Path.GetTempPath(), $"natlearn-stun-{Guid.NewGuid():N}.pcap");
        try
        {
            var r = ScenarioCatalog.Get("stun").Run(seed: 1);
            r.Trace.WritePcap(file);
            Assert.Equal("", Run(tshark, "-r", file, "-Y", "_ws.malformed || _ws.expert.severity >= warning"));
            var stun = Run(tshark, "-r", file, "-Y", "stun", "-T", "fields", "-e", "stun.type", "-e", "stun.att.ipv4");
            var lines = stun.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.True(lines.Length >= 4, stun);   // request and response, each before and after the NAT
            Assert.Contains(lines, l => l.Contains("0x0101") && l.Contains("49.36.10.25"));
        }
        finally
        {
            File.Delete(file);
        }
    }

    internal static string? FindTool(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);

    internal static string Run(string tool, params string[] args)
    {
        var psi = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEndAsync();
        var error = p.StandardError.ReadToEndAsync();
        Assert.True(p.WaitForExit(60_000), $"{tool} did not finish");
        Assert.True(p.ExitCode == 0, $"{tool} failed: {error.Result}");
        return output.Result;
    }
}
