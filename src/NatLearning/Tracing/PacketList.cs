using System.Globalization;
using System.Text;

namespace NatLearning.Tracing;

/// <summary>Renders a trace as a Wireshark-style packet list, one row per packet per hop.</summary>
public static class PacketList
{
    public static IReadOnlyList<PacketRow> Rows(Trace trace)
    {
        var rows = new List<PacketRow>();
        foreach (var e in trace.WirePackets)
        {
            var (protocol, info) = PacketDescriber.Describe(e.Bytes);
            var fate = trace.FateOf(e);
            rows.Add(new PacketRow(rows.Count + 1, e, e.Time, e.Source!.ToString(), e.Destination!.ToString(), protocol, e.Bytes!.Length, info,
                e.NextHop is null ? e.Node : $"{e.Node} → {e.NextHop}", e.Kind == TraceEventKind.Translated ? e.Detail : null,
                fate?.Kind == TraceEventKind.Dropped ? fate : null));
        }
        return rows;
    }

    public static string Render(Trace trace)
    {
        var rows = Rows(trace);
        var sb = new StringBuilder();
        var header = new[] { "No.", "Time", "Source", "Destination", "Protocol", "Length", "Info" };
        var cells = rows.Select(r => new[]
        {
            r.Number.ToString(CultureInfo.InvariantCulture), r.Time.TotalSeconds.ToString("0.000000", CultureInfo.InvariantCulture),
            r.Source, r.Destination, r.Protocol, r.Length.ToString(CultureInfo.InvariantCulture), r.Info,
        }).ToList();
        var widths = header.Select((h, c) => Math.Max(h.Length, cells.Count == 0 ? 0 : cells.Max(x => x[c].Length))).ToArray();
        void Line(string[] r)
        {
            for (var c = 0; c < r.Length; c++)
                sb.Append(c == r.Length - 1 ? r[c] : r[c].PadRight(widths[c] + 2));
            sb.Append('\n');
        }
        Line(header);
        var indent = new string(' ', widths[0] + 2);
        for (var i = 0; i < rows.Count; i++)
        {
            Line(cells[i]);
            var r = rows[i];
            sb.Append(indent).Append("hop: ").Append(r.Hop);
            if (r.Translation is not null) sb.Append(" — ").Append(r.Translation);
            sb.Append('\n');
            if (r.Drop is not null)
                sb.Append(indent).Append("✗ DROPPED at ").Append(r.Drop.Node).Append(" [").Append(r.Drop.Reason).Append("]: ").Append(r.Drop.Detail).Append('\n');
        }
        if (rows.Count == 0) sb.Append("(no packets)\n");
        return sb.ToString();
    }
}

/// <summary>One row of the packet list.</summary>
/// <param name="Hop">"Alice → Alice's router": where this copy of the packet travelled.</param>
/// <param name="Translation">For rows a NAT produced: what it rewrote.</param>
/// <param name="Drop">The drop event when this copy of the packet went no further.</param>
public sealed record PacketRow(int Number, TraceEvent Event, TimeSpan Time, string Source, string Destination, string Protocol, int Length, string Info,
    string Hop, string? Translation, TraceEvent? Drop);
