using System.Globalization;
using System.Text;

namespace NatLearning.Turn;

/// <summary>The result of <see cref="RelayCostModel.Estimate"/>: relay bandwidth in and out, a month's egress, and the peer-to-peer comparison.</summary>
/// <param name="InFactor">Wire bytes into the relay per byte of media (TURN framing, IPv4 and UDP headers).</param>
/// <param name="OutFactor">Wire bytes out of the relay per byte of media.</param>
public sealed record RelayCostReport(RelayCostModel Model, double InFactor, double OutFactor, double RelayInMbps, double RelayOutMbps,
    double EgressGigabytesPerMonth, decimal EgressCostPerMonth, long P2PServerBytesPerUser)
{
    /// <summary>Peer to peer the media never touches the server: its media bandwidth is zero.</summary>
    public double P2PServerMediaMbps => 0;

    public string ToText()
    {
        var c = CultureInfo.InvariantCulture;
        var m = Model;
        var sb = new StringBuilder();
        sb.Append(c, $"{m.Users} users × {m.MegabitsPerSecondPerUser:0.##} Mbps of media each\n");
        sb.Append(c, $"  through a TURN relay: {RelayInMbps / 1000:0.000} Gbps in and {RelayOutMbps / 1000:0.000} Gbps out ")
          .Append(c, $"(×{InFactor:0.000} in, ×{OutFactor:0.000} out for TURN, IPv4 and UDP headers, as measured)\n");
        sb.Append(c, $"  egress for 30 days: {EgressGigabytesPerMonth / 1000:0.0} TB ≈ ${EgressCostPerMonth:#,0} at ${m.PricePerGigabyte:0.00}/GB (assumed price)\n");
        sb.Append(c, $"  peer to peer: {P2PServerMediaMbps:0} Mbps of media through the server; each user only exchanges {P2PServerBytesPerUser} bytes of STUN with it\n");
        return sb.ToString();
    }

    public override string ToString() => ToText();
}
