using System.Net;
using NatLearning.Stun.Attributes;

namespace NatLearning.Stun;

/// <summary>What one Binding transaction found: the mapped (server-reflexive) address, how long it took, and its story.</summary>
public sealed record BindingResult(
    TransactionId TransactionId,
    StunMessage Request,
    IPEndPoint Local,
    IPEndPoint Server,
    StunMessage? Response,
    TimeSpan? Rtt,
    int RequestsSent,
    IReadOnlyList<StunTranscriptEntry> Transcript)
{
    public bool Succeeded => Response is { Class: StunClass.SuccessResponse } && MappedAddress is not null;

    /// <summary>The address and port the server saw the request come from: our public mapping if we are behind a NAT.</summary>
    public IPEndPoint? MappedAddress => Response?.MappedEndPoint;

    /// <summary>RFC 5780 OTHER-ADDRESS: the server's alternate address, if it has one.</summary>
    public IPEndPoint? OtherAddress => Response?.Get<OtherAddress>()?.EndPoint;

    /// <summary>RFC 5780 RESPONSE-ORIGIN: where the response says it came from.</summary>
    public IPEndPoint? ResponseOrigin => Response?.Get<ResponseOrigin>()?.EndPoint;

    public ErrorCode? Error => Response?.Get<ErrorCode>();

    /// <summary>One line: the mapped address and RTT, or why there is none.</summary>
    public string Summary => Succeeded
        ? $"mapped address {StunAddress.Format(MappedAddress!)} (RTT {Rtt!.Value.TotalMilliseconds:0.0} ms, {RequestsSent} request{(RequestsSent == 1 ? "" : "s")})"
        : Error is { } e ? $"{Server} answered with error {e.Code} ({e.Reason})"
        : Response is not null ? $"{Server} answered without a mapped address"
        : $"no answer from {Server} after {RequestsSent} requests";
}
