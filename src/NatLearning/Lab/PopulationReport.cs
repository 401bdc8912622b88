using System.Globalization;
using System.Text;
using NatLearning.Ice;

namespace NatLearning.Lab;

/// <summary>How a population fared: shares direct / relayed / failed, and what relaying would cost.</summary>
public sealed record PopulationReport(
    PopulationOptions Options, long Direct, long Relayed, long Failed, long Packets, TimeSpan? MeanTimeToSelection,
    IReadOnlyDictionary<(string NatA, string NatB, string Result), int> Outcomes)
{
    public long Sessions => Direct + Relayed + Failed;
    public double DirectShare => Share(Direct);
    public double RelayedShare => Share(Relayed);
    public double FailedShare => Share(Failed);

    /// <summary>Relay traffic with every session on a relay at once: up and down, both peers (4 × the session bitrate).</summary>
    public double RelayMbps => Relayed * 4 * Options.SessionMbps;

    /// <summary>The same if a TURN server carried the sessions that failed for want of one.</summary>
    public double RelayMbpsIfFailedWereRelayed => (Relayed + Failed) * 4 * Options.SessionMbps;

    /// <summary>Relay cost per hour of all those sessions: Mbit/s → GB per hour × price per GB.</summary>
    public double DollarsPerHour(double mbps) => mbps / 8 * 3600 / 1000 * Options.DollarsPerGb;

    private double Share(long n) => Sessions == 0 ? 0 : (double)n / Sessions;

    public override string ToString()
    {
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append(c, $"{Options.Peers} peers, {Sessions} sessions: direct {DirectShare:P1}, relayed {RelayedShare:P1}, failed {FailedShare:P1} ({(Options.Turn ? "with" : "without")} a TURN server)\n");
        sb.Append(c, $"mean time to selection {MeanTimeToSelection?.TotalMilliseconds ?? 0:0} ms; {Packets} STUN packets\n");
        sb.Append(c, $"relay bandwidth {RelayMbps:0} Mbit/s with every session live at {Options.SessionMbps} Mbit/s each way, ${DollarsPerHour(RelayMbps):0.00} per hour at ${Options.DollarsPerGb}/GB");
        if (Failed > 0) sb.Append(c, $"; relaying the failed ones too: {RelayMbpsIfFailedWereRelayed:0} Mbit/s, ${DollarsPerHour(RelayMbpsIfFailedWereRelayed):0.00} per hour");
        sb.Append('\n');
        // Ties by name: the dictionary's order is the order parallel sessions finished in.
        foreach (var ((a, b, r), n) in Outcomes.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key).Take(12))
            sb.Append(c, $"  {a} × {b}: {r} ×{n}\n");
        return sb.ToString();
    }
}
