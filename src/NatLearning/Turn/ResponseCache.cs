using System.Net;
using NatLearning.Stun;

namespace NatLearning.Turn;

/// <summary>
/// The responses a server keeps so that a retransmitted request gets the same answer (RFC 8489 §6.3.1), in bounded
/// memory at O(1) per datagram: every entry lives the same time, so insertion order is expiry order and a queue finds
/// the expired ones at its head; when full, the oldest goes first. Only answers to authenticated requests are kept:
/// the unauthenticated ones (Binding, 401 challenges) are cheap to recompute, and a flood of them must cost no memory.
/// </summary>
internal sealed class ResponseCache(TimeSpan lifetime, int capacity)
{
    private readonly Dictionary<(IPEndPoint, TransactionId), (byte[] Response, TimeSpan Until)> _entries = [];
    private readonly Queue<((IPEndPoint, TransactionId) Key, TimeSpan Until)> _order = new();

    public int Count => _entries.Count;

    public bool TryGet(TimeSpan now, IPEndPoint client, TransactionId id, out byte[] response)
    {
        Prune(now);
        if (_entries.TryGetValue((client, id), out var e))
        {
            response = e.Response;
            return true;
        }
        response = [];
        return false;
    }

    public void Add(TimeSpan now, IPEndPoint client, TransactionId id, byte[] response)
    {
        Prune(now);
        while (_entries.Count >= capacity && _order.TryDequeue(out var oldest)) Remove(oldest.Key, oldest.Until);
        var until = now + lifetime;
        _entries[(client, id)] = (response, until);
        _order.Enqueue(((client, id), until));
    }

    private void Prune(TimeSpan now)
    {
        while (_order.TryPeek(out var head) && now >= head.Until)
        {
            _order.Dequeue();
            Remove(head.Key, head.Until);
        }
    }

    // An entry replaced later has a newer Until; its old queue slot must not remove it.
    private void Remove((IPEndPoint, TransactionId) key, TimeSpan until)
    {
        if (_entries.TryGetValue(key, out var e) && e.Until == until) _entries.Remove(key);
    }
}
