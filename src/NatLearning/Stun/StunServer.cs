using System.Net;
using NatLearning.Protocols;
using NatLearning.Stun.Attributes;

namespace NatLearning.Stun;

/// <summary>
/// A sans-I/O Binding server (RFC 8489 §6.3). Given an alternate endpoint it owns two addresses × two ports and
/// supports RFC 5780 behaviour discovery: it honours CHANGE-REQUEST and RESPONSE-PORT and sets RESPONSE-ORIGIN and
/// OTHER-ADDRESS. A request with a comprehension-required attribute it does not know gets 420 with UNKNOWN-ATTRIBUTES.
/// </summary>
/// <example>
/// <code>
/// var server = new StunServer(primary: new(ip1, 3478), alternate: new(ip2, 3479));
/// // Hand all four server.LocalEndPoints to one driver.
/// </code>
/// </example>
public sealed class StunServer : IProtocolMachine<StunServerEvent>
{
    private readonly Queue<Datagram> _transmit = new();
    private readonly Queue<StunServerEvent> _events = new();

    /// <param name="primary">Primary address and port (RFC 5780 calls them PA and PP).</param>
    /// <param name="alternate">Alternate address and port (AA and AP), or null for a plain RFC 8489 server.</param>
    /// <param name="software">The SOFTWARE attribute to send, or null for none.</param>
    public StunServer(IPEndPoint primary, IPEndPoint? alternate = null, string? software = "natlearn")
    {
        Primary = primary ?? throw new ArgumentNullException(nameof(primary));
        Alternate = alternate;
        if (alternate is not null && (alternate.Address.Equals(primary.Address) || alternate.Port == primary.Port))
            throw new ArgumentException($"The alternate endpoint {alternate} must differ from the primary {primary} in both address and port (RFC 5780 §4.1).", nameof(alternate));
        Software = software;
    }

    public IPEndPoint Primary { get; }
    public IPEndPoint? Alternate { get; }
    public string? Software { get; }

    /// <summary>The endpoints this server listens and answers on: one, or four with an alternate (PA:PP, PA:AP, AA:PP, AA:AP).</summary>
    public IReadOnlyList<IPEndPoint> LocalEndPoints => Alternate is null
        ? [Primary]
        : [Primary, new(Primary.Address, Alternate.Port), new(Alternate.Address, Primary.Port), Alternate];

    public long RequestsAnswered { get; private set; }

    public TimeSpan? NextTimeout() => null;

    public void HandleTimeout(TimeSpan now) { }

    public void HandleDatagram(TimeSpan now, Datagram datagram)
    {
        // RFC 8489 §6.3: what is not a well-formed request is silently dropped.
        if (!StunMessage.TryParse(datagram.Payload.Span, out var request, out _) || request.Class != StunClass.Request) return;
        if (request.CheckFingerprint() == StunVerdict.Invalid) return;   // RFC 8489 §14.7: a wrong FINGERPRINT means it is not STUN
        var (response, from, to) = Answer(request, datagram.Local, datagram.Remote);
        var bytes = response.Encode(fingerprint: true);
        _transmit.Enqueue(new Datagram(from, to, bytes));
        RequestsAnswered++;
        _events.Enqueue(new StunServerEvent(now, datagram.Remote, datagram.Local, request, response, from, to));
    }

    public bool TryPollTransmit(out Datagram datagram) => _transmit.TryDequeue(out datagram);

    public bool TryPollEvent(out StunServerEvent protocolEvent) => _events.TryDequeue(out protocolEvent!);

    private (StunMessage Response, IPEndPoint From, IPEndPoint To) Answer(StunMessage request, IPEndPoint local, IPEndPoint remote)
    {
        var unknown = request.Attributes.OfType<UnknownAttribute>().Where(u => u.IsComprehensionRequired).Select(u => u.RawType).ToList();
        var change = request.Get<ChangeRequest>();
        if (change is { ChangeIp: true } or { ChangePort: true } && Alternate is null)
            unknown.Add((ushort)StunAttributeType.ChangeRequest);   // RFC 5780 §6.1: no alternate address, so CHANGE-REQUEST is not understood
        if (unknown.Count > 0)
            return (WithSoftware(request.ErrorResponse(ErrorCode.UnknownAttribute, new UnknownAttributes(unknown))), local, remote);
        if (request.Method != StunMethod.Binding)
            return (WithSoftware(request.ErrorResponse(ErrorCode.BadRequest)), local, remote);

        var from = local;
        if (Alternate is not null && change is not null)
            from = new IPEndPoint(
                change.ChangeIp ? Other(local.Address, Primary.Address, Alternate.Address) : local.Address,
                change.ChangePort ? (local.Port == Primary.Port ? Alternate.Port : Primary.Port) : local.Port);
        // RFC 5780 §7.5: RESPONSE-PORT sends the response to the request's source address but this port.
        var to = request.Get<ResponsePort>() is { } rp ? new IPEndPoint(remote.Address, rp.Port) : remote;
        List<StunAttribute> attributes = [new XorMappedAddress(remote), new ResponseOrigin(from)];
        if (Alternate is not null)
            attributes.Add(new OtherAddress(new IPEndPoint(Other(local.Address, Primary.Address, Alternate.Address), local.Port == Primary.Port ? Alternate.Port : Primary.Port)));
        return (WithSoftware(request.SuccessResponse([.. attributes])), from, to);
    }

    private static IPAddress Other(IPAddress address, IPAddress primary, IPAddress alternate) => address.Equals(primary) ? alternate : primary;

    private StunMessage WithSoftware(StunMessage m) =>
        Software is null ? m : new StunMessage(m.Method, m.Class, m.TransactionId, [.. m.Attributes, new Software(Software)]);
}
