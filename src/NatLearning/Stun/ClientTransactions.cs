using System.Diagnostics.CodeAnalysis;

namespace NatLearning.Stun;

/// <summary>
/// A client's outstanding transactions keyed by transaction id (RFC 8489 §6.3: a response is matched to its request by
/// the id), with their timers driven together:
/// <code>
/// transactions.HandleTimeout(now);
/// while (transactions.TryPollTimeout(out var t, out var what)) { /* Retransmit: send t's request again; TimedOut: it failed */ }
/// </code>
/// Timed-out transactions leave the table as they are polled; an answered one leaves when its owner <see cref="Complete"/>s it.
/// </summary>
/// <remarks>No allocation per packet or timer: the due list is reused, and enumeration is a struct enumerator.</remarks>
internal sealed class ClientTransactions<T> where T : ClientTransaction
{
    private readonly Dictionary<TransactionId, T> _byId = [];
    private readonly List<T> _due = [];
    private int _nextDue;
    private TimeSpan _dueAt;

    public int Count => _byId.Count;

    /// <summary>The outstanding transactions, in the order they were added (a removed one's slot is reused by the next added).</summary>
    public Dictionary<TransactionId, T>.ValueCollection All => _byId.Values;

    public void Add(T transaction) => _byId[transaction.Id] = transaction;

    public bool Contains(TransactionId id) => _byId.ContainsKey(id);

    public bool TryGet(TransactionId id, [MaybeNullWhen(false)] out T transaction) => _byId.TryGetValue(id, out transaction);

    /// <summary>The outstanding transaction <paramref name="response"/> answers, if any (an unknown id or another method is not ours).</summary>
    public bool TryMatch(StunMessage response, [MaybeNullWhen(false)] out T transaction) =>
        _byId.TryGetValue(response.TransactionId, out transaction) && transaction.Matches(response);

    /// <summary>Takes <paramref name="transaction"/>'s response: it ends and leaves the table.</summary>
    public void Complete(T transaction, TimeSpan now)
    {
        transaction.Complete(now);
        _byId.Remove(transaction.Id);
    }

    /// <summary>Forgets a transaction without finishing it (its response, if one comes, is then unknown).</summary>
    public bool Remove(TransactionId id) => _byId.Remove(id);

    public void Clear() => _byId.Clear();

    /// <summary>The earliest retransmission or final timeout of any outstanding transaction.</summary>
    public TimeSpan? NextTimeout()
    {
        TimeSpan? next = null;
        foreach (var t in _byId.Values)
            if (t.NextTimeout is { } due && (next is null || due < next)) next = due;
        return next;
    }

    /// <summary>
    /// Notes which transactions are due at <paramref name="now"/>; <see cref="TryPollTimeout"/> then fires them one by one,
    /// in table order, so the owner's reaction to one (a packet, a new transaction) comes before the next one fires.
    /// </summary>
    public void HandleTimeout(TimeSpan now)
    {
        _due.Clear();
        _nextDue = 0;
        _dueAt = now;
        foreach (var t in _byId.Values)
            if (t.NextTimeout <= now) _due.Add(t);
    }

    /// <summary>The next due transaction and what its timer asks for; a timed-out one has left the table.</summary>
    public bool TryPollTimeout([MaybeNullWhen(false)] out T transaction, out ClientTransactionTimeout timeout)
    {
        while (_nextDue < _due.Count)
        {
            transaction = _due[_nextDue++];
            timeout = transaction.HandleTimeout(_dueAt);
            if (timeout == ClientTransactionTimeout.TimedOut) _byId.Remove(transaction.Id);
            if (timeout != ClientTransactionTimeout.None) return true;
        }
        _due.Clear();
        _nextDue = 0;
        transaction = null;
        timeout = ClientTransactionTimeout.None;
        return false;
    }
}
