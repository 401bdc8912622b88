using System.Globalization;
using System.Text;
using NatLearning.Ice;

namespace NatLearning.Lab;

/// <summary>
/// The candidates an agent found, as the WebRTC samples' Trickle ICE page lists them: Time, Type, Foundation,
/// Protocol, Address, Port, Priority (shown as type | local | component parts).
/// </summary>
public static class CandidatesTable
{
    public sealed record Row(TimeSpan Time, string Type, string Foundation, string Protocol, string Address, int Port, string Priority);

    /// <summary>One row per local candidate, in the order found (peer-reflexive ones when a check taught them).</summary>
    public static IReadOnlyList<Row> Rows(IcePeer peer)
    {
        ArgumentNullException.ThrowIfNull(peer);
        var rows = new List<Row>();
        foreach (var e in peer.Events)
        {
            var c = e switch
            {
                IceEvent.CandidateGathered g => g.Candidate,
                IceEvent.PeerReflexiveLearned { Local: true } p => p.Candidate,
                _ => null,
            };
            if (c is not null)
                rows.Add(new Row(e.Time, c.Type.SdpName(), c.Foundation, "udp", c.Address.Address.ToString(), c.Address.Port, c.PriorityParts));
        }
        return rows;
    }

    public static string ToText(IcePeer peer)
    {
        var rows = Rows(peer);
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"{"Time",-8} {"Type",-6} {"Foundation",-10} {"Protocol",-8} {"Address",-15} {"Port",-5} Priority\n");
        foreach (var r in rows)
            sb.Append(CultureInfo.InvariantCulture, $"{r.Time.TotalSeconds,-8:0.000} {r.Type,-6} {r.Foundation,-10} {r.Protocol,-8} {r.Address,-15} {r.Port,-5} {r.Priority}\n");
        return sb.ToString();
    }
}
