using Plotly.NET;
using Plotly.NET.CSharp;
using Chart = Plotly.NET.CSharp.Chart;

namespace NatLearning.Interactive;

/// <summary>Plotly.NET charts for the course. Each returns a <see cref="GenericChart"/> that displays as an interactive chart.</summary>
public static class Charts
{
    /// <summary>
    /// The birthday paradox behind port guessing (symmetric NAT): if each side opens <c>k</c> random ports out of
    /// <paramref name="portRange"/>, the chance that at least one pair matches is about 1 − exp(−k²/N).
    /// </summary>
    public static GenericChart BirthdayParadox(int portRange = 64_512, int maxPorts = 1024)
    {
        if (portRange < 2) throw new ArgumentOutOfRangeException(nameof(portRange), portRange, "The port range must hold at least 2 ports.");
        if (maxPorts < 1) throw new ArgumentOutOfRangeException(nameof(maxPorts), maxPorts, "At least 1 port per side.");
        var k = Enumerable.Range(0, 65).Select(i => Math.Max(1, (int)Math.Round(maxPorts * i / 64.0))).Distinct().ToArray();
        var p = k.Select(x => MatchProbability(x, portRange)).ToArray();
        return Styled(Line(k.Select(x => (double)x), p, $"{portRange} ports"),
            "Birthday paradox: chance two random port sets meet", "ports opened by each side", "probability of a match");
    }

    /// <summary>Chance that two sides each opening <paramref name="portsEach"/> random ports out of <paramref name="portRange"/> share at least one.</summary>
    // Both sides pick k ports: k² pairs, each matching with probability 1/N, so P ≈ 1 − (1 − 1/N)^(k²) ≈ 1 − exp(−k²/N).
    public static double MatchProbability(int portsEach, int portRange) => 1 - Math.Exp(-(double)portsEach * portsEach / portRange);

    /// <summary>
    /// What a relay costs its operator: every relayed call passes through the server twice (in and out), a direct
    /// call not at all. <paramref name="kbitPerCall"/> is one direction of one call.
    /// </summary>
    public static GenericChart RelayBandwidth(int maxCalls = 1000, double kbitPerCall = 64, double relayedShare = 0.15)
    {
        if (maxCalls < 1) throw new ArgumentOutOfRangeException(nameof(maxCalls), maxCalls, "At least 1 call.");
        if (relayedShare is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(relayedShare), relayedShare, "The relayed share is between 0 and 1.");
        var calls = Enumerable.Range(0, 21).Select(i => maxCalls * i / 20.0).ToArray();
        // Each call has two directions; the relay receives and sends each: 4 × kbit per call, in Mbit/s.
        var allRelayed = calls.Select(c => c * 4 * kbitPerCall / 1000).ToArray();
        var mixed = allRelayed.Select(b => b * relayedShare).ToArray();
        var chart = Chart.Combine([
            Line(calls, allRelayed, "every call relayed (TURN only)"),
            Line(calls, mixed, $"P2P first, {relayedShare:P0} relayed (ICE)"),
        ]);
        return Styled(chart, "Server bandwidth vs calls", "simultaneous calls", "relay bandwidth (Mbit/s)");
    }

    private static GenericChart Line(IEnumerable<double> x, IEnumerable<double> y, string name) =>
        Chart.Line<double, double, string>(x, y, Name: name, ShowMarkers: true);

    private static GenericChart Styled(GenericChart chart, string title, string xTitle, string yTitle) =>
        Plotly.NET.Chart.withTitle(title, TitleFont: null).Invoke(chart)
            .WithXAxisStyle<double, double, string>(TitleText: xTitle)
            .WithYAxisStyle<double, double, string>(TitleText: yTitle)
            .WithSize(900, 480);
}
