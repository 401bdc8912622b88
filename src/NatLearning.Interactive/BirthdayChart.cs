using Chart = Plotly.NET.CSharp.Chart;
using Plotly.NET;
using NatLearning.HolePunching;
using NatLearning.Lab;

namespace NatLearning.Interactive;

/// <summary>
/// The birthday-paradox experiment as a chart: the success rate measured in the NAT model after k probes, next to the
/// closed form 1 − (1 − N/65536)^k. Every point comes from <see cref="BirthdayExperiment.Run"/>.
/// </summary>
public static class BirthdayChart
{
    public static GenericChart Of(BirthdayResult result, int points = 48)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (points < 2) throw new ArgumentOutOfRangeException(nameof(points), points, "At least 2 points.");
        var max = result.Options.ProbeCounts.Max();
        var k = Enumerable.Range(1, points).Select(i => Math.Max(1, (int)Math.Round(max * i / (double)points))).Distinct().ToArray();
        var measured = k.Select(result.MeasuredAt).ToArray();
        var closed = k.Select(x => BirthdayResult.ClosedForm(result.Options.OpenPorts, x)).ToArray();
        var chart = Chart.Combine([
            Chart.Line<int, double, string>(k, closed, Name: "1 − (1 − N/65536)^k", ShowMarkers: false),
            Chart.Line<int, double, string>(k, measured, Name: $"measured, {result.Options.Trials} trials", ShowMarkers: true),
        ]);
        return ChartStyle.Styled(chart, $"Birthday probing: hard side opens N = {result.Options.OpenPorts} ports",
            "probes sent by the easy side (k)", "share of trials connected");
    }
}
