using System.Net;

namespace NatLearning.Stun;

/// <summary>The server answered a request: what came in where, and what went out from where to where.</summary>
public sealed record StunServerEvent(TimeSpan Time, IPEndPoint Client, IPEndPoint ReceivedOn, StunMessage Request, StunMessage Response, IPEndPoint SentFrom, IPEndPoint SentTo)
{
    public override string ToString() =>
        $"{Time.TotalSeconds:0.000}s {Request.Description} from {Client} on {ReceivedOn} → {StunPayloadDescriber.Info(Response)} from {SentFrom} to {SentTo}";
}
