using System.Globalization;
using NatLearning.Turn;

namespace NatLearning.Interactive;

/// <summary>What relaying costs: the relay's bandwidth in and out in bold, peer to peer next to it, then the measured header overhead and a month's egress.</summary>
public static class RelayCostReportHtml
{
    public static string Render(RelayCostReport r) => Html.View(Body(r));

    internal static string Body(RelayCostReport r)
    {
        var c = CultureInfo.InvariantCulture;
        var m = r.Model;
        return new Card(Html.E(string.Create(c, $"Relay: {r.RelayInMbps / 1000:0.000} Gbps in, {r.RelayOutMbps / 1000:0.000} Gbps out")), nameof(RelayCostReport))
            .Sub(Html.E(string.Create(c, $"{m.Users} users × {m.MegabitsPerSecondPerUser:0.##} Mbps of media each, all through one TURN relay. Peer to peer: {r.P2PServerMediaMbps:0} Mbps of media through the server.")))
            .Row("Header overhead (measured)", Html.E(string.Create(c, $"×{r.InFactor:0.000} in, ×{r.OutFactor:0.000} out (TURN framing, IPv4 and UDP headers)")))
            .Row("Egress for 30 days", Html.E(string.Create(c, $"{r.EgressGigabytesPerMonth / 1000:0.0} TB ≈ ${r.EgressCostPerMonth:#,0} at ${m.PricePerGigabyte:0.00}/GB (assumed price)")))
            .Row("Peer to peer, per user", Html.E(string.Create(c, $"{r.P2PServerBytesPerUser} bytes of STUN with the server, once")))
            .Body();
    }
}
