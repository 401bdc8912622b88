using System.Globalization;
using System.Text;
using NatLearning.Lab;
using NatLearning.Nat;
using NatLearning.Tracing;

namespace NatLearning.Interactive;

/// <summary>
/// The article's "NAT Types" as a player: one packet at a time meets the four classic NATs side by side, each column
/// with what happened to it (✔ or ✗, from that NAT's trace), the packet's hops and the NAT table right after. The
/// same controls as <see cref="TracePlayer"/>; every state is written by C#, the script only moves the cursor.
/// Make one with <c>NatTypes.Run().ToPlayer()</c>.
/// </summary>
public sealed class NatTypesPlayer(NatTypes types, string? title = null)
{
    public NatTypes Types { get; } = types ?? throw new ArgumentNullException(nameof(types));
    public string? Title { get; } = title;

    public override string ToString() => Types.ToString();
}

public static class NatTypesPlayerExtensions
{
    public static NatTypesPlayer ToPlayer(this NatTypes types, string? title = null) => new(types, title ?? "NAT types: one packet, four NATs");
}

/// <summary>Renders a <see cref="NatTypesPlayer"/> with <see cref="TracePlayerHtml"/>'s controls, styles and cursor script.</summary>
public static class NatTypesPlayerHtml
{
    private static int _nextId;

    public static string Render(NatTypesPlayer player)
    {
        var id = "nlt" + Interlocked.Increment(ref _nextId).ToString(CultureInfo.InvariantCulture);
        var steps = player.Types.Steps;
        var sb = new StringBuilder($"<div class=\"nl-player nl-nattypes\" id=\"{id}\" tabindex=\"0\" data-steps=\"{steps.Count}\">").Append(TracePlayerHtml.Css).Append(Css);
        sb.Append(TracePlayerHtml.Controls(player.Title, steps.Count));
        sb.Append("<div class=\"nlt-steps\">");
        foreach (var step in steps)
        {
            sb.Append($"<div class=\"nlp-step\" data-step=\"{step.Index}\"{(step.Index == 0 ? "" : " hidden")}>");
            sb.Append($"<div class=\"nlt-action\">packet {step.Index + 1} of {steps.Count}: <b>{Html.E(step.Action)}</b></div><div class=\"nlt-grid\">");
            for (var k = 0; k < step.Outcomes.Count; k++)
            {
                var o = step.Outcomes[k];
                var nat = player.Types.Nats[k];
                sb.Append($"<div class=\"nlt-nat\" data-nat=\"{Html.E(o.Nat)}\"><div class=\"nlp-table-title\">{Html.E(o.Nat)} <span class=\"badge\">{Html.E(nat.Behavior.ShortName)}</span></div>");
                sb.Append($"<p class=\"{(o.Verdict.StartsWith('✗') ? "nlp-drop" : "nlt-ok")}\">{Html.E(o.Verdict)}</p>");
                // The packet's hops in this NAT's network, with the translation the NAT made.
                sb.Append("<ol class=\"nlt-hops\">");
                foreach (var e in o.Events.Where(e => e.IsWirePacket || e.Kind is TraceEventKind.Dropped or TraceEventKind.Delivered))
                    sb.Append($"<li>{Html.E(Hop(e))}</li>");
                sb.Append("</ol>");
                sb.Append($"<div class=\"nlp-table\"><div class=\"nlt-sub\">table after it (Alice inside: 192.168.1.10:5000; green new, yellow used)</div>");
                if (o.Table.Count == 0) sb.Append("<i>no mappings</i>");
                else
                {
                    // Two columns fit a quarter of the page: the mark (new, used) is the row's colour and its tooltip.
                    sb.Append("<table><thead><tr><th>Inside global</th><th>Admits</th></tr></thead><tbody>");
                    foreach (var r in o.Table)
                        sb.Append($"<tr{(r.Change switch { EntryChange.Created => " class=\"nlp-created\" title=\"new row\"", EntryChange.Hit => " class=\"nlp-hit\" title=\"used\"", _ => "" })}><td>{r.Entry.InsideGlobal}</td><td>{string.Join("<br>", r.Entry.Admits.Select(Html.E))}</td></tr>");
                    sb.Append("</tbody></table>");
                }
                sb.Append("</div>");
                // The verdicts so far, one mark per packet: a scoreboard that grows step by step.
                sb.Append("<div class=\"nlt-score\">so far: ").Append(string.Join(" ", steps.Take(step.Index + 1).Select(s => $"{s.Index + 1}{s.Outcomes[k].Verdict[0]}"))).Append("</div></div>");
            }
            sb.Append("</div></div>");
        }
        sb.Append("</div>");
        sb.Append("<script>").Append(TracePlayerHtml.Script.Replace("__ID__", id, StringComparison.Ordinal)
            .Replace("__CUR__", string.Join(",", steps.Select(_ => -1)), StringComparison.Ordinal)
            .Replace("__STATE__", string.Join(",", steps.Select(_ => 0)), StringComparison.Ordinal)).Append("</script></div>");
        return Html.View(sb.ToString());
    }

    private static string Hop(TraceEvent e) => e.Kind switch
    {
        TraceEventKind.Sent => $"{e.Node} sends {e.Source} → {e.Destination}",
        TraceEventKind.Translated => $"{e.Node} rewrites it to {e.Source} → {e.Destination}",
        TraceEventKind.Forwarded => $"{e.Node} forwards it",
        TraceEventKind.Dropped => $"✗ {e.Node} drops it ({e.Reason})",
        TraceEventKind.Delivered => $"✔ {e.Node} receives it",
        _ => e.Detail ?? e.Kind.ToString(),
    };

    private const string Css = """
<style>
.nl .nl-nattypes .nlt-steps{height:440px;overflow:auto}
.nl .nlt-action{font-size:17px;margin:2px 0 8px}
.nl .nlt-grid{display:grid;grid-template-columns:repeat(4,minmax(0,1fr));gap:8px}
.nl .nlt-nat{border:1px solid #e3e3ea;border-radius:4px;padding:6px;min-width:0;overflow:auto}
.nl .nlt-ok{background:#e6f7e6;border-left:4px solid #2e7d32;padding:3px 8px;margin:3px 0;font-size:15px}
.nl .nlt-nat .nlp-drop{font-size:14px}
.nl .nlt-hops{font-size:13px;margin:4px 0 6px;padding-left:1.4em;font-family:ui-monospace,Consolas,monospace}
.nl .nlt-sub{font-size:13px;color:#444;margin-bottom:2px}
.nl .nl-nattypes .nlp-table table{font-size:12.5px}.nl .nl-nattypes .nlp-table td{white-space:nowrap}.nl .nl-nattypes .nlp-table td:first-child{font-family:ui-monospace,Consolas,monospace;color:inherit;font-size:inherit}
.nl .nlt-score{font-size:14px;margin-top:6px;font-variant-numeric:tabular-nums}
</style>
""";
}
