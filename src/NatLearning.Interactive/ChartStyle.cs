using Plotly.NET;
using Plotly.NET.CSharp;

namespace NatLearning.Interactive;

/// <summary>Title, axis titles and size shared by the charts drawn from simulation results.</summary>
internal static class ChartStyle
{
    public static GenericChart Styled(GenericChart chart, string title, string xTitle, string yTitle, int width = 900, int height = 480) =>
        Plotly.NET.Chart.withTitle(title, TitleFont: null).Invoke(chart)
            .WithXAxisStyle<double, double, string>(TitleText: xTitle)
            .WithYAxisStyle<double, double, string>(TitleText: yTitle)
            .WithSize(width, height);
}
