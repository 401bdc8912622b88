using System.Net;

namespace NatLearning.HolePunching;

/// <summary>What a hole puncher reports.</summary>
public abstract record HolePunchEvent(TimeSpan Time)
{
    /// <summary>The reflector told us our public endpoint.</summary>
    public sealed record LearnedPublicEndpoint(TimeSpan Time, IPEndPoint Endpoint) : HolePunchEvent(Time);
    /// <summary>The rendezvous server told us where the peer says it is.</summary>
    public sealed record PeerAdvertised(TimeSpan Time, string Peer, IPEndPoint Endpoint) : HolePunchEvent(Time);
    /// <summary>A probe arrived from the peer, from this endpoint (which may differ from the advertised one).</summary>
    public sealed record HeardFromPeer(TimeSpan Time, IPEndPoint From) : HolePunchEvent(Time);
    /// <summary>Our probe was answered: packets flow both ways through both NATs.</summary>
    public sealed record Connected(TimeSpan Time, IPEndPoint Remote) : HolePunchEvent(Time);
    /// <summary>Every probe went unanswered.</summary>
    public sealed record GaveUp(TimeSpan Time, int ProbesSent) : HolePunchEvent(Time);
}
