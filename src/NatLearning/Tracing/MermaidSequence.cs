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
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        var body = new StringBuilder();
        var messages = 0;
        var omitted = 0;
        var drawnDrops = new HashSet<int>();

        string Id(string node)
        {
            if (!ids.TryGetValue(node, out var id)) ids[node] = id = "P" + ids.Count.ToString(CultureInfo.InvariantCulture);
            return id;
        }

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
                var from = Id(e.Node);
                var drop = NextDropOf(events, i);
                var toNode = e.NextHop ?? drop?.Node ?? e.Node;
                var to = Id(toNode);
                if (e.Kind == TraceEventKind.Translated && options.ShowTranslations && e.OriginalSource is not null)
                    body.Append("    Note over ").Append(from).Append(": ").Append(Escape(TranslationNote(e))).Append('\n');
                body.Append("    ").Append(from).Append(drop is not null && drop.Node == toNode ? "-x" : "->>").Append(to).Append(": ").Append(Escape(text)).Append('\n');
                if (drop is not null)
                {
                    body.Append("    Note over ").Append(Id(drop.Node)).Append(": ").Append(Escape($"✗ dropped ({drop.Reason}): {drop.Detail}")).Append('\n');
                    drawnDrops.Add(drop.Number);
                }
            }
            else if (e.Kind == TraceEventKind.Dropped)
            {
                if (drawnDrops.Contains(e.Number) || omitted > 0) continue;
                body.Append("    Note over ").Append(Id(e.Node)).Append(": ").Append(Escape($"✗ dropped ({e.Reason}): {e.Detail}")).Append('\n');
            }
            else if (e.Kind is TraceEventKind.MappingCreated or TraceEventKind.MappingExpired && options.ShowMappings)
            {
                if (messages >= options.MaxMessages && omitted > 0) continue;
                var m = e.Mapping!;
                var what = e.Kind == TraceEventKind.MappingCreated ? "new mapping" : "mapping expired";
                body.Append("    Note over ").Append(Id(e.Node)).Append(": ").Append(Escape($"{what} {m.InsideLocal} ↔ {m.InsideGlobal}")).Append('\n');
            }
            else if (e.Kind == TraceEventKind.Note && options.ShowNotes)
            {
                if (messages >= options.MaxMessages && omitted > 0) continue;
                body.Append("    Note over ").Append(Id(e.Node)).Append(": ").Append(Escape(e.Detail ?? "")).Append('\n');
            }
        }

        var sb = new StringBuilder("sequenceDiagram\n");
        if (options.AutoNumber) sb.Append("    autonumber\n");
        foreach (var (node, id) in ids) sb.Append("    participant ").Append(id).Append(" as ").Append(Escape(node)).Append('\n');
        sb.Append(body);
        if (omitted > 0 && ids.Count > 0)
        {
            var first = ids.Values.First();
            var last = ids.Values.Last();
            sb.Append("    Note over ").Append(first).Append(first == last ? "" : "," + last).Append(": ")
              .Append(Escape($"… {omitted} more packets not drawn (MaxMessages = {options.MaxMessages})")).Append('\n');
        }
        if (ids.Count == 0) sb.Append("    participant P0 as (empty trace)\n");
        return sb.ToString();
    }

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
