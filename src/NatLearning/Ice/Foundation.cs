using System.Net;

namespace NatLearning.Ice;

/// <summary>
/// Foundations (RFC 8445 §5.1.1.3): two candidates share one when they have the same type, the same base IP address,
/// the same STUN or TURN server and the same transport, so a check that works for one probably works for the other.
/// </summary>
public sealed class Foundation
{
    private readonly Dictionary<(CandidateType, IPAddress, IPEndPoint?), string> _assigned = [];

    /// <summary>The foundation for a candidate: the same inputs always give the same short string.</summary>
    public string For(CandidateType type, IPAddress baseAddress, IPEndPoint? server = null)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        var key = (type, baseAddress, server);
        if (!_assigned.TryGetValue(key, out var f)) _assigned[key] = f = (_assigned.Count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return f;
    }

    /// <summary>How many distinct foundations were handed out.</summary>
    public int Count => _assigned.Count;
}
