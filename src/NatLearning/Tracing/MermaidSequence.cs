using System.Globalization;
using System.Text;

namespace NatLearning.Tracing;

/// <summary>Turns a trace into Mermaid <c>sequenceDiagram</c> text: one participant per node, one arrow per hop, notes for translations and drops.</summary>
public static class MermaidSequence
{
    public static string Render(Trace trace, MermaidOptions? options = null)
    {
        options ??= new MermaidOptions();
        if (options.MaxMessages < 1) throw new ArgumentOutOfRangeException(nameof(options), options.MaxMessages, "MaxMessages must be at least 1.");
        var events = trace.Events.Where(e => options.Filter?.Invoke(e) ?? true).ToList();
        // Lines are kept with node names; ids are given once the participants' order is known.
        var lines = new List<Line>();
        var messages = 0;
        var omitted = 0;
        var drawnDrops = new HashSet<int>();
        void Note(string node, string text) => lines.Add(new Line(node, null, null, text));

        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            if (e.IsWirePacket)
            {
                if (messages >= options.MaxMessages) { omitted++; continue; }
                messages++;
                var (protocol, info) = PacketDescriber.Describe(e.Bytes);
                var text = protocol == "UDP"
                    ? $"{e.Source} → {e.Destination} UDP Len={e.Bytes!.Length - Packets.Packet.HeaderLength}"
                    : $"{e.Source} → {e.Destination} {protocol} {info}";
                var preview = protocol == "UDP" ? PacketDescriber.TextPreview(e.Bytes) : null;
                if (preview is not null) text += $" \"{preview}\"";
                var drop = NextDropOf(events, i);
                var toNode = e.NextHop ?? drop?.Node ?? e.Node;
                if (e.Kind == TraceEventKind.Translated && options.ShowTranslations && e.OriginalSource is not null)
                    Note(e.Node, TranslationNote(e));
                lines.Add(new Line(e.Node, drop is not null && drop.Node == toNode ? "-x" : "->>", toNode, text));
                if (drop is not null)
                {
                    Note(drop.Node, $"✗ dropped ({drop.Reason}): {drop.Detail}");
                    drawnDrops.Add(drop.Number);
                }
            }
            else if (e.Kind == TraceEventKind.Dropped)
            {
                if (drawnDrops.Contains(e.Number) || omitted > 0) continue;
                Note(e.Node, $"✗ dropped ({e.Reason}): {e.Detail}");
            }
            else if (e.Kind is TraceEventKind.MappingCreated or TraceEventKind.MappingExpired && options.ShowMappings)
            {
                if (messages >= options.MaxMessages && omitted > 0) continue;
                var m = e.Mapping!;
                var what = e.Kind == TraceEventKind.MappingCreated ? "new mapping" : "mapping expired";
                Note(e.Node, $"{what} {m.InsideLocal} ↔ {m.InsideGlobal}");
            }
            else if (e.Kind == TraceEventKind.Note && options.ShowNotes)
            {
                if (messages >= options.MaxMessages && omitted > 0) continue;
                Note(e.Node, e.Detail ?? "");
            }
        }

        var appearance = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var l in lines)
        {
            if (seen.Add(l.From)) appearance.Add(l.From);
            if (l.To is not null && seen.Add(l.To)) appearance.Add(l.To);
        }
        IReadOnlyList<string> order;
        if (options.ParticipantOrder is { } given)
        {
            var named = new HashSet<string>(given, StringComparer.Ordinal);
            order = [.. given.Where(seen.Contains).Distinct(StringComparer.Ordinal), .. appearance.Where(n => !named.Contains(n))];
        }
        else order = trace.LeftToRight(appearance);
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        var sb = new StringBuilder("sequenceDiagram\n");
        if (options.AutoNumber) sb.Append("    autonumber\n");
        foreach (var node in order)
        {
            var id = ids[node] = "P" + ids.Count.ToString(CultureInfo.InvariantCulture);
            sb.Append("    participant ").Append(id).Append(" as ").Append(Escape(node)).Append('\n');
        }
        foreach (var l in lines)
        {
            sb.Append(l.Arrow is null ? "    Note over " + ids[l.From] : "    " + ids[l.From] + l.Arrow + ids[l.To!])
              .Append(": ").Append(Escape(l.Text)).Append('\n');
        }
        if (omitted > 0 && order.Count > 0)
        {
            var leftmost = ids[order[0]];
            var rightmost = ids[order[^1]];
            sb.Append("    Note over ").Append(leftmost).Append(leftmost == rightmost ? "" : "," + rightmost).Append(": ")
              .Append(Escape($"… {omitted} more packets not drawn (MaxMessages = {options.MaxMessages})")).Append('\n');
        }
        if (order.Count == 0) sb.Append("    participant P0 as (empty trace)\n");
        return sb.ToString();
    }

    // One line of the diagram: an arrow From → To, or a note over From (Arrow null).
    private readonly record struct Line(string From, string? Arrow, string? To, string Text);

    private static TraceEvent? NextDropOf(List<TraceEvent> events, int wireIndex)
    {
        var id = events[wireIndex].PacketId;
        for (var j = wireIndex + 1; j < events.Count; j++)
        {
            var e = events[j];
            if (e.PacketId != id) continue;
            if (e.IsWirePacket || e.Kind == TraceEventKind.Delivered) return null;
            if (e.Kind == TraceEventKind.Dropped) return e;
        }
        return null;
    }

    private static string TranslationNote(TraceEvent e) =>
        !Equals(e.OriginalSource, e.Source) && !Equals(e.OriginalDestination, e.Destination)
            ? $"src {e.OriginalSource} → {e.Source}, dst {e.OriginalDestination} → {e.Destination}"
            : !Equals(e.OriginalSource, e.Source)
                ? $"src {e.OriginalSource} → {e.Source}"
                : $"dst {e.OriginalDestination} → {e.Destination}";

    // Mermaid treats ';' as a statement end and '#' as the start of an entity code; the entity codes display the characters.
    internal static string Escape(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var c in s)
            sb.Append(c switch { '#' => "#35;", ';' => "#59;", '\n' => " ", _ => c.ToString() });
        return sb.ToString();
    }
}
