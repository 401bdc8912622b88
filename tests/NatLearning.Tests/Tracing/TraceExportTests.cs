using System.Diagnostics;
using NatLearning.Packets;
using NatLearning.Scenarios;
using NatLearning.Tracing;

namespace NatLearning.Tests.Tracing;

public class TraceExportTests
{
    [Fact]
    public void Pcap_reads_back_as_the_same_valid_packets()
    {
        var trace = ScenarioCatalog.Get("nat-table").Run().Trace;
        var records = Pcap.Read(trace.ToPcap(), out var link);
        Assert.Equal(PcapLinkType.Ipv4, link);
        var wire = trace.WirePackets.ToList();
        Assert.Equal(wire.Count, records.Count);
        for (var i = 0; i < wire.Count; i++)
        {
            Assert.Equal(wire[i].Bytes, records[i].Bytes);
            Assert.Equal(wire[i].Time.Ticks / 10, records[i].Time.Ticks / 10);
            var p = Packet.Parse(records[i].Bytes);      // throws on a bad checksum or length
            Assert.Equal(wire[i].Source, p.Source);
        }
    }

    [Fact]
    public void Tshark_reads_the_pcap_with_no_malformed_packet()
    {
        var tshark = FindOnPath("tshark");
        if (tshark is null) Assert.Skip("tshark is not installed; install it with: apt-get install -y tshark");
        var trace = ScenarioCatalog.Get("nat-rule").Run().Trace;
        var path = Path.Combine(Path.GetTempPath(), $"natlearn-{Guid.NewGuid():N}.pcap");
        try
        {
            trace.WritePcap(path);
            var list = Run(tshark, $"-r {path} -T fields -e frame.number -e ip.src -e udp.srcport -e ip.dst -e udp.dstport");
            var lines = list.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var rows = PacketList.Rows(trace);
            Assert.Equal(rows.Count, lines.Length);
            for (var i = 0; i < rows.Count; i++)
            {
                var f = lines[i].Split('\t');
                Assert.Equal(rows[i].Source, $"{f[1]}:{f[2]}");
                Assert.Equal(rows[i].Destination, $"{f[3]}:{f[4]}");
            }
            Assert.Equal("", Run(tshark, $"-r {path} -Y \"_ws.malformed || _ws.expert.severity >= warning\"").Trim());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Mermaid_has_a_participant_per_node_and_crosses_out_drops()
    {
        var trace = ScenarioCatalog.Get("nat-rule").Run().Trace;
        var m = trace.ToMermaid();
        Assert.StartsWith("sequenceDiagram\n", m);
        foreach (var node in new[] { "Alice", "Alice's router", "Server", "Stranger" })
            Assert.Contains($" as {node}\n", m);
        Assert.Equal(2, m.Split('\n').Count(l => l.Contains("-xP")));
        Assert.Contains("Note over P1: src 192.168.1.10:5000 → 49.36.10.25:5000", m);
        Assert.DoesNotContain(";", m.Replace("#59;", "").Replace("#35;", ""));
    }

    [Fact]
    public void Mermaid_respects_its_length_limit_and_filters()
    {
        var trace = ScenarioCatalog.Get("nat-table").Run().Trace;
        var m = trace.ToMermaid(new MermaidOptions { MaxMessages = 2 });
        Assert.Equal(2, m.Split('\n').Count(l => l.Contains("->>P") || l.Contains("-xP")));
        Assert.Contains("more packets not drawn", m);
        var onlyAlice = trace.ToMermaid(new MermaidOptions { Filter = e => e.Node == "Alice" });
        Assert.DoesNotContain("Server", onlyAlice);
    }

    [Fact]
    public void Writing_to_a_missing_folder_fails_cleanly_and_leaves_nothing()
    {
        var trace = ScenarioCatalog.Get("direct").Run().Trace;
        var dir = Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}");
        var e = Assert.Throws<DirectoryNotFoundException>(() => trace.WritePcap(Path.Combine(dir, "x.pcap")));
        Assert.Contains(dir, e.Message);
        Assert.False(Directory.Exists(dir));
    }

    internal static string? FindOnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, tool)).FirstOrDefault(File.Exists);

    private static string Run(string exe, string args)
    {
        var psi = new ProcessStartInfo(exe, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        Assert.True(p.WaitForExit(60_000), "tshark did not finish in 60 s");
        Assert.True(p.ExitCode == 0, $"tshark exited {p.ExitCode}: {stderr.Result}");
        return stdout.Result;
    }
}
