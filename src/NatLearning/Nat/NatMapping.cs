using NatLearning.Addressing;

namespace NatLearning.Nat;

/// <summary>The live state of one mapping inside a NAT (its table row before it is snapshotted).</summary>
internal sealed class NatMapping
{
    public required uint InsideIp { get; init; }
    public required ushort InsidePort { get; init; }
    public required uint PublicIp { get; init; }
    public required ushort PublicPort { get; init; }
    /// <summary>The destination this mapping was made for (for address-dependent and address-and-port-dependent mapping).</summary>
    public uint KeyRemoteIp { get; init; }
    public ushort KeyRemotePort { get; init; }
    public required TimeSpan Created { get; init; }
    public TimeSpan LastUsed { get; set; }
    public TimeSpan Expires { get; set; }
    public bool Removed { get; set; }

    /// <summary>The last table row made of this mapping, and how many contacts it had then (see NatTranslator.Snapshot).</summary>
    public NatTableEntry? Snapshot { get; set; }
    public int SnapshotContacts { get; set; }

    /// <summary>Remote endpoints the inside endpoint has sent to through this mapping, in order of first contact.</summary>
    public List<ulong> Contacted { get; } = [];
    private readonly HashSet<ulong> _contactedSet = [];

    private ulong _lastContact = ulong.MaxValue;   // a flow keeps sending to the same peer: skip the set then

    public void AddContact(uint ip, ushort port)
    {
        var key = Pack(ip, port);
        if (key == _lastContact) return;
        _lastContact = key;
        if (_contactedSet.Add(key)) Contacted.Add(key);
    }

    public bool HasContact(uint ip, ushort port) => _contactedSet.Contains(Pack(ip, port));

    public bool HasContactAddress(uint ip)
    {
        foreach (var c in Contacted) if ((uint)(c >> 16) == ip) return true;
        return false;
    }

    public static ulong Pack(uint ip, ushort port) => (ulong)ip << 16 | port;
    public static (uint Ip, ushort Port) Unpack(ulong v) => ((uint)(v >> 16), (ushort)v);

    public override string ToString() => $"{Ipv4.Format(InsideIp, InsidePort)} ↔ {Ipv4.Format(PublicIp, PublicPort)}";
}
