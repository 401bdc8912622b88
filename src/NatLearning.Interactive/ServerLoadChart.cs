using Plotly.NET;
using Chart = Plotly.NET.CSharp.Chart;

namespace NatLearning.Interactive;

/// <summary>
/// Server load against the number of users, one point per simulated user base: what a relay carried (in + out) and
/// what the server carried when the users talked peer to peer. The numbers are measurements a chapter passes in.
/// </summary>
public static class ServerLoadChart
{
    public static GenericChart Of(IEnumerable<(int Users, double RelayMbps, double PeerToPeerMbps)> measured, string title = "Server load measured in the simulation")
    {
        ArgumentNullException.ThrowIfNull(measured);
        var rows = measured.OrderBy(r => r.Users).ToList();
        if (rows.Count == 0) throw new ArgumentException("Measure at least one user base.", nameof(measured));
        var users = rows.Select(r => r.Users).ToArray();
        var chart = Chart.Combine([
            Chart.Line<int, double, string>(users, rows.Select(r => r.RelayMbps), Name: "through a relay", ShowMarkers: true),
            Chart.Line<int, double, string>(users, rows.Select(r => r.PeerToPeerMbps), Name: "peer to peer", ShowMarkers: true),
        ]);
        return ChartStyle.Styled(chart, title, "users", "server bandwidth, in + out (Mbit/s)");
    }
}
