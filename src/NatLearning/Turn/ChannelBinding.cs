using System.Net;

namespace NatLearning.Turn;

/// <summary>
/// A channel binding (RFC 8656 §12): a channel number standing for one peer transport address, so data can travel
/// in 4-byte-header ChannelData messages instead of 36-byte Send and Data indications.
/// </summary>
public sealed class ChannelBinding
{
    // RFC 8656 §12: a binding lasts 10 minutes unless refreshed by another ChannelBind.
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    internal ChannelBinding(ushort number, IPEndPoint peer, TimeSpan expires)
    {
        Number = number;
        Peer = peer;
        Expires = expires;
    }

    public ushort Number { get; }
    public IPEndPoint Peer { get; }
    public TimeSpan Expires { get; internal set; }

    public bool IsActive(TimeSpan now) => now < Expires;

    public override string ToString() => $"channel 0x{Number:x4} ⇄ {Peer} until {Expires.TotalSeconds:0.###} s";
}
