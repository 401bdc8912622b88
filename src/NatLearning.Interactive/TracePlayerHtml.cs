using System.Globalization;
using System.Text;
using NatLearning.Protocols;
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
        if (steps.Count == 0)
            return Html.View(sb.Append(player.Title is null ? "" : $"<h3>{Html.E(player.Title)}</h3>").Append("<p><i>(empty trace)</i></p></div>").ToString());

        // The packet each step is about (computed by the timeline: a drop highlights the very packet it dropped).
        var current = steps.Select(s => s.WireStep).ToArray();
        var packetNumber = new Dictionary<int, int>();   // wire step index → its row number in the packet list
        foreach (var s in steps.Where(s => s.Event.IsWirePacket)) packetNumber[s.Index] = packetNumber.Count + 1;
        sb.Append(Controls(player.Title, steps.Count));
        if (player.Timeline.Count > steps.Count)
            sb.Append($"<p class=\"nlp-note\">Showing the first {steps.Count} of {player.Timeline.Count} steps.</p>");

        // One screen (1280×720): the diagram, the step's details, the packet list and the state after the step sit in
        // boxes of fixed height that scroll inside, so nothing moves when the step changes. A diagram of more than
        // four nodes takes the whole width, the others share it with the details and the state.
        var (diagram, nodes) = Diagram(steps, player.Timeline.Nodes);
        sb.Append($"<div class=\"nlp-main{(nodes > 4 ? " nlp-wide" : "")}\">").Append(diagram);
        sb.Append("<div class=\"nlp-details\">");
        foreach (var s in steps) sb.Append(StepPanel(s, steps.Count, s.WireStep >= 0 ? steps[s.WireStep] : null, packetNumber.GetValueOrDefault(s.WireStep)));
        sb.Append("</div>").Append(PacketTable(steps));
        // The state after each step; steps that leave it the same share one panel.
        var panels = new List<string>();
        var panelOf = new Dictionary<string, int>(StringComparer.Ordinal);   // looked up, never iterated
        var stateOf = new int[steps.Count];
        foreach (var s in steps)
        {
            var html = StatePanel(s, player.ShowsStateOf);
            if (!panelOf.TryGetValue(html, out var k)) panelOf[html] = k = panels.Add(html, panels.Count);
            stateOf[s.Index] = k;
        }
        sb.Append("<div class=\"nlp-state\">");
        for (var k = 0; k < panels.Count; k++) sb.Append($"<div class=\"nlp-state-panel\" data-panel=\"{k}\"{(k == stateOf[0] ? "" : " hidden")}>").Append(panels[k]).Append("</div>");
        sb.Append("</div></div>");
        sb.Append("<script>").Append(Script.Replace("__ID__", id, StringComparison.Ordinal)
            .Replace("__CUR__", string.Join(",", current), StringComparison.Ordinal)
            .Replace("__STATE__", string.Join(",", stateOf), StringComparison.Ordinal)).Append("</script></div>");
        return Html.View(sb.ToString());
    }

    private static int Add(this List<string> list, string item, int index)
    {
        list.Add(item);
        return index;
    }

    /// <summary>The title and the controls on one line: reset, back, play, forward, speed, a slider and the position.</summary>
    internal static string Controls(string? title, int count) =>
        "<div class=\"nlp-controls\">" + (title is null ? "" : $"<h3>{Html.E(title)}</h3>")
        + "<button type=\"button\" data-act=\"reset\" title=\"Reset (Home)\">Reset</button>"
        + "<button type=\"button\" data-act=\"back\" title=\"Step back (←)\">◀ Back</button>"
        + "<button type=\"button\" data-act=\"play\" title=\"Play / pause (space)\">▶ Play</button>"
        + "<button type=\"button\" data-act=\"fwd\" title=\"Step forward (→)\">Forward ▶</button>"
        + "<select data-act=\"speed\" aria-label=\"speed\"><option value=\"1500\">slow</option><option value=\"700\" selected>normal</option><option value=\"250\">fast</option></select>"
        + $"<input type=\"range\" data-act=\"slider\" min=\"0\" max=\"{count - 1}\" value=\"0\" aria-label=\"step\">"
        + $"<span class=\"nlp-pos\">step 1 / {count}</span></div>";

    private static (string Html, int Nodes) Diagram(List<TraceStep> steps, IReadOnlyList<string> leftToRight)
    {
        var wire = steps.Where(s => s.Event.IsWirePacket).ToList();
        var appearance = new List<string>();
        void Add(string? n) { if (n is not null && !appearance.Contains(n)) appearance.Add(n); }
        foreach (var s in wire)
        {
            Add(s.Event.Node);
            Add(s.Event.NextHop ?? Drop(steps, s).Node);
        }
        // The timeline's order (the topology's, as the Mermaid diagram has it); a node it does not name goes last.
        var rank = new Dictionary<string, int>(StringComparer.Ordinal);     // looked up, never iterated
        foreach (var n in leftToRight) rank.TryAdd(n, rank.Count);
        var nodes = appearance.OrderBy(n => rank.GetValueOrDefault(n, int.MaxValue)).ToList();
        // Drawn at this size and scaled down (never up) to the box's width by CSS. The lanes narrow (to 110 px) so that
        // eight nodes (ICE with signalling, STUN, TURN and drops on the internet) fill a 1024-pixel projector's page at full size;
        // four or fewer share the width with the step's details and state, in half of it (460 px: no shrinking on a 1024-pixel page).
        const int head = 26, top = 22, row = 28, left = 66;
        var lane = Math.Clamp(((nodes.Count > 4 ? 900 : 460) - 2 * left) / Math.Max(1, nodes.Count - 1), 110, 150);
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
            var (dropNode, dropStep) = Drop(steps, s);
            var to = x[s.Event.NextHop ?? dropNode ?? s.Event.Node];
            var y = top + row * r;
            var (protocol, info) = PacketDescriber.Describe(s.Event.Bytes);
            var label = $"{protocol} {info}";
            if (label.Length > 38) label = label[..37] + "…";
            var dropped = dropNode is not null;
            // The ✗ and the red appear at the step that drops the packet, not before (the script adds nlp-dropped then).
            sb.Append($"<g class=\"nlp-arrow\" data-step=\"{s.Index}\"{(dropped ? $" data-fate=\"{dropStep}\"" : "")}>")
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

    // The node that dropped the packet a wire step carried, and the step of the drop, when the drop is its fate.
    private static (string? Node, int Step) Drop(List<TraceStep> steps, TraceStep wire)
    {
        for (var j = wire.Index + 1; j < steps.Count; j++)
        {
            var e = steps[j].Event;
            if (e.PacketId != wire.Event.PacketId) continue;
            if (e.IsWirePacket || e.Kind == TraceEventKind.Delivered) return (null, -1);
            if (e.Kind == TraceEventKind.Dropped) return (e.Node, j);
        }
        return (null, -1);
    }

    private static string PacketTable(List<TraceStep> steps)
    {
        var sb = new StringBuilder("<div class=\"nlp-packets-box\"><table class=\"nlp-packets\"><thead><tr><th>No.</th><th>Time</th><th>Source</th><th>Destination</th><th>Protocol</th><th>Info</th></tr></thead><tbody>");
        var n = 0;
        foreach (var s in steps.Where(s => s.Event.IsWirePacket))
        {
            var (protocol, info) = PacketDescriber.Describe(s.Event.Bytes);
            var (dropNode, dropStep) = Drop(steps, s);
            sb.Append($"<tr data-step=\"{s.Index}\"{(dropNode is not null ? $" data-fate=\"{dropStep}\"" : "")}><td>{++n}</td><td>{Html.Seconds(s.Event.Time)}</td><td>{s.Event.Source}</td><td>{s.Event.Destination}</td><td>{Html.E(protocol)}</td><td>{Html.E(info)}</td></tr>");
        }
        return sb.Append("</tbody></table></div>").ToString();
    }

    private static string StepPanel(TraceStep s, int count, TraceStep? packet, int number)
    {
        var e = s.Event;
        var sb = new StringBuilder($"<div class=\"nlp-step nlp-kind-{e.Kind.ToString().ToLowerInvariant()}\" data-step=\"{s.Index}\"{(s.Index == 0 ? "" : " hidden")}>");
        sb.Append($"<div class=\"nlp-head\">step {s.Index + 1} / {count} · t = {Html.Seconds(e.Time)} s · <b>{Html.E(e.Kind.ToString())}</b> at <b>{Html.E(e.Node)}</b></div>");
        if (packet is not null)
        {
            var (protocol, info) = PacketDescriber.Describe(packet.Event.Bytes);
            sb.Append($"<div class=\"nlp-packet\">packet <b class=\"nlp-no\">{number}</b> · {packet.Event.Source} → {packet.Event.Destination} · {Html.E(protocol)} {Html.E(info)}</div>");
        }
        // The packet line above carries the addresses and the protocol; the sentence says what this node did with it.
        sb.Append(e.Kind switch
        {
            TraceEventKind.Dropped => $"<p class=\"nlp-drop\">✗ dropped at {Html.E(e.Node)} ({Html.E(e.Reason?.ToString())}): {Html.E(e.Detail)}</p>",
            TraceEventKind.Note => $"<p class=\"nlp-proto\">{Html.E(e.Detail)}</p>",
            TraceEventKind.Sent => $"<p class=\"nlp-summary\">{Html.E(e.Node)} sends it toward {Html.E(e.NextHop ?? "nowhere")}</p>",
            TraceEventKind.Translated or TraceEventKind.Forwarded => $"<p class=\"nlp-summary\">{Html.E(e.Detail)}; on to {Html.E(e.NextHop ?? "nowhere")}</p>",
            _ => $"<p class=\"nlp-summary\">{Html.E(s.Summary)}</p>",
        });
        return sb.Append("</div>").ToString();
    }

    /// <summary>Every NAT table and every protocol state table as it stood after a step, the rows that step touched marked.</summary>
    internal static string StatePanel(TraceStep s, Func<StateTable, bool> shows)
    {
        var sb = new StringBuilder();
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
                var expires = r.Entry.Static ? "never" : Html.Short(r.Entry.Expires - s.Event.Time);
                sb.Append($"<tr{RowClass(r.Change)}><td>{Mark(r.Change)}</td><td>{r.Entry.InsideLocal}</td><td>{r.Entry.InsideGlobal}</td><td>{Html.E(string.Join(", ", r.Entry.Admits))}</td><td>{expires}</td></tr>");
            }
            sb.Append("</tbody></table></div>");
        }
        foreach (var st in s.States.Where(st => shows(st.Table)))
        {
            var t = st.Table;
            sb.Append($"<div class=\"nlp-table nlp-proto-table\" data-state=\"{Html.E(t.Key)}\"><div class=\"nlp-table-title\">{Html.E(t.Owner)} · {Html.E(t.Title)}");
            if (t.Caption is not null) sb.Append($" <span class=\"nlp-caption\">{Html.E(t.Caption)}</span>");
            sb.Append("</div>");
            if (t.Rows.Count == 0)
            {
                sb.Append("<i>nothing yet</i></div>");
                continue;
            }
            sb.Append("<table><thead><tr><th></th>").Append(string.Concat(t.Columns.Select(c => $"<th>{Html.E(c)}</th>"))).Append("</tr></thead><tbody>");
            foreach (var (row, change) in t.Rows.Zip(st.Changes))
                sb.Append($"<tr{RowClass(change, row.Strong)}><td>{Mark(change)}</td>").Append(string.Concat(row.Cells.Select(c => $"<td>{Html.E(c)}</td>"))).Append("</tr>");
            sb.Append("</tbody></table></div>");
        }
        return sb.ToString();
    }

    private static string RowClass(EntryChange change, bool strong = false)
    {
        var cls = change switch
        {
            EntryChange.Created => "nlp-created",
            EntryChange.Hit => "nlp-hit",
            EntryChange.Expired => "nlp-expired",
            EntryChange.Changed => "nlp-changed",
            _ => "",
        };
        if (strong) cls = (cls + " nlp-strong").Trim();
        return cls.Length == 0 ? "" : $" class=\"{cls}\"";
    }

    private static string Mark(EntryChange change) => change switch
    {
        EntryChange.Created => "new",
        EntryChange.Hit => "used",
        EntryChange.Expired => "expired",
        EntryChange.Changed => "changed",
        _ => "",
    };

    // One 1280×720 screen: a 40 px bar of controls and a 610 px grid whose boxes have fixed heights and scroll inside
    // (the page never does), so the player stays 670 px tall whatever the step shows. Text stays at 13–15 px.
    internal const string Css = """
<style>
.nl .nl-player{outline:none;border:1px solid #ccd;border-radius:6px;padding:6px 8px;margin:6px 0;container-type:inline-size;box-sizing:border-box}
.nl .nl-player:focus{box-shadow:0 0 0 2px #7aa7ff}
.nl .nl-player h3{margin:0 8px 0 0;font-size:17px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;max-width:40%}
.nl .nlp-controls{display:flex;flex-wrap:nowrap;gap:6px;align-items:center;height:34px;margin-bottom:6px}
.nl .nlp-controls button{font-size:15px;padding:3px 9px;cursor:pointer;white-space:nowrap}
.nl .nlp-controls select{font-size:14px}
.nl .nlp-controls input[type=range]{flex:1;min-width:80px}
.nl .nlp-pos{font-variant-numeric:tabular-nums;white-space:nowrap;min-width:7.5em;text-align:right}
.nl .nlp-main{display:grid;gap:8px 10px;height:610px;grid-template-columns:minmax(0,1fr) minmax(0,1fr);grid-template-rows:150px minmax(0,1fr) 200px;
  grid-template-areas:"seq details" "seq state" "packets state"}
.nl .nlp-main.nlp-wide{grid-template-columns:minmax(0,2fr) minmax(0,3fr);grid-template-rows:250px 150px minmax(0,1fr);grid-template-areas:"seq seq" "details state" "packets state"}
.nl .nlp-main>*{min-height:0;min-width:0;border:1px solid #e3e3ea;overflow:auto}
.nl .nlp-seq-box{grid-area:seq}
.nl .nlp-details{grid-area:details;padding:4px 8px}
.nl .nlp-state{grid-area:state;padding:2px 6px}
.nl .nlp-packets-box{grid-area:packets;font-size:14px}
.nl .nl-player .nlp-packets{margin:0}.nl .nl-player .nlp-packets td{white-space:nowrap}.nl .nl-player .nlp-packets thead th{position:sticky;top:0}
.nl .nlp-seq{display:block;width:100%;height:auto;margin:0 auto}.nl .nlp-seq-head{position:sticky;top:0;background:#fff;border-bottom:1px solid #e3e3ea}
.nl .nlp-seq .nlp-lane{stroke:#bbb;stroke-dasharray:4 3}
.nl .nlp-seq .nlp-node{font-weight:bold;font-size:14px}
.nl .nlp-seq .nlp-arrow line{stroke:#555;stroke-width:1.5}.nl .nlp-seq .nlp-arrow polygon{fill:#555}
.nl .nlp-seq .nlp-arrow text{font-size:12px;fill:#222}
.nl .nlp-seq .nlp-arrow.nlp-future{opacity:.18}
.nl .nlp-seq .nlp-x{display:none}
.nl .nlp-seq .nlp-arrow.nlp-dropped line{stroke:#c0392b}.nl .nlp-seq .nlp-arrow.nlp-dropped .nlp-x{display:inline;fill:#c0392b;font-size:16px;font-weight:bold}
.nl .nlp-seq .nlp-arrow.nlp-current line{stroke:#1f6feb;stroke-width:3.5}.nl .nlp-seq .nlp-arrow.nlp-current polygon{fill:#1f6feb}
.nl .nlp-seq .nlp-arrow.nlp-current text{fill:#1f6feb;font-weight:bold}
.nl .nl-player table{border-collapse:collapse;font-size:13px;margin:0}
.nl .nl-player th{background:#eceff1;color:#222;padding:2px 6px;text-align:left;font-weight:600;white-space:nowrap}
.nl .nl-player td{padding:1px 6px;border-bottom:1px solid #eee;white-space:nowrap}
.nl .nlp-packets{width:100%}
.nl .nlp-packets tr.nlp-dropped td{color:#a01d12}
.nl .nl-player .nlp-packets tr.nlp-current td{background:#1f6feb;color:#fff}
.nl .nlp-head{font-size:13px;color:#444}.nl .nlp-packet{font-size:14px;margin:2px 0;font-family:ui-monospace,Consolas,monospace}
.nl .nlp-summary{font-size:15px;margin:3px 0}
.nl .nlp-drop{background:#fdecea;border-left:4px solid #c0392b;padding:3px 8px;margin:3px 0;font-size:15px}
.nl .nlp-proto{background:#eef6ff;border-left:4px solid #1f6feb;padding:3px 8px;margin:3px 0;font-size:15px}
.nl .nl-player .nlp-table{margin:4px 0 8px}.nl .nlp-table-title{font-weight:bold;font-size:14px;margin-bottom:2px}
.nl .nlp-caption{font-weight:normal;color:#444}
.nl .nl-player .nlp-table td{border:1px solid #ddd;font-family:ui-monospace,Consolas,monospace}.nl .nl-player .nlp-proto-table td{white-space:normal}
.nl .nl-player .nlp-table td:first-child{font-family:inherit;color:#555;font-size:12px}
.nl .nl-player tr.nlp-created td{background:#e6f7e6}.nl .nl-player tr.nlp-hit td,.nl .nl-player tr.nlp-changed td{background:#fff7d6}
.nl .nl-player tr.nlp-expired td{background:#fdecea;text-decoration:line-through}
.nl .nl-player tr.nlp-strong td{font-weight:bold}
.nl .nlp-note{font-size:13px;color:#555;margin:0 0 4px}
</style>
""";

    // Only moves a cursor over states the C# wrote into the page: which step's details and state panel show, which
    // packet is highlighted, which drops have happened yet.
    internal const string Script = """
(function(){
  var root=document.getElementById('__ID__'); if(!root||root.dataset.ready)return; root.dataset.ready='1';
  var cur=[__CUR__], panel=[__STATE__], n=cur.length, i=0, timer=null;
  var q=function(s){return root.querySelectorAll(s);};
  var slider=root.querySelector('[data-act=slider]'), pos=root.querySelector('.nlp-pos'), play=root.querySelector('[data-act=play]'), speed=root.querySelector('[data-act=speed]');
  function show(k){
    i=Math.max(0,Math.min(n-1,k));
    q('.nlp-step').forEach(function(p){p.hidden=+p.dataset.step!==i;});
    q('.nlp-state-panel').forEach(function(p){p.hidden=+p.dataset.panel!==panel[i];});
    var c=cur[i];
    q('[data-fate]').forEach(function(a){a.classList.toggle('nlp-dropped',+a.dataset.fate<=i);});
    q('.nlp-arrow').forEach(function(a){var s=+a.dataset.step;a.classList.toggle('nlp-current',s===c);a.classList.toggle('nlp-future',s>i);});
    q('.nlp-packets tbody tr').forEach(function(r){r.classList.toggle('nlp-current',+r.dataset.step===c);});
    slider.value=i; pos.textContent='step '+(i+1)+' / '+n; root.dataset.current=i;
    keep(root.querySelector('.nlp-arrow.nlp-current'),root.querySelector('.nlp-seq-box'),'.nlp-seq-head');
    keep(root.querySelector('.nlp-packets tr.nlp-current'),root.querySelector('.nlp-packets-box'),'thead th');
    var st=root.querySelector('.nlp-state-panel:not([hidden])');
    keep(st&&st.querySelector('tr.nlp-created,tr.nlp-changed,tr.nlp-hit,tr.nlp-expired'),root.querySelector('.nlp-state'),null);
  }
  // Scrolls the box, never the page, to bring el into view under the box's sticky header. Screen positions, not SVG
  // units: a drawing may be scaled to fit its box.
  function keep(el,box,header){
    if(!el||!box)return;
    var r=el.getBoundingClientRect(),b=box.getBoundingClientRect(),top=b.top+box.clientTop,bottom=top+box.clientHeight;
    var h=header?box.querySelector(header).getBoundingClientRect().bottom:top;
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
