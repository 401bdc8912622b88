using Microsoft.DotNet.Interactive.Formatting;
using NatLearning.Interactive;

namespace NatLearning.Tests.Interactive;

/// <summary>
/// This test process runs on FSharp.Core 10.0, as kernels do, while Plotly.NET 6 was built against 10.1: these tests
/// only pass because FSharpCoreRedirect answers Plotly's request for 10.1.
/// </summary>
public class ChartTests
{
    [Fact]
    public void The_process_runs_on_FSharp_Core_10_0_like_a_kernel()
    {
        _ = Charts.BirthdayParadox();
        var fsharp = AppDomain.CurrentDomain.GetAssemblies().Single(a => a.GetName().Name == "FSharp.Core");
        Assert.Equal(new Version(10, 0, 0, 0), fsharp.GetName().Version);
    }

    [Fact]
    public void Birthday_chart_renders_as_a_plotly_figure_that_draws_itself()
    {
        global::NatLearning.Interactive.Course.Load();
        var html = Charts.BirthdayParadox(portRange: 1000, maxPorts: 100).ToDisplayString(HtmlFormatter.MimeType);
        Assert.Contains("data-plotly-chart", html);
        Assert.Contains("P.newPlot(node, fig.data, fig.layout", html);
        Assert.Contains("Birthday paradox", html);
        Assert.Contains("\"type\":\"scatter\"", html);
        Assert.Contains(PlotlyHtml.CdnUrl, html);   // fetched only by the notebook-only loader
        Assert.DoesNotContain("</script>\"", html);
    }

    [Fact]
    public void Birthday_curve_reaches_one_half_near_the_square_root_of_the_port_range()
    {
        // 1 − exp(−k²/N) = 0.5 at k = sqrt(N ln 2): about 211 ports for 64 512.
        Assert.InRange(Charts.MatchProbability(211, 64_512), 0.49, 0.51);
        Assert.InRange(Charts.MatchProbability(1024, 64_512), 0.99999, 1.0);
        Assert.Equal(0, Charts.MatchProbability(0, 64_512));
        Assert.Throws<ArgumentOutOfRangeException>(() => Charts.BirthdayParadox(portRange: 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Charts.RelayBandwidth(relayedShare: 1.5));
    }
}
