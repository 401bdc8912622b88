using NatLearning.HolePunching;
using NatLearning.Interactive;
using NatLearning.Lab;
using NatLearning.Scenarios;
using Plotly.NET;

namespace NatLearning.Tests.Interactive;

/// <summary>The book's figure JSON is Plotly.NET's own <c>toFigureJson</c>, byte for byte, only faster.</summary>
public class PlotlyFigureJsonTests
{
    public static TheoryData<string> Charts => [.. ChartsByName.Keys];

    private static readonly Dictionary<string, Func<GenericChart>> ChartsByName = new()
    {
        ["latency"] = () => LatencyChart.Of([("direct", TimeSpan.FromMilliseconds(22)), ("relay \"far\" </script>", TimeSpan.FromMilliseconds(84.25))]),
        ["server load"] = () => ServerLoadChart.Of([(10, 20.5, 0), (1000, 2064, 1e-7)]),
        ["birthday"] = () => BirthdayChart.Of(BirthdayExperiment.Run(new BirthdayOptions { OpenPorts = 64, ProbeCounts = [16, 64], Trials = 4 })),
        ["hole-punch heatmap"] = () => OutcomeHeatmap.Of(HolePunchExperiment.Grid([PeerNat.None, PeerNat.Parse("symmetric")], seed: 2)),
        ["ICE heatmap"] = () => OutcomeHeatmap.Of(IceSession.Grid([PeerNat.None, PeerNat.Parse("symmetric")], seed: 9, turn: true), "ICE with STUN and TURN: Alice's NAT × Bob's NAT"),
        ["ICE timeline"] = () => IceTimelineChart.Of(IceSession.Run(PeerNat.Parse("port-restricted-cone"), PeerNat.Parse("symmetric"), seed: 8, turn: true)),
        ["relay bandwidth"] = () =>
        {
            var (_, cost) = new RelayCostScenario().Simulate(new ScenarioOptions { Seed = 8 });
            return RelayBandwidthChart.Of(cost, 0.25);
        },
    };

    [Theory]
    [MemberData(nameof(Charts))]
    public void Figure_json_is_plotly_nets_own(string chart)
    {
        var c = ChartsByName[chart]();
        Assert.Equal(GenericChart.toFigureJson(c), PlotlyFigureJson.Of(c));
    }

    [Fact]
    public void A_rendered_chart_carries_the_figure_and_no_early_script_end()
    {
        var c = ChartsByName["latency"]();
        var html = PlotlyHtml.Render(c);
        Assert.Contains(GenericChart.toFigureJson(c).Replace("</", "<\\/", StringComparison.Ordinal), html);
        Assert.DoesNotContain("far\\\" </script>", html);
    }
}
