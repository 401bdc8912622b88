using System.Net;

namespace NatLearning.Turn;

/// <summary>
/// A permission (RFC 8656 §9): the peer IP address (any port) an allocation accepts data from and may send to,
/// until it expires. CreatePermission and ChannelBind install or refresh it.
/// </summary>
public sealed class Permission
{
    // RFC 8656 §9: "the Permission Lifetime MUST be 300 seconds (= 5 minutes)".
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(300);

    internal Permission(IPAddress peer, TimeSpan expires)
    {
        Peer = peer;
        Expires = expires;
    }

    public IPAddress Peer { get; }
    public TimeSpan Expires { get; internal set; }

    public bool IsActive(TimeSpan now) => now < Expires;

    public override string ToString() => $"permission for {Peer} until {Expires.TotalSeconds:0.###} s";
}
