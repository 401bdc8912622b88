namespace NatLearning.Ice;

/// <summary>
/// The pairs a check proved to work (RFC 8445 §7.2.5.3.2), highest priority first. A valid pair's local candidate is
/// the address the peer saw, which may differ from the pair that was checked (a server- or peer-reflexive one).
/// </summary>
public sealed class ValidList
{
    private readonly List<CandidatePair> _pairs = [];

    public IReadOnlyList<CandidatePair> Pairs => _pairs;
    public int Count => _pairs.Count;
    public CandidatePair? Best => _pairs.Count > 0 ? _pairs[0] : null;

    internal void Add(CandidatePair pair)
    {
        if (_pairs.Contains(pair)) return;
        var at = _pairs.FindIndex(p => p.Priority < pair.Priority);
        _pairs.Insert(at < 0 ? _pairs.Count : at, pair);
    }

    internal void Remove(CandidatePair pair) => _pairs.Remove(pair);

    internal void Resort() => _pairs.Sort((a, b) => b.Priority.CompareTo(a.Priority));
}
