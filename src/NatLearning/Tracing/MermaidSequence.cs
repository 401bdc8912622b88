using System.Globalization;
using System.Text;
using NatLearning.Packets;

namespace NatLearning.Tracing;

/// <summary>Turns a trace into Mermaid <c>sequenceDiagram</c> text: one participant per node, one arrow per hop, notes for translations and drops.</summary>
public static class MermaidSequence
{
    /// <summary>A note longer than this many characters a line is wrapped (short labels), so no note makes a diagram wider than a screen.</summary>
    private const int NoteLine = 40;
    private const int NoteLines = 3;
    /// <summary>A run of fewer arrows of one phase joins the phase before it (a lone packet does not deserve a tab).</summary>
    private const int ShortestPhase = 3;

    public static string Render(Trace trace, MermaidOptions? options = null)
    {
        options ??= new MermaidOptions();
        var d = Collect(trace, options);
        return Emit(d.Lines, d.Order, options, d.Omitted);
    }

    /// <summary>
    /// The diagram in parts a screen can hold: consecutive arrows of one protocol phase (<see cref="IPayloadDescriber.TryLabel"/>:
    /// discovery, allocation, connectivity checks, nomination ...), a phase longer than <see cref="MermaidOptions.PhaseSize"/>
    /// cut into windows. A trace of at most that many arrows is one part.
    /// </summary>
    public static IReadOnlyList<MermaidPhase> Phases(Trace trace, MermaidOptions? options = null)
    {
        options ??= new MermaidOptions();
        if (options.PhaseSize < 1) throw new ArgumentOutOfRangeException(nameof(options), options.PhaseSize, "PhaseSize must be at least 1.");
        var d = Collect(trace, options);
        var arrows = d.Lines.Where(l => l.Drawn is not null).ToList();
        var groups = Group(arrows.Select(a => a.Phase!).ToList(), options.PhaseSize);
        // Each line goes with the arrow before it (a note tells what that packet caused); lines before the first arrow open the first part.
        var parts = groups.Select(_ => new List<Line>()).ToList();
        var groupOfArrow = new int[arrows.Count];
        for (var g = 0; g < groups.Count; g++)
            foreach (var a in groups[g].Arrows) groupOfArrow[a] = g;
        var seen = -1;
        foreach (var l in d.Lines)
        {
            if (l.Drawn is not null) seen++;
            parts[seen < 0 ? 0 : groupOfArrow[seen]].Add(l);
        }
        var phases = new List<MermaidPhase>();
        for (var g = 0; g < groups.Count; g++)
        {
            var last = g == groups.Count - 1;
            // A part draws only the participants it uses, in the whole diagram's order: an idle column would only push the others off screen.
            var used = parts[g].SelectMany(l => l.To is null ? [l.From] : new[] { l.From, l.To }).ToHashSet(StringComparer.Ordinal);
            var order = groups.Count == 1 ? d.Order : [.. d.Order.Where(used.Contains)];
            phases.Add(new MermaidPhase(groups[g].Title, Emit(parts[g], order, options, last ? d.Omitted : 0),
                [.. parts[g].Where(l => l.Drawn is not null).Select(l => l.Drawn!)],
                [.. parts[g].Where(l => l.Arrow is null).Select(l => l.FullText)]));
        }
        return phases;
    }

    // Runs of one phase name; short runs join the one before; long ones are cut into near-equal windows.
    private static List<(string Title, List<int> Arrows)> Group(List<string> phaseOfArrow, int size)
    {
        if (phaseOfArrow.Count <= size) return [("", [.. Enumerable.Range(0, phaseOfArrow.Count)])];
        var runs = new List<(string Name, List<int> Arrows)>();
        for (var i = 0; i < phaseOfArrow.Count; i++)
        {
            if (runs.Count > 0 && runs[^1].Name == phaseOfArrow[i]) runs[^1].Arrows.Add(i);
            else runs.Add((phaseOfArrow[i], [i]));
        }
        var merged = new List<(string Name, List<int> Arrows)>();
        foreach (var r in runs)
        {
            if (merged.Count > 0 && (r.Arrows.Count < ShortestPhase || merged[^1].Name == r.Name)) merged[^1].Arrows.AddRange(r.Arrows);
            else merged.Add(r);
        }
        var groups = new List<(string Title, List<int> Arrows)>();
        foreach (var (name, list) in merged)
        {
            var windows = (list.Count + size - 1) / size;
            for (var w = 0; w < windows; w++)
            {
                var from = list.Count * w / windows;
                var to = list.Count * (w + 1) / windows;
                groups.Add((windows == 1 ? name : $"{name} ({w + 1}/{windows})", list.GetRange(from, to - from)));
            }
        }
        return groups;
    }

    private sealed record Drawing(List<Line> Lines, IReadOnlyList<string> Order, int Omitted);

    // One line of the diagram: an arrow From → To, or a note over From (Arrow null). Text is what is drawn, FullText the
    // unshortened words; Drawn and Phase are set for arrows.
    private readonly record struct Line(string From, string? Arrow, string? To, string Text, string FullText, DiagramArrow? Drawn = null, string? Phase = null);

    private static Drawing Collect(Trace trace, MermaidOptions options)
    {
        if (options.MaxMessages < 1) throw new ArgumentOutOfRangeException(nameof(options), options.MaxMessages, "MaxMessages must be at least 1.");
        if (options.FirstMessage < 1) throw new ArgumentOutOfRangeException(nameof(options), options.FirstMessage, "FirstMessage must be at least 1 (arrows are numbered from 1).");
        var events = trace.Events.Where(e => options.Filter?.Invoke(e) ?? true).ToList();
        var brief = options.ShortLabels ?? false;
        // Lines are kept with node names; ids are given once the participants' order is known.
        var lines = new List<Line>();
        var number = 0;
        var messages = 0;
        var omitted = 0;
        var drawnDrops = new HashSet<int>();
        var phaseOfExchange = new Dictionary<string, string>(StringComparer.Ordinal);
        void Note(string node, string text, string? full = null) => lines.Add(new Line(node, null, null, text, full ?? text));

        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            if (e.IsWirePacket)
            {
                number++;
                if (number < options.FirstMessage) continue;
                if (messages >= options.MaxMessages) { omitted++; continue; }
                messages++;
                var (protocol, info) = PacketDescriber.Describe(e.Bytes);
                var text = protocol == "UDP"
                    ? $"{e.Source} → {e.Destination} UDP Len={e.Bytes!.Length - Packets.Packet.HeaderLength}"
                    : $"{e.Source} → {e.Destination} {protocol} {info}";
                var preview = protocol == "UDP" ? PacketDescriber.TextPreview(e.Bytes) : null;
                if (preview is not null) text += $" \"{preview}\"";
                var (label, phase, exchange) = PacketDescriber.Label(e.Bytes);
                // An answer belongs to its request's phase (a nomination's success response is part of the nomination).
                if (exchange is not null && !phaseOfExchange.TryAdd(exchange, phase)) phase = phaseOfExchange[exchange];
                var drop = NextDropOf(events, i);
                var toNode = e.NextHop ?? drop?.Node ?? e.Node;
                var translation = e.Kind == TraceEventKind.Translated && e.OriginalSource is not null ? TranslationNote(e) : null;
                if (translation is not null && options.ShowTranslations && !brief) Note(e.Node, translation);
                var arrow = new DiagramArrow(number, e, e.Node, toNode, label, $"{protocol} {info}", translation, drop);
                lines.Add(new Line(e.Node, drop is not null && drop.Node == toNode ? "-x" : "->>", toNode, brief ? label : text, text, arrow, phase));
                if (drop is not null)
                {
                    Note(drop.Node, brief ? $"✗ dropped ({drop.Reason})" : $"✗ dropped ({drop.Reason}): {drop.Detail}", $"✗ dropped ({drop.Reason}): {drop.Detail}");
                    drawnDrops.Add(drop.Number);
                }
                continue;
            }
            // Notes tell what the arrow before them caused: they are drawn when it is.
            if (omitted > 0 || number < (options.FirstMessage == 1 ? 0 : options.FirstMessage)) continue;
            if (e.Kind == TraceEventKind.Dropped)
            {
                if (drawnDrops.Contains(e.Number)) continue;
                var full = $"✗ dropped ({e.Reason}): {e.Detail}";
                Note(e.Node, brief ? Wrap(full) : full, full);
            }
            else if (e.Kind is TraceEventKind.MappingCreated or TraceEventKind.MappingExpired && options.ShowMappings)
            {
                var m = e.Mapping!;
                var what = e.Kind == TraceEventKind.MappingCreated ? "new mapping" : "mapping expired";
                var full = $"{what} {m.InsideLocal} ↔ {m.InsideGlobal}";
                Note(e.Node, brief ? $"{what} {m.InsideGlobal}" : full, full);
            }
            else if (e.Kind == TraceEventKind.Note && options.ShowNotes)
            {
                var full = e.Detail ?? "";
                Note(e.Node, brief ? Wrap(full) : full, full);
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
        return new Drawing(lines, order, omitted);
    }

    private static string Emit(IReadOnlyList<Line> lines, IReadOnlyList<string> order, MermaidOptions options, int omitted)
    {
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        var sb = new StringBuilder("sequenceDiagram\n");
        var first = lines.FirstOrDefault(l => l.Drawn is not null).Drawn?.Number ?? 1;
        if (options.AutoNumber) sb.Append(first == 1 ? "    autonumber\n" : $"    autonumber {first.ToString(CultureInfo.InvariantCulture)}\n");
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

    // Words to at most NoteLines lines of about NoteLine characters, joined by Mermaid's line break; the rest is cut with "…".
    private static string Wrap(string text)
    {
        var rows = new List<string>();
        var row = new StringBuilder();
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (row.Length > 0 && row.Length + 1 + word.Length > NoteLine)
            {
                rows.Add(row.ToString());
                row.Clear();
            }
            if (row.Length > 0) row.Append(' ');
            row.Append(word.Length > NoteLine ? word[..(NoteLine - 1)] + "…" : word);
        }
        if (row.Length > 0) rows.Add(row.ToString());
        if (rows.Count > NoteLines)
        {
            rows = rows.GetRange(0, NoteLines);
            rows[^1] = (rows[^1].Length >= NoteLine ? rows[^1][..(NoteLine - 1)] : rows[^1]) + "…";
        }
        return string.Join("<br/>", rows);
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
