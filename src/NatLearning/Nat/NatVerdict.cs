namespace NatLearning.Nat;

/// <summary>
/// What a <see cref="NatTranslator"/> decided for one packet: pass it with the 5-tuple it leaves with, or drop it and why.
/// A struct, so deciding allocates nothing; it carries the mappings involved so a caller can describe the decision.
/// </summary>
internal readonly struct NatVerdict
{
    public NatDirection Direction { get; init; }

    /// <summary><see cref="NatDropReason.None"/> when the packet passes.</summary>
    public NatDropReason Drop { get; init; }

    public bool Passes => Drop == NatDropReason.None;

    /// <summary>The addresses and ports the packet leaves with when it passes; those it came with when it is dropped.</summary>
    public UdpFlow Flow { get; init; }

    /// <summary>
    /// The mapping whose row the packet used: outbound and hairpinned, the sender's own; inbound, the one it hit.
    /// Null for a 1:1 NAT, which has no dynamic mappings, and when the packet got no mapping.
    /// </summary>
    public NatMapping? Mapping { get; init; }

    /// <summary>Inbound or hairpinned: the mapping the packet's destination matched, whose filter judged it.</summary>
    public NatMapping? Hit { get; init; }

    /// <summary>
    /// Another mapping of <see cref="Hit"/>'s internal endpoint that sent to the packet's source. With
    /// <see cref="FilteringScope.PerInternalEndpoint"/> it is what admitted the packet; per mapping, it is the row that
    /// would have admitted it, named by the drop.
    /// </summary>
    public NatMapping? Sibling { get; init; }

    // The one detail a drop may need beyond the mappings; one field for both keeps the verdict small to copy.
    private readonly long _detail;

    /// <summary>For <see cref="NatDropReason.MappingExpired"/>: when the mapping that owned the endpoint expired.</summary>
    public TimeSpan ExpiredAt { get => TimeSpan.FromTicks(_detail); init => _detail = value.Ticks; }

    /// <summary>For <see cref="NatDropReason.NoFreePort"/> of a translating NAT: the public address that had no port left.</summary>
    public uint PublicIp { get => (uint)_detail; init => _detail = value; }

    public override string ToString() => Passes ? $"{Direction}: pass as {Flow}" : $"{Direction}: drop ({Drop}) {Flow}";
}
