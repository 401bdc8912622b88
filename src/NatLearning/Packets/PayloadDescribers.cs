

namespace NatLearning.Packets;

/// <summary>
/// The payload describers a packet list, a diagram and a pcap's Info column consult. Each protocol's own layer adds its
/// describer (STUN, TURN ChannelData, the lab's signalling), so this low layer names none of them.
/// </summary>
public static class PayloadDescribers
{
    private static IPayloadDescriber[] _all = [];
    private static readonly Lock Gate = new();

    /// <summary>Adds a describer; adding the same type twice has no effect.</summary>
    public static void Register(IPayloadDescriber describer)
    {
        ArgumentNullException.ThrowIfNull(describer);
        lock (Gate)
        {
            if (_all.All(d => d.GetType() != describer.GetType())) _all = [.. _all, describer];
        }
    }

    /// <summary>The describers in the order they were added (the protocols they know never overlap).</summary>
    public static IReadOnlyList<IPayloadDescriber> All => Volatile.Read(ref _all);
}
