using System.Net;

namespace NatLearning.Turn;

/// <summary>What a TURN server or client did, in words, with the peer and the data where there are any.</summary>
/// <param name="Time">When it happened, in the driver's clock.</param>
/// <param name="Kind">What kind of step it was.</param>
/// <param name="Description">A sentence for the trace, e.g. "dropped 12 bytes from 88.20.15.90:7000: no permission".</param>
public sealed record TurnEvent(TimeSpan Time, TurnEventKind Kind, string Description, IPEndPoint? Peer = null, byte[]? Data = null)
{
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
