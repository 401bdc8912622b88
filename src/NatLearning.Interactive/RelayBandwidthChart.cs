using NatLearning.Turn;
using Plotly.NET;
using Chart = Plotly.NET.CSharp.Chart;

namespace NatLearning.Interactive;

/// <summary>
/// Server bandwidth against the number of users, from a <see cref="RelayCostReport"/>: the relay's measured bytes per
/// byte of media (TURN framing and headers included) scaled from 0 to the report's users. Peer to peer, the server
/// carries no media. With <c>relayedShare</c> (measured by an ICE population run) a third line shows direct-first.
/// </summary>
public static class RelayBandwidthChart
{
    public static GenericChart Of(RelayCostReport report, double? relayedShare = null, int steps = 10)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (relayedShare is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(relayedShare), relayedShare, "A share is between 0 and 1.");
        var users = Enumerable.Range(0, steps + 1).Select(i => report.Model.Users * i / steps).ToArray();
        // Gbit/s through the relay's links: media in plus media out, each with its measured overhead.
        double Relay(int u) => u * report.Model.MegabitsPerSecondPerUser * (report.InFactor + report.OutFactor) / 1000;
        var lines = new List<GenericChart>
        {
            Chart.Line<int, double, string>(users, users.Select(Relay), Name: "every call through TURN", ShowMarkers: true),
            Chart.Line<int, double, string>(users, users.Select(_ => report.P2PServerMediaMbps / 1000), Name: "peer to peer (media bypasses the server)", ShowMarkers: true),
        };
        if (relayedShare is { } share)
            lines.Add(Chart.Line<int, double, string>(users, users.Select(u => Relay(u) * share), Name: $"direct first, {share:P0} relayed", ShowMarkers: true));
        return ChartStyle.Styled(Chart.Combine(lines), $"Server bandwidth, {report.Model.MegabitsPerSecondPerUser:0.##} Mbps per user (measured overhead)",
            "users", "server bandwidth, in + out (Gbit/s)");
    }
}
