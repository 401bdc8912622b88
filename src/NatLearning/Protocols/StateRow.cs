

namespace NatLearning.Protocols;

/// <summary>A row of a <see cref="StateTable"/>. <paramref name="Key"/> names the row across moments (a transaction id, a pair).</summary>
/// <param name="Strong">Drawn in bold: the nominated ICE pair.</param>
public sealed record StateRow(string Key, IReadOnlyList<string> Cells, bool Strong = false)
{
    public bool SameAs(StateRow other) => other.Key == Key && other.Strong == Strong && other.Cells.SequenceEqual(Cells);
}
