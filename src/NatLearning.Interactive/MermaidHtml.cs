using System.Globalization;
using System.Text;
using System.Threading;

namespace NatLearning.Interactive;

/// <summary>
/// Mermaid as HTML that draws in a live notebook and in the exported book.
/// Several diagrams on one page must all draw (dotnet/interactive#3561 shows what breaks: one shared element id and
/// a second copy of mermaid.js loading over the first). So every diagram has its own id, draws only its own node,
/// and all of them share one promise of mermaid.js per page.
/// </summary>
public static class MermaidHtml
{
    /// <summary>The mermaid.js a live notebook fetches when the page has none; the book vendors the same version from npm.</summary>
    public const string CdnUrl = "https://cdn.jsdelivr.net/npm/mermaid@12.3.0/dist/mermaid.min.js";

    /// <summary>Scripts with this attribute only load libraries for a live notebook; the offline book removes them and draws with its own copy.</summary>
    public const string NotebookOnlyAttribute = "data-notebook-only";

    private static long _counter;

    public static string Render(SequenceDiagram diagram) => Html.View(Block(diagram.Source, diagram.Title));

    internal static string Block(string source, string? title = null)
    {
        // A random part keeps ids unique across kernel restarts, whose outputs can share one page in VS Code.
        var id = "nl-mermaid-" + Interlocked.Increment(ref _counter).ToString(CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8];
        var sb = new StringBuilder();
        sb.Append($"<div class=\"mermaid-view\" id=\"{id}\">");
        if (title is not null) sb.Append($"<h3>{Html.E(title)}</h3>");
        sb.Append("<pre class=\"mermaid\">").Append(Html.E(source)).Append("</pre>");
        sb.Append("<details><summary>Mermaid source (copy)</summary><textarea class=\"mermaid-source\" readonly>")
          .Append(Html.E(source)).Append("</textarea></details>");
        sb.Append($"<script {NotebookOnlyAttribute}>").Append(LiveScript.Replace("__ID__", id, StringComparison.Ordinal).Replace("__CDN__", CdnUrl, StringComparison.Ordinal)).Append("</script>");
        return sb.Append("</div>").ToString();
    }

    private const string LiveScript = """
(function () {
  var node = document.querySelector('#__ID__ pre.mermaid');
  if (!node) return;
  var w = window;
  if (!w.__natlearnMermaid) {
    w.__natlearnMermaid = w.mermaid ? Promise.resolve(w.mermaid) : new Promise(function (ok, fail) {
      var s = document.createElement('script');
      s.src = '__CDN__';
      s.onload = function () { ok(w.mermaid); };
      s.onerror = function () { fail(new Error('could not load mermaid.js from __CDN__')); };
      document.head.appendChild(s);
    });
    w.__natlearnMermaid.then(function (m) { m.initialize({ startOnLoad: false }); });
  }
  w.__natlearnMermaid.then(function (m) { return m.run({ nodes: [node] }); })
    .catch(function (e) { node.insertAdjacentText('afterend', 'Mermaid failed: ' + e.message); });
})();
""";
}
