using System.Globalization;
using System.Text;
using NatLearning.Ice;

namespace NatLearning.Lab;

/// <summary>The outcome grid as a table: Alice's NAT down, Bob's across, each cell the selected pair's kind (or ✗) and the time to selection.</summary>
public static class OutcomeGrid
{
    public static string ToText(IReadOnlyList<IceOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var rows = outcomes.Select(o => o.NatA).Distinct().ToList();
        var cols = outcomes.Select(o => o.NatB).Distinct().ToList();
        var width = Math.Max(14, cols.Max(c => c.Length) + 1);
        var sb = new StringBuilder();
        sb.Append($"{"Alice \\ Bob",-22}");
        foreach (var c in cols) sb.Append(c.PadRight(width));
        sb.Append('\n');
        foreach (var r in rows)
        {
            sb.Append($"{r,-22}");
            foreach (var c in cols)
            {
                var o = outcomes.FirstOrDefault(x => x.NatA == r && x.NatB == c);
                var cell = o is null ? "" : o.Succeeded
                    ? string.Create(CultureInfo.InvariantCulture, $"{o.Result} {o.TimeToSelection!.Value.TotalMilliseconds:0}ms")
                    : "✗ failed";
                sb.Append(cell.PadRight(width));
            }
            sb.Append('\n');
        }
        return sb.ToString();
    }
}
