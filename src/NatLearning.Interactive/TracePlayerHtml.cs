using System.Globalization;
using System.Text;
using NatLearning.Tracing;

namespace NatLearning.Interactive;

/// <summary>
/// Renders a <see cref="TracePlayer"/>: the whole state of every step is written into the page by C#; the small inline
/// script only moves a cursor (show this step's panel, highlight this packet). Each player has its own id and script,
/// so several on one page stay independent, and nothing is fetched from anywhere.
/// </summary>
public static class TracePlayerHtml
{
    private static int _nextId;

    public static string Render(TracePlayer player)
    {
        var id = "nlp" + Interlocked.Increment(ref _nextId).ToString(CultureInfo.InvariantCulture);
        var steps = player.Timeline.Steps.Take(player.MaxSteps).ToList();
        var sb = new StringBuilder();
        sb.Append($"<div class=\"nl-player\" id=\"{id}\" tabindex=\"0\" data-steps=\"{steps.Count}\">").Append(Css);
        if (player.Title is not null) sb.Append($"<h3>{Html.E(player.Title)}</h3>");
        if (steps.Count == 0) return Html.View(sb.Append("<p><i>(empty trace)</i></p></div>").ToString());

        // For each step: the latest packet on a wire at or before it (the one to highlight).
        var current = new int[steps.Count];
        var last = -1;
        for (var i = 0; i < steps.Count; i++)
        {
            if (steps[i].Event.IsWirePacket) last = i;
            current[i] = last;
        }
        sb.Append("<div class=\"nlp-controls\">")
          .Append("<button type=\"button\" data-act=\"reset\" title=\"Reset (Home)\">Reset</button>")
          .Append("<button type=\"button\" data-act=\"back\" title=\"Step back (←)\">◀ Back</button>")
          .Append("<button type=\"button\" data-act=\"play\" title=\"Play / pause (space)\">▶ Play</button>")
          .Append("<button type=\"button\" data-act=\"fwd\" title=\"Step forward (→)\">Forward ▶</button>")
          .Append("<label>speed <select data-act=\"speed\"><option value=\"1500\">slow</option><option value=\"700\" selected>normal</option><option value=\"250\">fast</option></select></label>")
          .Append($"<input type=\"range\" data-act=\"slider\" min=\"0\" max=\"{steps.Count - 1}\" value=\"0\" aria-label=\"step\">")
          .Append($"<span class=\"nlp-pos\">step 1 / {steps.Count}</span></div>");
        if (player.Timeline.Count > steps.Count)
            sb.Append($"<p class=\"nlp-note\">Showing the first {steps.Count} of {player.Timeline.Count} steps.</p>");

        // Grid areas: the diagram beside the step's details, the packet list (wide by nature) under both. A diagram of more
        // than four nodes takes the whole width instead, the details going under it, so it never scrolls sideways.
        var (diagram, nodes) = Diagram(steps, player.Timeline.Nodes);
        sb.Append($"<div class=\"nlp-main{(nodes > 4 ? " nlp-wide" : "")}\">").Append(diagram);
        sb.Append("<div class=\"nlp-right\">");
        foreach (var s in steps) sb.Append(StepPanel(s, steps.Count));
        sb.Append("</div>").Append(PacketTable(steps)).Append("</div>");
        sb.Append("<script>").Append(Script.Replace("__ID__", id, StringComparison.Ordinal)
            .Replace("__CUR__", string.Join(",", current), StringComparison.Ordinal)).Append("</script></div>");
        return Html.View(sb.ToString());
    }

    private static (string Html, int Nodes) Diagram(List<TraceStep> steps, IReadOnlyList<string> leftToRight)
    {
        var wire = steps.Where(s => s.Event.IsWirePacket).ToList();
        var appearance = new List<string>();
        void Add(string? n) { if (n is not null && !appearance.Contains(n)) appearance.Add(n); }
        foreach (var s in wire)
        {
            Add(s.Event.Node);
            Add(s.Event.NextHop ?? DropNode(steps, s));
        }
        // The timeline's order (the topology's, as the Mermaid diagram has it); a node it does not name goes last.
        var rank = new Dictionary<string, int>(StringComparer.Ordinal);     // looked up, never iterated
        foreach (var n in leftToRight) rank.TryAdd(n, rank.Count);
        var nodes = appearance.OrderBy(n => rank.GetValueOrDefault(n, int.MaxValue)).ToList();
        // Drawn at this size and scaled down (never up) to the box's width by CSS. The lanes narrow (to 110 px) so that
        // eight nodes (ICE with signalling, STUN, TURN and drops on the internet) fill a 1024-pixel projector's page at full size;
        // four or fewer share the width with the step's details.
        const int head = 26, top = 22, row = 28, left = 66;
        var lane = Math.Clamp(((nodes.Count > 4 ? 900 : 540) - 2 * left) / Math.Max(1, nodes.Count - 1), 110, 150);
        var width = left * 2 + lane * Math.Max(1, nodes.Count - 1);
        var height = top + row * wire.Count;
        var x = nodes.ToDictionary(n => n, n => left + lane * nodes.IndexOf(n));
        string Svg(string cls, int h, string label) =>
            $"<svg class=\"nlp-seq {cls}\" width=\"{width}\" height=\"{h}\" viewBox=\"0 0 {width} {h}\" style=\"max-width:{width}px\" role=\"img\" aria-label=\"{label}\">";
        // The node names are a header of their own that stays in view while the packets scroll under it.
        var sb = new StringBuilder("<div class=\"nlp-seq-box\">").Append(Svg("nlp-seq-head", head, "nodes"));
        foreach (var n in nodes) sb.Append($"<text class=\"nlp-node\" x=\"{x[n]}\" y=\"18\" text-anchor=\"middle\">{Html.E(n)}</text>");
        sb.Append("</svg>").Append(Svg("nlp-seq-body", height, "sequence of packets"));
        foreach (var n in nodes) sb.Append($"<line class=\"nlp-lane\" x1=\"{x[n]}\" y1=\"0\" x2=\"{x[n]}\" y2=\"{height}\"/>");
        for (var r = 0; r < wire.Count; r++)
        {
            var s = wire[r];
            var from = x[s.Event.Node];
            var dropNode = DropNode(steps, s);
            var to = x[s.Event.NextHop ?? dropNode ?? s.Event.Node];
            var y = top + row * r;
            var (protocol, info) = PacketDescriber.Describe(s.Event.Bytes);
            var label = $"{protocol} {info}";
            if (label.Length > 38) label = label[..37] + "…";
            var dropped = dropNode is not null;
            sb.Append($"<g class=\"nlp-arrow{(dropped ? " nlp-dropped" : "")}\" data-step=\"{s.Index}\">")
              .Append($"<line x1=\"{from}\" y1=\"{y}\" x2=\"{to}\" y2=\"{y}\"/>")
              .Append(to >= from
                  ? $"<polygon points=\"{to},{y} {to - 8},{y - 4} {to - 8},{y + 4}\"/>"
                  : $"<polygon points=\"{to},{y} {to + 8},{y - 4} {to + 8},{y + 4}\"/>")
              .Append($"<text x=\"{LabelX((from + to) / 2, label, width)}\" y=\"{y - 5}\" text-anchor=\"middle\">{Html.E(label)}</text>");
            if (dropped) sb.Append($"<text class=\"nlp-x\" x=\"{to}\" y=\"{y + 5}\" text-anchor=\"middle\">✗</text>");
            sb.Append("</g>");
        }
        return (sb.Append("</svg></div>").ToString(), nodes.Count);
    }

    // A label wider than its arrow spills over the lanes beside it, but not past the drawing's edges: 7.5 px a character
    // at 12 px, since the current step's label is bold and a regular-width estimate let it poke 2 px out of the box.
    private static int LabelX(int centre, string label, int width)
    {
        var half = (label.Length * 15 + 3) / 4 + 4;
        return half * 2 >= width ? width / 2 : Math.Clamp(centre, half, width - half);
    }

    // The node that dropped the packet a wire step carried, when the drop is its fate.
    private static string? DropNode(List<TraceStep> steps, TraceStep wire)
    {
        for (var j = wire.Index + 1; j < steps.Count; j++)
        {
            var e = steps[j].Event;
            if (e.PacketId != wire.Event.PacketId) continue;
            if (e.IsWirePacket || e.Kind == TraceEventKind.Delivered) return null;
            if (e.Kind == TraceEventKind.Dropped) return e.Node;
        }
        return null;
    }

    private static string PacketTable(List<TraceStep> steps)
    {
        var sb = new StringBuilder("<div class=\"nlp-packets-box\"><table class=\"nlp-packets\"><thead><tr><th>No.</th><th>Time</th><th>Source</th><th>Destination</th><th>Protocol</th><th>Info</th></tr></thead><tbody>");
        var n = 0;
        foreach (var s in steps.Where(s => s.Event.IsWirePacket))
        {
            var (protocol, info) = PacketDescriber.Describe(s.Event.Bytes);
            sb.Append($"<tr data-step=\"{s.Index}\"{(DropNode(steps, s) is not null ? " class=\"nlp-dropped\"" : "")}><td>{++n}</td><td>{Html.Seconds(s.Event.Time)}</td><td>{s.Event.Source}</td><td>{s.Event.Destination}</td><td>{Html.E(protocol)}</td><td>{Html.E(info)}</td></tr>");
        }
        return sb.Append("</tbody></table></div>").ToString();
    }

    private static string StepPanel(TraceStep s, int count)
    {
        var e = s.Event;
        var sb = new StringBuilder($"<div class=\"nlp-step nlp-kind-{e.Kind.ToString().ToLowerInvariant()}\" data-step=\"{s.Index}\"{(s.Index == 0 ? "" : " hidden")}>");
        sb.Append($"<div class=\"nlp-head\">step {s.Index + 1} / {count} · t = {Html.Seconds(e.Time)} s · <b>{Html.E(e.Kind.ToString())}</b> at <b>{Html.E(e.Node)}</b></div>");
        sb.Append($"<p class=\"nlp-summary\">{Html.E(s.Summary)}</p>");
        if (e.Kind == TraceEventKind.Translated && e.OriginalSource is not null)
            sb.Append($"<table class=\"nlp-xlate\"><tr><th></th><th>source</th><th>destination</th></tr><tr><td>before</td><td>{e.OriginalSource}</td><td>{e.OriginalDestination}</td></tr><tr><td>after</td><td>{e.Source}</td><td>{e.Destination}</td></tr></table>");
        if (e.Kind == TraceEventKind.Dropped)
            sb.Append($"<p class=\"nlp-drop\">✗ dropped ({Html.E(e.Reason?.ToString())}): {Html.E(e.Detail)}</p>");
        if (e.Kind == TraceEventKind.Note)
            sb.Append($"<p class=\"nlp-proto\">protocol: {Html.E(e.Detail)}</p>");
        foreach (var t in s.Tables)
        {
            sb.Append($"<div class=\"nlp-table\" data-router=\"{Html.E(t.Router)}\"><div class=\"nlp-table-title\">{Html.E(t.Router)} <span class=\"badge\">{Html.E(t.Behavior)}</span></div>");
            if (t.Rows.Count == 0)
            {
                sb.Append("<i>no mappings</i></div>");
                continue;
            }
            sb.Append("<table><thead><tr><th></th><th>Inside local</th><th>Inside global</th><th>Admits</th><th>Expires in</th></tr></thead><tbody>");
            foreach (var r in t.Rows)
            {
                var (cls, mark) = r.Change switch
                {
                    EntryChange.Created => (" class=\"nlp-created\"", "new"),
                    EntryChange.Hit => (" class=\"nlp-hit\"", "used"),
                    EntryChange.Expired => (" class=\"nlp-expired\"", "expired"),
                    _ => ("", ""),
                };
                var expires = r.Entry.Static ? "never" : Html.Short(r.Entry.Expires - e.Time);
                sb.Append($"<tr{cls}><td>{mark}</td><td>{r.Entry.InsideLocal}</td><td>{r.Entry.InsideGlobal}</td><td>{Html.E(string.Join(", ", r.Entry.Admits))}</td><td>{expires}</td></tr>");
            }
            sb.Append("</tbody></table></div>");
        }
        return sb.Append("</div>").ToString();
    }

    // The packet list of a long trace (ICE with TURN: about 350 rows) scrolls in a box of its own, 40% of the screen but at
    // least a header and 12 rows (the views' tables: 15px text, 1.35 line height, 5px of padding and border a row), so
    // the page stays short and the current row can be kept in view; the header row stays on top.
    private const string Css = """
<style>
.nl-player{outline:none;border:1px solid #ccd;border-radius:6px;padding:8px;margin:6px 0;container-type:inline-size}
.nl-player:focus{box-shadow:0 0 0 2px #7aa7ff}
.nlp-controls{display:flex;flex-wrap:wrap;gap:6px;align-items:center;margin-bottom:6px}
.nlp-controls button{font-size:15px;padding:4px 10px;cursor:pointer}
.nlp-controls input[type=range]{flex:1;min-width:160px}
.nlp-pos{font-variant-numeric:tabular-nums;min-width:8em}
.nlp-main{display:grid;gap:8px 12px;grid-template-columns:minmax(0,3fr) minmax(0,2fr);grid-template-areas:"seq steps" "packets packets";align-items:start}
.nlp-main.nlp-wide{grid-template-columns:minmax(0,1fr);grid-template-areas:"seq" "steps" "packets"}
@container (max-width:720px){.nlp-main{grid-template-columns:minmax(0,1fr);grid-template-areas:"seq" "steps" "packets"}}
.nlp-seq-box{grid-area:seq;max-height:340px;overflow:auto;border:1px solid #e3e3ea}
.nlp-right{grid-area:steps;min-width:0}
.nlp-packets-box{grid-area:packets;overflow:auto;font-size:15px;max-height:max(40vh,calc(13 * (1.35em + 5px)));border:1px solid #e3e3ea}
.nl-player .nlp-packets{margin:0}.nlp-packets thead th{position:sticky;top:0}
.nlp-wide .nlp-step:not([hidden]){display:flex;flex-wrap:wrap;column-gap:24px;align-items:flex-start}.nlp-wide .nlp-step>:not(.nlp-table){flex-basis:100%}
.nlp-seq{display:block;width:100%;height:auto;margin:0 auto}.nlp-seq-head{position:sticky;top:0;background:#fff;border-bottom:1px solid #e3e3ea}
.nlp-seq .nlp-lane{stroke:#bbb;stroke-dasharray:4 3}
.nlp-seq .nlp-node{font-weight:bold;font-size:14px}
.nlp-seq .nlp-arrow line{stroke:#555;stroke-width:1.5}.nlp-seq .nlp-arrow polygon{fill:#555}
.nlp-seq .nlp-arrow text{font-size:12px;fill:#222}
.nlp-seq .nlp-arrow.nlp-future{opacity:.18}
.nlp-seq .nlp-arrow.nlp-dropped line{stroke:#c0392b}.nlp-seq .nlp-x{fill:#c0392b;font-size:16px;font-weight:bold}
.nlp-seq .nlp-arrow.nlp-current line{stroke:#1f6feb;stroke-width:3.5}.nlp-seq .nlp-arrow.nlp-current polygon{fill:#1f6feb}
.nlp-seq .nlp-arrow.nlp-current text{fill:#1f6feb;font-weight:bold}
.nlp-packets{border-collapse:collapse;font-size:12px;width:100%}
.nlp-packets td,.nlp-packets th{border-bottom:1px solid #eee;padding:2px 6px;text-align:left;white-space:nowrap}.nlp-packets td:last-child{white-space:normal}
.nlp-packets tr.nlp-dropped td{color:#a01d12}
.nlp-packets tr.nlp-current td{background:#1f6feb;color:#fff}
.nlp-head{font-size:14px;color:#444}.nlp-summary{font-size:17px;margin:4px 0}
.nlp-drop{background:#fdecea;border-left:4px solid #c0392b;padding:4px 8px}
.nlp-proto{background:#eef6ff;border-left:4px solid #1f6feb;padding:4px 8px}
.nlp-xlate{border-collapse:collapse;font-size:13px;margin:4px 0}.nlp-xlate td,.nlp-xlate th{padding:2px 8px;border:1px solid #ddd}
.nlp-table{margin:6px 0}.nlp-table-title{font-weight:bold;margin-bottom:2px}
.nlp-table table{border-collapse:collapse;font-size:14px}.nlp-table td,.nlp-table th{border:1px solid #ddd;padding:2px 6px}
.nlp-created td{background:#e6f7e6}.nlp-hit td{background:#fff7d6}.nlp-expired td{background:#fdecea;text-decoration:line-through}
.nlp-note{font-size:14px;color:#555}
</style>
""";

    // Only moves a cursor over states the C# wrote into the page.
    private const string Script = """
(function(){
  var root=document.getElementById('__ID__'); if(!root||root.dataset.ready)return; root.dataset.ready='1';
  var cur=[__CUR__], n=cur.length, i=0, timer=null;
  var q=function(s){return root.querySelectorAll(s);};
  var slider=root.querySelector('[data-act=slider]'), pos=root.querySelector('.nlp-pos'), play=root.querySelector('[data-act=play]'), speed=root.querySelector('[data-act=speed]');
  function show(k){
    i=Math.max(0,Math.min(n-1,k));
    q('.nlp-step').forEach(function(p){p.hidden=+p.dataset.step!==i;});
    var c=cur[i];
    q('.nlp-arrow').forEach(function(a){var s=+a.dataset.step;a.classList.toggle('nlp-current',s===c);a.classList.toggle('nlp-future',s>i);});
    q('.nlp-packets tbody tr').forEach(function(r){r.classList.toggle('nlp-current',+r.dataset.step===c);});
    slider.value=i; pos.textContent='step '+(i+1)+' / '+n; root.dataset.current=i;
    keep(root.querySelector('.nlp-arrow.nlp-current'),root.querySelector('.nlp-seq-box'),'.nlp-seq-head');
    keep(root.querySelector('.nlp-packets tr.nlp-current'),root.querySelector('.nlp-packets-box'),'thead th');
  }
  // Scrolls the box, never the page, to bring el into view under the box's sticky header. Screen positions, not SVG
  // units: a drawing may be scaled to fit its box.
  function keep(el,box,header){
    if(!el||!box)return;
    var r=el.getBoundingClientRect(),b=box.getBoundingClientRect(),h=box.querySelector(header).getBoundingClientRect().bottom,bottom=b.top+box.clientTop+box.clientHeight;
    if(r.top<h||r.bottom>bottom)box.scrollTop+=r.top-h-(bottom-h-r.height)/2;
  }
  function stop(){if(timer){clearInterval(timer);timer=null;play.textContent='▶ Play';}}
  function toggle(){if(timer){stop();return;} if(i>=n-1)show(0); play.textContent='❚❚ Pause';
    timer=setInterval(function(){if(i>=n-1){stop();return;} show(i+1);},+speed.value);}
  root.addEventListener('click',function(e){var b=e.target.closest('[data-act]'); if(!b||b.tagName!=='BUTTON')return;
    var a=b.dataset.act; if(a==='play'){toggle();return;} stop();
    if(a==='reset')show(0); else if(a==='back')show(i-1); else if(a==='fwd')show(i+1);});
  slider.addEventListener('input',function(){stop();show(+slider.value);});
  speed.addEventListener('change',function(){if(timer){stop();toggle();}});
  root.addEventListener('keydown',function(e){
    if(e.target.tagName==='SELECT'||e.target.tagName==='INPUT')return;
    if(e.key==='ArrowRight'){stop();show(i+1);} else if(e.key==='ArrowLeft'){stop();show(i-1);}
    else if(e.key==='Home'){stop();show(0);} else if(e.key===' '){toggle();} else return;
    e.preventDefault();});
  show(0);
})();
""";
}
