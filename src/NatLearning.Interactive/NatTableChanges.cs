using System.Runtime.CompilerServices;
using NatLearning.Nat;

namespace NatLearning.Interactive;

/// <summary>What changed in a router's table since it was last displayed: the rows a teacher points at.</summary>
internal enum NatRowChange { Unchanged, Created, Hit, Expired }

/// <summary>
/// Remembers, per router, the table last displayed, so the next display can highlight rows created, hit (used again) or
/// gone since then. A table read from a router is remembered by the router it came from (<see cref="NatTable.Owner"/>),
/// weakly, so a finished run's routers can be collected; a table made by hand, by its router's name. A snapshot older
/// than the one remembered starts afresh.
/// </summary>
internal static class NatTableChanges
{
    private sealed record Shown(TimeSpan Time, Dictionary<string, NatTableEntry> Rows);

    private static readonly ConditionalWeakTable<object, Shown> ByOwner = [];
    private static readonly Dictionary<string, Shown> ByName = new(StringComparer.Ordinal);
    private static readonly Lock Gate = new();

    public static (IReadOnlyList<(NatTableEntry Entry, NatRowChange Change)> Rows, IReadOnlyList<NatTableEntry> Gone) Compare(NatTable table)
    {
        var current = table.Entries.ToDictionary(Key);
        lock (Gate)
        {
            Shown? previous;
            var found = (table.Owner is { } owner ? ByOwner.TryGetValue(owner, out previous) : ByName.TryGetValue(table.Router, out previous))
                && previous.Time <= table.Time;
            var shown = new Shown(table.Time, current);
            if (table.Owner is { } o) ByOwner.AddOrUpdate(o, shown);
            else ByName[table.Router] = shown;
            if (!found) return (table.Entries.Select(e => (e, NatRowChange.Unchanged)).ToList(), []);
            var rows = table.Entries.Select(e => (e,
                !previous!.Rows.TryGetValue(Key(e), out var before) ? NatRowChange.Created
                : e.LastUsed > before.LastUsed ? NatRowChange.Hit
                : NatRowChange.Unchanged)).ToList();
            var gone = previous!.Rows.Where(kv => !current.ContainsKey(kv.Key)).Select(kv => kv.Value).ToList();
            return (rows, gone);
        }
    }

    private static string Key(NatTableEntry e) => $"{e.Protocol} {e.InsideLocal} {e.InsideGlobal} {e.MappedFor}";
}
