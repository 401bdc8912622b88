using System.Globalization;
using System.Text;
using System.Threading;
using NatLearning.Tracing;

namespace NatLearning.Interactive;

/// <summary>
/// Mermaid as HTML that draws in a live notebook and in the exported book.
/// Several diagrams on one page must all draw (dotnet/interactive#3561 shows what breaks: one shared element id and
/// a second copy of mermaid.js loading over the first). So every diagram has its own id, draws only its own node,
/// and all of them share one promise of mermaid.js per page.
/// A sequence diagram is never shrunk to fit: it is drawn at its own size (text about 16 px at 100 %) in a box that
/// scrolls, whose participant row stays in view; zoom buttons and a phase picker sit above it, the addresses and
/// attributes its short labels leave out are tooltips and a table below it.
/// </summary>
public static class MermaidHtml
{
    /// <summary>The mermaid.js a live notebook fetches when the page has none; the book vendors the same version from npm.</summary>
    public const string CdnUrl = "https://cdn.jsdelivr.net/npm/mermaid@12.3.0/dist/mermaid.min.js";

    /// <summary>Scripts with this attribute only load libraries for a live notebook; the offline book removes them and draws with its own copy.</summary>
    public const string NotebookOnlyAttribute = "data-notebook-only";

    /// <summary>
    /// Mermaid's own settings at the head of each drawn sequence diagram (its front matter), so that the book and a
    /// notebook draw it alike: its natural width (never scaled down to the page), text of 16–17 px, no second row of
    /// participants at the bottom (the box keeps the top row in view instead).
    /// </summary>
    internal const string SequenceConfig = """
---
config:
  sequence:
    useMaxWidth: false
    mirrorActors: false
    actorMargin: 30
    actorFontSize: 17
    messageFontSize: 17
    noteFontSize: 16
---

""";

    private static long _counter;

    public static string Render(SequenceDiagram diagram) => Html.View(Diagram(diagram));

    // A random part keeps ids unique across kernel restarts, whose outputs can share one page in VS Code.
    private static string NewId() => "nl-mermaid-" + Interlocked.Increment(ref _counter).ToString(CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>Any Mermaid text (a flowchart, say) drawn as it is.</summary>
    internal static string Block(string source, string? title = null)
    {
        var id = NewId();
        var sb = new StringBuilder();
        sb.Append($"<div class=\"mermaid-view\" id=\"{id}\">");
        if (title is not null) sb.Append($"<h3>{Html.E(title)}</h3>");
        sb.Append("<pre class=\"mermaid\">").Append(Html.E(source)).Append("</pre>");
        sb.Append(SourceBox(source));
        sb.Append(LiveScript(id));
        return sb.Append("</div>").ToString();
    }

    /// <summary>A sequence diagram with its phase picker, zoom buttons, scrolling box, tooltips and table of arrows.</summary>
    internal static string Diagram(SequenceDiagram diagram)
    {
        var id = NewId();
        var phases = diagram.Phases;
        var sb = new StringBuilder();
        sb.Append($"<div class=\"mermaid-view nl-diagram\" id=\"{id}\">").Append(Css);
        if (diagram.Title is not null) sb.Append($"<h3>{Html.E(diagram.Title)}</h3>");
        sb.Append("<div class=\"nl-diagram-bar\">");
        if (phases.Count > 1)
        {
            sb.Append("<span class=\"nl-phases\" role=\"tablist\" aria-label=\"Phases of the trace\">");
            for (var i = 0; i < phases.Count; i++)
            {
                var p = phases[i];
                sb.Append($"<button type=\"button\" role=\"tab\" data-phase=\"{i}\" aria-selected=\"{(i == 0 ? "true" : "false")}\">")
                  .Append(i + 1).Append(". ").Append(Html.E(p.Title));
                if (p.Arrows.Count > 0) sb.Append(" <small>").Append(p.FirstArrow).Append('–').Append(p.LastArrow).Append("</small>");
                sb.Append("</button>");
            }
            sb.Append("</span>");
        }
        sb.Append("<span class=\"nl-zoom\"><button type=\"button\" data-zoom=\"out\" title=\"Zoom out\">−</button>")
          .Append("<button type=\"button\" data-zoom=\"reset\" title=\"Actual size\" class=\"nl-zoom-level\">100 %</button>")
          .Append("<button type=\"button\" data-zoom=\"in\" title=\"Zoom in\">+</button>")
          .Append("<button type=\"button\" data-zoom=\"fit\" title=\"Fit the whole phase in the box\">Fit</button></span></div>");
        for (var i = 0; i < phases.Count; i++)
        {
            var p = phases[i];
            sb.Append($"<div class=\"nl-phase-view\" data-phase=\"{i}\"").Append(i == 0 ? "" : " hidden")
              .Append(" data-notes=\"").Append(Html.E(Json(p.Notes))).Append("\">");
            // Only the phase shown is drawn: Mermaid cannot lay out text in a hidden box. The others wait as "mermaid-later".
            sb.Append("<div class=\"nl-diagram-box\"><div class=\"nl-actors\" aria-hidden=\"true\"></div>")
              .Append(i == 0 ? "<pre class=\"mermaid\">" : "<pre class=\"mermaid-later\">")
              .Append(Html.E(p.Source.StartsWith("sequenceDiagram", StringComparison.Ordinal) ? SequenceConfig + p.Source : p.Source)).Append("</pre></div>");
            if (p.Arrows.Count > 0)
            {
                sb.Append("<div class=\"nl-arrow-info\" aria-live=\"polite\">Point at an arrow for its addresses and attributes; click it to keep them here.</div>");
                sb.Append("<details class=\"nl-arrows\"><summary>Arrows ").Append(p.FirstArrow).Append('–').Append(p.LastArrow)
                  .Append(": addresses, attributes, NAT rewrites, drops</summary>").Append(ArrowTable(p.Arrows)).Append("</details>");
            }
            sb.Append(SourceBox(p.Source, phases.Count > 1 ? $"Mermaid source of this phase (copy)" : null));
            sb.Append("</div>");
        }
        if (phases.Count > 1) sb.Append(SourceBox(diagram.Source, "Mermaid source of the whole trace (copy)"));
        sb.Append(LiveScript(id));
        sb.Append("<script>").Append(ViewScript).Append("window.__natlearnDiagram(document.getElementById('").Append(id).Append("'));</script>");
        return sb.Append("</div>").ToString();
    }

    private static string SourceBox(string source, string? summary = null) =>
        $"<details><summary>{Html.E(summary ?? "Mermaid source (copy)")}</summary><textarea class=\"mermaid-source\" readonly>{Html.E(source)}</textarea></details>";

    private static string ArrowTable(IReadOnlyList<DiagramArrow> arrows)
    {
        var sb = new StringBuilder("<div class=\"nl-scroll\"><table class=\"packets\"><thead><tr><th>No.</th><th>Time</th><th>Hop</th><th>Source → Destination</th><th>Info</th><th>NAT rewrite / drop</th></tr></thead><tbody>");
        foreach (var a in arrows)
        {
            var e = a.Event;
            var hop = $"{a.From} → {a.To}";
            var addresses = $"{e.Source} → {e.Destination}";
            var fate = a.Drop is { } d ? $"✗ dropped at {d.Node} ({d.Reason}): {d.Detail}" : null;
            var title = new StringBuilder().Append(a.Number).Append(". ").Append(Html.Short(e.Time)).Append("  ").Append(hop).Append('\n')
                .Append(addresses).Append('\n').Append(a.Info);
            if (a.Translation is not null) title.Append("\nNAT: ").Append(a.Translation);
            if (fate is not null) title.Append('\n').Append(fate);
            sb.Append($"<tr data-arrow=\"{a.Number}\" data-title=\"{Html.E(title.ToString())}\"").Append(a.Drop is null ? "" : " class=\"dropped\"").Append('>')
              .Append($"<td>{a.Number}</td><td>{Html.Short(e.Time)}</td><td>{Html.E(hop)}</td><td>{Html.E(addresses)}</td><td>{Html.E(a.Info)}</td><td>");
            if (a.Translation is not null) sb.Append("<span class=\"nat\">").Append(Html.E(a.Translation)).Append("</span>");
            if (fate is not null) sb.Append(a.Translation is null ? "" : "<br>").Append("<span class=\"drop\">").Append(Html.E(fate)).Append("</span>");
            sb.Append("</td></tr>");
        }
        return sb.Append("</tbody></table></div>").ToString();
    }

    private static string Json(IReadOnlyList<string> items) => System.Text.Json.JsonSerializer.Serialize(items);

    private static string LiveScript(string id) =>
        $"<script {NotebookOnlyAttribute}>" + Loader.Replace("__ID__", id, StringComparison.Ordinal).Replace("__CDN__", CdnUrl, StringComparison.Ordinal) + "</script>";

    private const string Loader = """
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

    private const string Css = """
<style>
.nl .nl-diagram-bar { display: flex; flex-wrap: wrap; gap: .3em .8em; align-items: center; margin: .3em 0; }
.nl .nl-diagram-bar button { font: inherit; font-size: 15px; padding: .15em .6em; cursor: pointer; border: 1px solid #90a4ae; background: #eceff1; border-radius: 4px; }
.nl .nl-phases { display: flex; flex-wrap: wrap; gap: .3em; }
.nl .nl-phases button[aria-selected="true"] { background: #263238; color: #fff; border-color: #263238; }
.nl .nl-phases small { opacity: .75; }
.nl .nl-zoom { margin-left: auto; display: flex; gap: .2em; }
.nl .nl-zoom .nl-zoom-level { min-width: 4.5em; }
.nl .nl-diagram-box { position: relative; overflow: auto; max-height: min(70vh, 640px); max-width: 100%; border: 1px solid #cfd8dc; background: #fff; }
.nl .nl-diagram-box pre.mermaid, .nl .nl-diagram-box pre.mermaid-later { margin: 0; padding: 0; background: #fff; border: none; overflow: visible; }
.nl .nl-diagram-box pre.mermaid > svg { max-width: none !important; display: block; }
.nl .nl-diagram-box svg text.sequenceNumber { font-size: 14px !important; font-weight: 700; }
.nl .nl-diagram-box svg text.messageText { cursor: pointer; }
.nl .nl-actors { position: sticky; top: 0; height: 0; z-index: 2; visibility: hidden; }
.nl .nl-actors.shown { visibility: visible; }
.nl .nl-actor { position: absolute; top: 0; box-sizing: border-box; padding: .25em .3em; text-align: center; font-size: 16px; font-weight: 600;
  background: #eceff1; border: 1px solid #607d8b; border-top: none; border-radius: 0 0 6px 6px; box-shadow: 0 2px 4px rgba(0,0,0,.2); white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.nl .nl-arrow-info { min-height: 3.9em; font-family: ui-monospace, "Cascadia Mono", Consolas, monospace; font-size: 15px; white-space: pre-wrap; overflow-wrap: anywhere;
  background: #f5f8fc; border: 1px solid #cfd8dc; border-top: none; padding: .3em .6em; color: #37474f; }
.nl .nl-scroll { overflow-x: auto; max-width: 100%; }
.nl .nl-arrows tr.nl-current > td { outline: 2px solid #1565c0; }
</style>
""";

    // Shared by every diagram of the page (defined once): draws a waiting phase when picked, sizes the picture for the
    // zoom, keeps a copy of the participant row at the top of the box once it scrolls away, adds tooltips.
    private const string ViewScript = """
(function () {
  var w = window;
  if (w.__natlearnDiagram) return;
  var SVGNS = 'http://www.w3.org/2000/svg';
  function lib() { return w.__natlearnMermaid || (w.mermaid ? Promise.resolve(w.mermaid) : Promise.reject(new Error('mermaid.js is not loaded'))); }
  w.__natlearnDiagram = function (root) {
    if (!root) return;
    var views = Array.prototype.slice.call(root.querySelectorAll('.nl-phase-view'));
    var tabs = Array.prototype.slice.call(root.querySelectorAll('button[data-phase]'));
    var level = root.querySelector('.nl-zoom-level');
    var scale = 1;
    function shown() { return views.filter(function (v) { return !v.hidden; })[0] || views[0]; }
    function svgOf(v) { return v.querySelector('pre.mermaid > svg'); }
    function size(svg) {
      var vb = svg.viewBox && svg.viewBox.baseVal;
      if (vb && vb.width) return [vb.width, vb.height];
      var b = svg.getBBox(); return [b.width, b.height];
    }
    function title(el, text) {
      if (!el || !text) return;
      var t = document.createElementNS(SVGNS, 'title'); t.textContent = text; el.appendChild(t);
    }
    function actors(v, svg) {
      var head = v.querySelector('.nl-actors'), box = v.querySelector('.nl-diagram-box');
      head.textContent = '';
      var s = svg.getBoundingClientRect(), bottom = 0;
      head.style.width = s.width + 'px';
      svg.querySelectorAll('rect.actor-top').forEach(function (r) {
        var b = r.getBoundingClientRect(), text = r.parentNode.querySelector('text');
        var d = document.createElement('div');
        d.className = 'nl-actor'; d.textContent = text ? text.textContent : '';
        d.style.left = (b.left - s.left) + 'px'; d.style.width = b.width + 'px';
        head.appendChild(d);
        bottom = Math.max(bottom, b.bottom - s.top);
      });
      var toggle = function () { head.classList.toggle('shown', box.scrollTop > bottom - 4); };
      box.onscroll = toggle; toggle();
    }
    function apply(v) {
      var svg = svgOf(v); if (!svg) return;
      var n = size(svg);
      // Mermaid's height attribute and viewBox disagree by a few per cent; sizing both from the viewBox keeps 1:1.
      svg.setAttribute('width', n[0] * scale); svg.setAttribute('height', n[1] * scale);
      svg.style.width = n[0] * scale + 'px'; svg.style.height = n[1] * scale + 'px'; svg.style.maxWidth = 'none';
      if (level) level.textContent = Math.round(scale * 100) + ' %';
      actors(v, svg);
    }
    function enhance(v) {
      var svg = svgOf(v); if (!svg || svg.getAttribute('data-nl')) return;
      svg.setAttribute('data-nl', '1');
      var rows = v.querySelectorAll('tr[data-arrow]'), info = v.querySelector('.nl-arrow-info'), pinned = null;
      function show(row, pin) {
        if (!info || (pinned && !pin)) return;
        if (pin) { if (pinned) pinned.classList.remove('nl-current'); pinned = row; row.classList.add('nl-current'); }
        info.textContent = row.getAttribute('data-title');
      }
      svg.querySelectorAll('[data-et="message"]').forEach(function (line, i) {
        var row = rows[i]; if (!row) return;
        var label = line.previousElementSibling, mark = line.nextElementSibling && line.nextElementSibling.nextElementSibling;
        [line, label && label.classList.contains('messageText') ? label : null, mark && mark.classList.contains('sequenceNumber') ? mark : null].forEach(function (el) {
          if (!el) return;
          title(el, row.getAttribute('data-title'));
          el.addEventListener('mouseenter', function () { show(row, false); });
          el.addEventListener('click', function () { show(row, true); });
        });
      });
      var notes = []; try { notes = JSON.parse(v.getAttribute('data-notes') || '[]'); } catch (e) { }
      svg.querySelectorAll('[data-et="note"]').forEach(function (g, i) { title(g, notes[i]); });
      apply(v);
    }
    function watch(v) {
      var pre = v.querySelector('pre.mermaid'); if (!pre) return;
      if (svgOf(v)) { enhance(v); return; }
      var o = new MutationObserver(function () { if (svgOf(v)) { o.disconnect(); setTimeout(function () { enhance(v); }, 0); } });
      o.observe(pre, { childList: true });
    }
    function pick(k) {
      views.forEach(function (v, i) { v.hidden = i !== k; });
      tabs.forEach(function (b, i) { b.setAttribute('aria-selected', i === k ? 'true' : 'false'); });
      var v = views[k], later = v.querySelector('pre.mermaid-later');
      if (later) {
        later.className = 'mermaid';
        watch(v);
        lib().then(function (m) { return m.run({ nodes: [later] }); })
          .catch(function (e) { later.insertAdjacentText('afterend', 'Mermaid failed: ' + e.message); });
      } else apply(v);
    }
    tabs.forEach(function (b, i) { b.addEventListener('click', function () { pick(i); }); });
    root.querySelectorAll('button[data-zoom]').forEach(function (b) {
      b.addEventListener('click', function () {
        var z = b.getAttribute('data-zoom'), v = shown(), svg = svgOf(v);
        if (z === 'in') scale = Math.min(4, scale * 1.25);
        else if (z === 'out') scale = Math.max(0.1, scale / 1.25);
        else if (z === 'fit' && svg) {
          var box = v.querySelector('.nl-diagram-box'), n = size(svg), high = parseFloat(getComputedStyle(box).maxHeight) || box.clientHeight;
          scale = Math.min((box.clientWidth - 2) / n[0], (high - 2) / n[1]);
        } else scale = 1;
        apply(v);
      });
    });
    watch(views[0]);
  };
})();
""";
}
