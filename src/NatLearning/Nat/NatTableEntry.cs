using System.Net;

namespace NatLearning.Nat;

/// <summary>
/// One row of a NAT table at one instant, in the words of Cisco's <c>show ip nat translations</c>:
/// inside local (the private endpoint), inside global (its public face), outside (who may answer).
/// </summary>
public sealed record NatTableEntry
{
    public string Protocol { get; init; } = "udp";
    /// <summary>The inside host's own endpoint, e.g. 192.168.1.10:5000.</summary>
    public required IPEndPoint InsideLocal { get; init; }
    /// <summary>The public endpoint the NAT gave it, e.g. 49.36.10.25:62000.</summary>
    public required IPEndPoint InsideGlobal { get; init; }
    /// <summary>For non-endpoint-independent mapping: the destination this mapping belongs to.</summary>
    public IPEndPoint? MappedFor { get; init; }
    /// <summary>Remote endpoints the inside host has sent to through this mapping.</summary>
    public required IReadOnlyList<IPEndPoint> Contacted { get; init; }
    /// <summary>Who may send in through this mapping, in words: "anyone", "88.20.15.90:*", "88.20.15.90:54000".</summary>
    public required IReadOnlyList<string> Admits { get; init; }
    public required MappingBehavior Mapping { get; init; }
    public required FilteringBehavior Filtering { get; init; }
    public required TimeSpan Created { get; init; }
    public required TimeSpan LastUsed { get; init; }
    public required TimeSpan Expires { get; init; }
    /// <summary>True for a row of a 1:1 NAT, which never expires.</summary>
    public bool Static { get; init; }

    /// <summary>Time left at <paramref name="now"/>.</summary>
    public TimeSpan RemainingAt(TimeSpan now) => Static ? TimeSpan.MaxValue : Expires - now;

    public override string ToString() => $"{Protocol} {InsideLocal} → {InsideGlobal} admits {string.Join(", ", Admits)}";
}
