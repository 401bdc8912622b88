using System.Diagnostics;
using NatLearning.Scenarios;

namespace NatLearning.Tests.Turn;

/// <summary>Wireshark's own dissector reads the turn scenario's pcap: the method names and ChannelData, nothing malformed.</summary>
public class TurnTsharkTests
{
    [Fact]
    public void Tshark_decodes_the_turn_pcap_without_malformed_packets()
    {
        var tshark = FindTool("tshark") ?? Skip("tshark is not installed; install it with: apt-get install -y tshark");
        var pcap = Path.Combine(Path.GetTempPath(), $"natlearn-turn-{Guid.NewGuid():N}.pcap");
        try
        {
            ScenarioCatalog.Get("turn").Run().Trace.WritePcap(pcap);
            var info = Run(tshark, "-r", pcap, "-T", "fields", "-e", "_ws.col.Protocol", "-e", "_ws.col.Info");
            Assert.Contains("Allocate Request", info);
            Assert.Contains("Allocate Error Response", info);
            Assert.Contains("Allocate Success Response", info);
            Assert.Contains("CreatePermission Request", info);
            // Wireshark spells the method "Channel-Bind"; RFC 8656 and our packet list say ChannelBind.
            Assert.Contains("Channel-Bind Request ChannelNumber=0x4000", info);
            Assert.Contains("Channel-Bind Success Response", info);
            Assert.Contains("ChannelData TURN Message", info);
            Assert.Contains("Send Indication", info);
            Assert.Contains("Data Indication", info);
            var malformed = Run(tshark, "-r", pcap, "-Y", "_ws.malformed || _ws.expert.severity >= error");
            Assert.True(malformed.Trim().Length == 0, $"tshark found malformed packets:\n{malformed}");
        }
        finally
        {
            File.Delete(pcap);
        }
    }

    private static string Skip(string reason)
    {
        Assert.Skip(reason);
        return "";
    }

    internal static string? FindTool(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, name)).FirstOrDefault(File.Exists);

    internal static string Run(string tool, params string[] args)
    {
        var psi = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        Assert.True(p.WaitForExit(60_000), $"{tool} did not finish in 60 s");
        Assert.True(p.ExitCode == 0, $"{tool} {string.Join(' ', args)} exited with {p.ExitCode}: {stderr.Result}");
        return stdout.Result;
    }
}
