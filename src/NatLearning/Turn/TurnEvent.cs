using System.Net;

namespace NatLearning.Turn;

/// <summary>What a TURN server or client did, in words, with the peer and the data where there are any.</summary>
public sealed record TurnEvent
{
    private readonly string? _description;
    private readonly ushort _channel;   // DataReceived: the channel it came on, 0 for a Data indication

    /// <param name="time">When it happened, in the driver's clock.</param>
    /// <param name="kind">What kind of step it was.</param>
    /// <param name="description">A sentence for the trace, e.g. "dropped 12 bytes from 88.20.15.90:7000: no permission".</param>
    public TurnEvent(TimeSpan time, TurnEventKind kind, string description, IPEndPoint? peer = null, byte[]? data = null)
    {
        Time = time;
        Kind = kind;
        _description = description ?? throw new ArgumentNullException(nameof(description));
        Peer = peer;
        Data = data;
    }

    private TurnEvent(TimeSpan time, IPEndPoint peer, byte[] data, ushort channel)
    {
        Time = time;
        Kind = TurnEventKind.DataReceived;
        Peer = peer;
        Data = data;
        _channel = channel;
    }

    /// <summary>
    /// Data from a peer through the relay, in a Data indication (<paramref name="channel"/> 0) or ChannelData. One comes per
    /// relayed packet, so its sentence is written only when someone reads it.
    /// </summary>
    internal static TurnEvent DataReceived(TimeSpan time, IPEndPoint peer, byte[] data, ushort channel) => new(time, peer, data, channel);

    public TimeSpan Time { get; }
    public TurnEventKind Kind { get; }
    public string Description => _description ?? $"{Data!.Length} bytes from {Peer} through the relay ({(_channel == 0 ? "Data indication" : $"ChannelData 0x{_channel:x4}")})";
    public IPEndPoint? Peer { get; }
    public byte[]? Data { get; }

    public override string ToString() => $"{Time.TotalSeconds:0.000} s {Kind}: {Description}";
}

public enum TurnEventKind
{
    /// <summary>A request without credentials got (client: received) 401 with REALM and NONCE.</summary>
    Challenged,
    /// <summary>A request was refused with an error (wrong credentials, stale nonce, quota, bad request ...).</summary>
    Rejected,
    Allocated,
    Refreshed,
    /// <summary>The allocation was deleted by a Refresh with LIFETIME 0.</summary>
    Deleted,
    /// <summary>The allocation, a permission or a channel ran out.</summary>
    Expired,
    PermissionCreated,
    ChannelBound,
    /// <summary>Data arrived (client: from a peer through the relay).</summary>
    DataReceived,
    /// <summary>The server discarded a datagram; the description says why.</summary>
    Dropped,
    /// <summary>The client gave up (no response, wrong credentials, an error it cannot fix).</summary>
    Failed,
}
