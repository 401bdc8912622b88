namespace NatLearning.Turn;

/// <summary>
/// What a relay carried, counted in both directions: the application bytes, and the bytes of the datagrams the
/// server received and sent for them (the TURN framing included, IP and UDP headers not).
/// </summary>
public sealed class RelayTraffic
{
    /// <summary>Datagrams from the client that the relay sent on to a peer.</summary>
    public long PacketsToPeers { get; private set; }
    /// <summary>Application bytes the relay sent to peers.</summary>
    public long BytesToPeers { get; private set; }
    /// <summary>Bytes of the Send indications or ChannelData messages the client sent for them.</summary>
    public long BytesFromClients { get; private set; }

    /// <summary>Datagrams from peers that the relay sent on to the client.</summary>
    public long PacketsToClients { get; private set; }
    /// <summary>Application bytes the relay received from peers.</summary>
    public long BytesFromPeers { get; private set; }
    /// <summary>Bytes of the Data indications or ChannelData messages the relay sent to the client for them.</summary>
    public long BytesToClients { get; private set; }

    // RFC 791 and RFC 768: each datagram on the wire also carries a 20-byte IPv4 header and an 8-byte UDP header.
    public const int Ipv4UdpHeaderBytes = 28;

    /// <summary>Bytes the relay received for relaying, IPv4 and UDP headers included: what its inbound link carries.</summary>
    public long WireBytesIn => BytesIn + Ipv4UdpHeaderBytes * (PacketsToPeers + PacketsToClients);

    /// <summary>Bytes the relay sent while relaying, IPv4 and UDP headers included: what its outbound link carries.</summary>
    public long WireBytesOut => BytesOut + Ipv4UdpHeaderBytes * (PacketsToPeers + PacketsToClients);

    /// <summary>Every byte the relay received for relaying (client and peer side).</summary>
    public long BytesIn => BytesFromClients + BytesFromPeers;
    /// <summary>Every byte the relay sent while relaying (client and peer side).</summary>
    public long BytesOut => BytesToPeers + BytesToClients;

    internal void ClientToPeer(int framed, int data)
    {
        PacketsToPeers++;
        BytesFromClients += framed;
        BytesToPeers += data;
    }

    internal void PeerToClient(int data, int framed)
    {
        PacketsToClients++;
        BytesFromPeers += data;
        BytesToClients += framed;
    }

    public override string ToString() =>
        $"client→peer {PacketsToPeers} packets ({BytesFromClients} B in, {BytesToPeers} B out); " +
        $"peer→client {PacketsToClients} packets ({BytesFromPeers} B in, {BytesToClients} B out)";
}
