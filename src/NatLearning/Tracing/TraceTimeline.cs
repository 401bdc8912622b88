using NatLearning.Nat;
using NatLearning.Protocols;

namespace NatLearning.Tracing;

/// <summary>
/// A trace as a sequence of steps, each with every NAT table as it stood after it: what a step-by-step player shows.
/// Built by replaying the mapping rows the NATs recorded in the trace (created, used, expired).
/// </summary>
public sealed class TraceTimeline
{
    private TraceTimeline(IReadOnlyList<TraceStep> steps, IReadOnlyList<string> nodes)
    {
        Steps = steps;
        Nodes = nodes;
    }

    public IReadOnlyList<TraceStep> Steps { get; }
    /// <summary>Every node the trace names, left to right as a diagram of it draws them (<see cref="Trace.NodesLeftToRight"/>).</summary>
    public IReadOnlyList<string> Nodes { get; }
    public int Count => Steps.Count;
    public TraceStep this[int index] => Steps[index];

    /// <summary>The timeline of a trace; <paramref name="routers"/> names the NATs to show (with their static rows, if any).</summary>
    public static TraceTimeline From(Trace trace, IEnumerable<(string Name, string Behavior, IReadOnlyList<NatTableEntry> StaticRows)> routers)
    {
        var tables = new List<(string Name, string Behavior, List<NatTableEntry> Rows)>();
        foreach (var (name, behavior, statics) in routers) tables.Add((name, behavior, [.. statics]));
        var steps = new List<TraceStep>();
        var lastWire = -1;
        var wireOfPacket = new Dictionary<long, int>();   // packet id → its latest wire step; looked up, never iterated
        var states = trace.States;
        var nextState = 0;
        var current = new List<StateTable>();             // the latest table of each key, in the order keys first appeared
        foreach (var e in trace.Events)
        {
            // States that hold from this event on replace the older table of their key; what changed is marked.
            var changed = new Dictionary<string, StateTable?>(StringComparer.Ordinal);   // key → the table before this step
            for (; nextState < states.Count && states[nextState].FromEvent <= e.Number; nextState++)
            {
                var recorded = states[nextState].Table;
                var at = current.FindIndex(t => t.Key == recorded.Key);
                changed.TryAdd(recorded.Key, at >= 0 ? current[at] : null);
                if (at >= 0) current[at] = recorded;
                else current.Insert(current.FindLastIndex(t => t.Owner == recorded.Owner) is var mine and >= 0 ? mine + 1 : current.Count, recorded);   // a node's tables together
            }
            var stateSnapshot = current.Select(t => new StateTableAtStep(t, changed.TryGetValue(t.Key, out var before)
                ? t.Rows.Select(r => before?.Rows.FirstOrDefault(b => b.Key == r.Key) is not { } old ? EntryChange.Created : old.SameAs(r) ? EntryChange.None : EntryChange.Changed).ToList()
                : t.Rows.Select(_ => EntryChange.None).ToList())).ToList();
            if (e.IsWirePacket)
            {
                lastWire = steps.Count;
                wireOfPacket[e.PacketId] = lastWire;
            }
            // A drop or a delivery is about its own packet, not whichever packet moved last (another may have been sent meanwhile).
            var wireStep = e.IsWirePacket ? lastWire : e.PacketId != 0 && wireOfPacket.TryGetValue(e.PacketId, out var w) ? w : lastWire;

            var changedRouter = e.Mapping is not null ? e.Node : null;
            var table = changedRouter is null ? default : tables.FirstOrDefault(t => t.Name == changedRouter);
            if (changedRouter is not null && table.Rows is null)
            {
                tables.Add((changedRouter, "NAT", []));
                table = tables[^1];
            }
            EntryChange change = EntryChange.None;
            if (e.Mapping is { } m && table.Rows is not null)
            {
                var i = table.Rows.FindIndex(r => r.InsideGlobal.Equals(m.InsideGlobal) && r.InsideLocal.Equals(m.InsideLocal));
                switch (e.Kind)
                {
                    case TraceEventKind.MappingCreated:
                        table.Rows.Add(m);
                        change = EntryChange.Created;
                        break;
                    case TraceEventKind.MappingExpired:
                        change = EntryChange.Expired;
                        break;
                    default:
                        if (i >= 0) table.Rows[i] = m;
                        change = EntryChange.Hit;
                        break;
                }
            }
            var snapshot = tables.Select(t => new NatTableAtStep(t.Name, t.Behavior,
                t.Rows.Select(r => new NatRowAtStep(r, t.Name == changedRouter && r.InsideGlobal.Equals(e.Mapping!.InsideGlobal) && r.InsideLocal.Equals(e.Mapping.InsideLocal) ? change : EntryChange.None)).ToList())).ToList();
            steps.Add(new TraceStep(steps.Count, e, Summarize(trace, e), snapshot) { WireStep = wireStep, States = stateSnapshot });
            if (e.Kind == TraceEventKind.MappingExpired && table.Rows is not null)
                table.Rows.RemoveAll(r => r.InsideGlobal.Equals(e.Mapping!.InsideGlobal) && r.InsideLocal.Equals(e.Mapping.InsideLocal));
        }
        return new TraceTimeline(steps, trace.NodesLeftToRight());
    }

    /// <summary>One line for a step: who did what.</summary>
    public static string Summarize(Trace trace, TraceEvent e)
    {
        switch (e.Kind)
        {
            case TraceEventKind.Sent:
            case TraceEventKind.Translated:
            case TraceEventKind.Forwarded:
                var (protocol, info) = PacketDescriber.Describe(e.Bytes);
                var what = $"{e.Source} → {e.Destination} {protocol} {info}";
                return e.Kind == TraceEventKind.Sent
                    ? $"{e.Node} sends {what} toward {e.NextHop ?? "nowhere"}"
                    : $"{e.Detail}; on to {e.NextHop ?? "nowhere"}: {what}";
            case TraceEventKind.Dropped:
                return $"✗ dropped at {e.Node} ({e.Reason}): {e.Detail}";
            default:
                return e.Detail ?? e.Kind.ToString();
        }
    }
}
