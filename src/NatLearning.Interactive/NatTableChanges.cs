using NatLearning.Nat;

namespace NatLearning.Interactive;

/// <summary>What changed in a router's table since it was last displayed: the rows a teacher points at.</summary>
internal enum NatRowChange { Unchanged, Created, Hit, Expired }

/// <summary>
/// Remembers, per router (its instance when known, else its name), the table last displayed, so the next display can
/// highlight rows created, hit (used again) or gone since then. A snapshot older than the one remembered starts afresh.
/// </summary>
internal static class NatTableChanges
{
    private static readonly Dictionary<string, (TimeSpan Time, Dictionary<string, NatTableEntry> Rows)> Last = new(StringComparer.Ordinal);
    private static readonly Lock Gate = new();

    public static (IReadOnlyList<(NatTableEntry Entry, NatRowChange Change)> Rows, IReadOnlyList<NatTableEntry> Gone) Compare(NatTable table)
    {
        var current = table.Entries.ToDictionary(Key);
        lock (Gate)
        {
            var router = table.RouterInstance != 0 ? "#" + table.RouterInstance.ToString(System.Globalization.CultureInfo.InvariantCulture) : table.Router;
            var found = Last.TryGetValue(router, out var previous) && previous.Time <= table.Time;
            Last[router] = (table.Time, current);
            if (!found) return (table.Entries.Select(e => (e, NatRowChange.Unchanged)).ToList(), []);
            var rows = table.Entries.Select(e => (e,
                !previous.Rows.TryGetValue(Key(e), out var before) ? NatRowChange.Created
                : e.LastUsed > before.LastUsed ? NatRowChange.Hit
                : NatRowChange.Unchanged)).ToList();
            var gone = previous.Rows.Where(kv => !current.ContainsKey(kv.Key)).Select(kv => kv.Value).ToList();
            return (rows, gone);
        }
    }

    private static string Key(NatTableEntry e) => $"{e.Protocol} {e.InsideLocal} {e.InsideGlobal} {e.MappedFor}";
}
