using System.Runtime.CompilerServices;
using System.Text;
using NatLearning.Packets;
using NatLearning.Stun.Attributes;

namespace NatLearning.Stun;

/// <summary>Names STUN messages in packet lists the way Wireshark's Info column does.</summary>
public sealed class StunPayloadDescriber : IPayloadDescriber
{
    // The layer that owns the protocol tells the packet views about it; the views know no protocol by name.
#pragma warning disable CA2255 // a library's own registration, run once when the assembly loads, before any trace is described
    [ModuleInitializer]
    internal static void Register() => PayloadDescribers.Register(new StunPayloadDescriber());
#pragma warning restore CA2255

    public bool TryDescribe(ReadOnlySpan<byte> udpPayload, int sourcePort, int destinationPort, out string protocol, out string info)
    {
        protocol = "STUN";
        if (!StunMessage.IsStun(udpPayload))
        {
            info = "";
            return false;
        }
        info = StunMessage.TryParse(udpPayload, out var m, out var error) ? Info(m) : $"Malformed Packet: {error.Message}";
        return true;
    }

    public bool TryLabel(ReadOnlySpan<byte> udpPayload, int sourcePort, int destinationPort, out string label, out string phase, out string? exchange)
    {
        phase = "STUN";
        exchange = null;
        if (!StunMessage.IsStun(udpPayload))
        {
            label = "";
            return false;
        }
        if (!StunMessage.TryParse(udpPayload, out var m, out _))
        {
            label = "Malformed STUN";
            return true;
        }
        label = m.Get<ErrorCode>() is { } error ? $"{m.Description} {error.Code}" : m.Description;
        if (m.Get<UseCandidate>() is not null) label += " USE-CANDIDATE";
        phase = Phase(m);
        exchange = m.TransactionId.ToString();
        return true;
    }

    /// <summary>
    /// Where a message sits in a NAT traversal: a Binding without MESSAGE-INTEGRITY discovers the mapped address
    /// (RFC 8489 §3), one with it is an ICE connectivity check (RFC 8445 §7.2.2), with USE-CANDIDATE a nomination
    /// (§8.1.1); TURN methods group as RFC 8656 describes them (§7 allocations, §9 and §12 permissions and channels, §11 data).
    /// </summary>
    public static string Phase(StunMessage m) => m.Method switch
    {
        StunMethod.Binding when m.Get<UseCandidate>() is not null => "Nomination",
        StunMethod.Binding when m.Get<MessageIntegrity>() is not null => "Connectivity checks",
        StunMethod.Binding => "Discovery",
        StunMethod.Allocate or StunMethod.Refresh => "Allocation",
        StunMethod.CreatePermission or StunMethod.ChannelBind => "Permissions and channels",
        StunMethod.Send or StunMethod.Data => "Relayed data",
        _ => "STUN",
    };

    /// <summary>"Binding Request", "Binding Success Response XOR-MAPPED-ADDRESS: 192.0.2.1:32853", "... error-code: 420 (Unknown Attribute)".</summary>
    public static string Info(StunMessage m)
    {
        var sb = new StringBuilder(m.Description);
        if (m.Get<Username>() is { } user) sb.Append(" user: ").Append(user.Value);
        if (m.Get<XorMappedAddress>() is { } xma) sb.Append(" XOR-MAPPED-ADDRESS: ").Append(xma.Describe());
        else if (m.Get<MappedAddress>() is { } ma) sb.Append(" MAPPED-ADDRESS: ").Append(ma.Describe());
        if (m.Get<XorRelayedAddress>() is { } relayed) sb.Append(" XOR-RELAYED-ADDRESS: ").Append(relayed.Describe());
        if (m.Get<ChangeRequest>() is { ChangeIp: var ip, ChangePort: var port } && (ip || port))
            sb.Append(" CHANGE-REQUEST: ").Append(ip && port ? "IP and port" : ip ? "IP" : "port");
        if (m.Get<ErrorCode>() is { } error) sb.Append(" error-code: ").Append(error.Code).Append(" (").Append(error.Reason).Append(')');
        if (m.Get<Realm>() is { } realm) sb.Append(" realm: ").Append(realm.Value);
        if (m.Get<Nonce>() is not null) sb.Append(" with nonce");
        if (m.Get<Lifetime>() is { } lifetime) sb.Append(" lifetime: ").Append(lifetime.Seconds);
        return sb.ToString();
    }
}
