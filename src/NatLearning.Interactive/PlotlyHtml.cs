using System.Globalization;
using System.Text;
using Plotly.NET;

namespace NatLearning.Interactive;

/// <summary>
/// A Plotly.NET chart as HTML. The figure JSON is Plotly.NET's (written by <see cref="PlotlyFigureJson"/>, which is
/// <c>toFigureJson</c> without its cost); the drawing is done by plotly.js, which a live
/// notebook fetches from its CDN once per page (a notebook-only script) and the book vendors.
/// </summary>
public static class PlotlyHtml
{
    /// <summary>The plotly.js a live notebook fetches; the same version the book vendors from npm (plotly.js-dist-min).</summary>
    public const string CdnUrl = "https://cdn.jsdelivr.net/npm/plotly.js-dist-min@4.1.2/plotly.min.js";

    private static long _counter;

    public static string Render(GenericChart chart)
    {
        var id = "nl-plotly-" + Interlocked.Increment(ref _counter).ToString(CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8];
        // "</" inside a script ends it early in HTML; JSON allows "<\/".
        var figure = PlotlyFigureJson.Of(chart).Replace("</", "<\\/", StringComparison.Ordinal);
        var sb = new StringBuilder();
        sb.Append($"<div class=\"plotly-view\"><div id=\"{id}\" data-plotly-chart></div>");
        sb.Append($"<script {MermaidHtml.NotebookOnlyAttribute}>").Append(LoaderScript.Replace("__CDN__", CdnUrl, StringComparison.Ordinal)).Append("</script>");
        sb.Append("<script>").Append(DrawScript.Replace("__ID__", id, StringComparison.Ordinal).Replace("__FIGURE__", figure, StringComparison.Ordinal)).Append("</script>");
        return Html.View(sb.Append("</div>").ToString());
    }

    private const string LoaderScript = """
(function () {
  var w = window;
  if (w.Plotly || w.__natlearnPlotly) return;
  w.__natlearnPlotly = new Promise(function (ok, fail) {
    var s = document.createElement('script');
    s.src = '__CDN__';
    s.onload = function () { ok(w.Plotly); };
    s.onerror = function () { fail(new Error('could not load plotly.js from __CDN__')); };
    document.head.appendChild(s);
  });
})();
""";

    private const string DrawScript = """
(function () {
  var fig = __FIGURE__;
  var node = document.getElementById('__ID__');
  var draw = function (P) { return P.newPlot(node, fig.data, fig.layout, Object.assign({ responsive: true, displaylogo: false }, fig.config || {})); };
  var ready = window.Plotly ? Promise.resolve(window.Plotly) : window.__natlearnPlotly;
  if (!ready) { console.error('plotly.js is not on this page'); return; }
  ready.then(draw).catch(function (e) { node.textContent = 'Chart failed: ' + e.message; });
})();
""";
}
