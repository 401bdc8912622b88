

namespace NatLearning.Protocols;

/// <summary>
/// One table of a protocol machine's state at a moment (a STUN client's transactions, a TURN server's permissions, an
/// ICE agent's check list), as plain text cells: what a step-by-step player shows beside a NAT table. The machine
/// writes it (<see cref="Protocols.IStateReporter"/>); nothing is guessed by a viewer.
/// </summary>
/// <param name="Owner">The node whose machine it is ("Alice", "TURN server").</param>
/// <param name="Title">What the table is ("STUN transactions", "check list").</param>
/// <param name="Caption">A line under the title that may change while the key stays ("Checking, 4 pairs").</param>
public sealed record StateTable(string Owner, string Title, IReadOnlyList<string> Columns, IReadOnlyList<StateRow> Rows, string? Caption = null)
{
    /// <summary>Owner and title: the same table at two moments has the same key.</summary>
    public string Key => $"{Owner} · {Title}";

    /// <summary>Same owner, title, columns and cells (records compare lists by reference, so this compares them item by item).</summary>
    public bool SameAs(StateTable? other) =>
        other is not null && other.Key == Key && other.Caption == Caption && other.Columns.SequenceEqual(Columns) && other.Rows.Count == Rows.Count
        && other.Rows.Zip(Rows).All(p => p.First.SameAs(p.Second));
}
