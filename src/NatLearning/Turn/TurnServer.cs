using System.Net;
using NatLearning.Protocols;
using NatLearning.Simulation;
using NatLearning.Stun;
using NatLearning.Stun.Attributes;
using NatLearning.Tracing;

namespace NatLearning.Turn;

/// <summary>
/// A TURN server (RFC 8656) for UDP as a sans-I/O machine: long-term credentials with REALM and NONCE, Allocate,
/// Refresh, CreatePermission, Send and Data indications, ChannelBind and ChannelData, and the timers that expire them.
/// </summary>
/// <example>
/// <code>
/// var server = new TurnServer(new IPEndPoint(ip, 3478), new TurnServerOptions
/// {
///     Realm = "natlearning.example",
///     Users = new Dictionary&lt;string, string&gt; { ["alice"] = "secret" },
///     RelayEndPoints = [new IPEndPoint(ip, 49152)],
/// }, random);
/// </code>
/// </example>
public sealed class TurnServer : IProtocolMachine<TurnEvent>, IStateReporter
{
    /// <summary>RFC 8656 §4.1: TURN's default port over UDP (and TCP), shared with STUN; Wireshark dissects TURN there.</summary>
    public const int DefaultPort = 3478;

    // RFC 8489 §6.3.1 lets a server cache responses so a retransmitted request gets the same answer; Ti = 39.5 s (§6.2.1).
    private static readonly TimeSpan ResponseCacheTime = TimeSpan.FromSeconds(40);

    private readonly TurnServerOptions _options;
    private readonly SeededRandom _random;
    private readonly Queue<Datagram> _transmit = new();
    private readonly Queue<TurnEvent> _events = new();
    private readonly Dictionary<IPEndPoint, Allocation> _byClient = [];
    private readonly Dictionary<IPEndPoint, Allocation> _byRelay = [];
    private readonly Dictionary<string, TimeSpan> _nonces = new(StringComparer.Ordinal);
    // Per user: MD5 and SASLprep once, not per request (redone if the user's password changes).
    private readonly Dictionary<string, (string Password, byte[] Key)> _keys = new(StringComparer.Ordinal);
    private readonly Dictionary<(IPEndPoint, TransactionId), (byte[] Response, TimeSpan Until)> _responses = [];

    public TurnServer(IPEndPoint listen, TurnServerOptions options, SeededRandom random)
    {
        ArgumentNullException.ThrowIfNull(listen);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(random);
        if (string.IsNullOrEmpty(options.Realm)) throw new ArgumentException("A TURN server needs a realm for its long-term credentials.", nameof(options));
        if (options.Users.Count == 0) throw new ArgumentException("A TURN server needs at least one user (name and password).", nameof(options));
        if (options.RelayEndPoints.Count == 0) throw new ArgumentException("A TURN server needs at least one relay endpoint to allocate.", nameof(options));
        if (options.RelayEndPoints.Contains(listen)) throw new ArgumentException($"The relay endpoints must differ from the listening endpoint {listen}.", nameof(options));
        if (options.AllocationQuota < 1) throw new ArgumentOutOfRangeException(nameof(options), options.AllocationQuota, "The allocation quota must be at least 1.");
        Listen = listen;
        _options = options;
        _random = random;
    }

    /// <summary>The transport address clients send requests to (3478 is TURN's registered port).</summary>
    public IPEndPoint Listen { get; }
    public TurnServerOptions Options => _options;

    public IReadOnlyCollection<Allocation> Allocations => _byClient.Values;

    /// <summary>Everything relayed since the server started, over all allocations (deleted ones included).</summary>
    public RelayTraffic Traffic { get; } = new();

    /// <summary>The allocation whose relayed address is <paramref name="relayed"/>, or null.</summary>
    public Allocation? AllocationAt(IPEndPoint relayed) => _byRelay.GetValueOrDefault(relayed);

    /// <summary>Each allocation with its permissions (RFC 8656 §9: per peer IP address, any port) and channels (§12), and when each runs out.</summary>
    public IEnumerable<StateTable> ReportState(TimeSpan now, string owner)
    {
        static string Until(TimeSpan t) => $"until {t.TotalSeconds:0.###} s";
        var rows = new List<StateRow>();
        foreach (var a in _byClient.Values)
        {
            rows.Add(new StateRow($"a {a.Relayed}", ["allocation", $"relayed {a.Relayed} for {a.Client} ({a.Username})", Until(a.Expires)]));
            foreach (var p in a.Permissions.OrderBy(p => p.Peer.ToString(), StringComparer.Ordinal))
                rows.Add(new StateRow($"p {a.Relayed} {p.Peer}", ["permission", $"{p.Peer} (any port)", p.IsActive(now) ? Until(p.Expires) : "expired"]));
            foreach (var c in a.Channels.OrderBy(c => c.Number))
                rows.Add(new StateRow($"c {a.Relayed} {c.Number}", [$"channel 0x{c.Number:x4}", $"⇄ {c.Peer}", c.IsActive(now) ? Until(c.Expires) : "expired (number held 5 min)"]));
        }
        return [new StateTable(owner, "TURN allocation, permissions, channels", ["What", "For", "Lifetime"], rows)];
    }

    public TimeSpan? NextTimeout()
    {
        TimeSpan? next = null;
        foreach (var a in _byClient.Values)
        {
            var t = a.NextExpiry();
            if (next is null || t < next) next = t;
        }
        return next;
    }

    /// <summary>The server's timers only expire state (allocations, permissions, channels): background work in a simulation.</summary>
    public bool NextTimeoutIsBackground => true;

    public void HandleTimeout(TimeSpan now) => Expire(now);

    public void HandleDatagram(TimeSpan now, Datagram datagram)
    {
        Expire(now);
        var bytes = datagram.Payload.Span;
        if (datagram.Local.Equals(Listen))
        {
            if (StunMessage.IsStun(bytes)) HandleStun(now, datagram);
            else if (ChannelData.IsChannelData(bytes)) HandleChannelData(now, datagram);
            else Drop(now, datagram, "it is neither a STUN message nor ChannelData");
        }
        else if (_byRelay.TryGetValue(datagram.Local, out var allocation)) HandlePeerData(now, allocation, datagram);
        else Drop(now, datagram, $"no allocation uses the relayed address {datagram.Local}");
    }

    public bool TryPollTransmit(out Datagram datagram) => _transmit.TryDequeue(out datagram);

    public bool TryPollEvent(out TurnEvent protocolEvent) => _events.TryDequeue(out protocolEvent!);

    private void HandleStun(TimeSpan now, Datagram d)
    {
        if (!StunMessage.TryParse(d.Payload.Span, out var request, out var error))
        {
            Drop(now, d, $"malformed STUN: {error.Problem}");
            return;
        }
        if (request.Class == StunClass.Indication)
        {
            if (request.Method == StunMethod.Send) HandleSend(now, d, request);
            else if (request.Method == StunMethod.Binding) { }   // RFC 8489 §6.3.2: a Binding indication is a keepalive; nothing to answer
            else Drop(now, d, $"a client may only send Send indications, not {request.Description}");
            return;
        }
        if (request.Class != StunClass.Request)
        {
            Drop(now, d, $"a server does not expect a {request.Description}");
            return;
        }
        PruneResponses(now);
        if (_responses.TryGetValue((d.Remote, request.TransactionId), out var cached))
        {
            Transmit(d.Remote, cached.Response);   // RFC 8489 §6.3.1: a retransmission gets the same response
            return;
        }
        switch (request.Method)
        {
            case StunMethod.Binding:
                if (!RejectUnknown(now, d, request, null)) Respond(now, d, request.SuccessResponse(new XorMappedAddress(d.Remote)), null);
                return;
            case StunMethod.Allocate:
            case StunMethod.Refresh:
            case StunMethod.CreatePermission:
            case StunMethod.ChannelBind:
                break;
            default:
                Reject(now, d, request, ErrorCode.BadRequest, $"{StunMessageType.MethodName(request.Method)} is not a TURN request", null);
                return;
        }
        if (!Authenticate(now, d, request, out var user, out var key) || RejectUnknown(now, d, request, key)) return;
        switch (request.Method)
        {
            case StunMethod.Allocate: HandleAllocate(now, d, request, user, key); break;
            case StunMethod.Refresh: HandleRefresh(now, d, request, key); break;
            case StunMethod.CreatePermission: HandleCreatePermission(now, d, request, key); break;
            default: HandleChannelBind(now, d, request, key); break;
        }
    }

    /// <summary>
    /// RFC 8489 §6.3.1: once authentication has passed, a comprehension-required attribute the server does not know
    /// gets 420 listing it in UNKNOWN-ATTRIBUTES.
    /// </summary>
    private bool RejectUnknown(TimeSpan now, Datagram d, StunMessage request, byte[]? key)
    {
        var unknown = request.Attributes.OfType<UnknownAttribute>().Where(a => a.IsComprehensionRequired).Select(a => a.RawType).ToList();
        if (unknown.Count == 0) return false;
        Respond(now, d, request.ErrorResponse(ErrorCode.UnknownAttribute, new UnknownAttributes(unknown)), key);
        Emit(now, TurnEventKind.Rejected, $"{request.Description} from {d.Remote}: 420 Unknown Attribute {string.Join(", ", unknown.Select(t => $"0x{t:x4}"))}");
        return true;
    }

    /// <summary>RFC 8489 §9.2.4: the long-term credential checks, in the RFC's order.</summary>
    private bool Authenticate(TimeSpan now, Datagram d, StunMessage request, out string user, out byte[] key)
    {
        user = "";
        key = [];
        var what = StunMessageType.MethodName(request.Method);
        if (request.Get<MessageIntegrity>() is null)
        {
            var nonce = NewNonce(now);
            Send(now, d, request.ErrorResponse(ErrorCode.Unauthorized, new Realm(_options.Realm), new Nonce(nonce)), null);
            Emit(now, TurnEventKind.Challenged, $"{what} from {d.Remote} had no credentials: 401 with realm \"{_options.Realm}\" and a nonce");
            return false;
        }
        var username = request.Get<Username>();
        var realm = request.Get<Realm>();
        var nonceAttribute = request.Get<Nonce>();
        if (username is null || realm is null || nonceAttribute is null)
        {
            Reject(now, d, request, ErrorCode.BadRequest, "MESSAGE-INTEGRITY without USERNAME, REALM and NONCE", null);
            return false;
        }
        if (!_nonces.TryGetValue(nonceAttribute.Value, out var issued) || now - issued >= _options.NonceLifetime)
        {
            var nonce = NewNonce(now);
            Send(now, d, request.ErrorResponse(ErrorCode.StaleNonce, new Realm(_options.Realm), new Nonce(nonce)), null);
            Emit(now, TurnEventKind.Rejected, $"{what} from {d.Remote}: 438 Stale Nonce, a fresh nonce sent");
            return false;
        }
        if (realm.Value != _options.Realm || !_options.Users.TryGetValue(username.Value, out var password))
        {
            Unauthorized(now, d, request, realm.Value != _options.Realm ? $"realm \"{realm.Value}\" is not \"{_options.Realm}\"" : $"no user \"{username.Value}\"");
            return false;
        }
        if (!_keys.TryGetValue(username.Value, out var cached) || cached.Password != password)
            _keys[username.Value] = cached = (password, new LongTermCredential(username.Value, _options.Realm, password).Key);
        key = cached.Key;
        if (!request.VerifyMessageIntegrity(key))
        {
            Unauthorized(now, d, request, $"MESSAGE-INTEGRITY does not match the password of \"{username.Value}\"");
            return false;
        }
        user = username.Value;
        return true;
    }

    private void Unauthorized(TimeSpan now, Datagram d, StunMessage request, string why)
    {
        Send(now, d, request.ErrorResponse(ErrorCode.Unauthorized, new Realm(_options.Realm), new Nonce(NewNonce(now))), null);
        Emit(now, TurnEventKind.Rejected, $"{StunMessageType.MethodName(request.Method)} from {d.Remote}: 401 Unauthorized, {why}");
    }

    private void HandleAllocate(TimeSpan now, Datagram d, StunMessage request, string user, byte[] key)
    {
        // RFC 8656 §7.2, in order.
        if (_byClient.ContainsKey(d.Remote))
        {
            Reject(now, d, request, 437, $"{d.Remote} already has an allocation", key);
            return;
        }
        if (request.Get<RequestedTransport>() is not { } transport)
        {
            Reject(now, d, request, ErrorCode.BadRequest, "Allocate without REQUESTED-TRANSPORT", key);
            return;
        }
        if (transport.Protocol != RequestedTransport.Udp)
        {
            Reject(now, d, request, 442, $"REQUESTED-TRANSPORT is protocol {transport.Protocol}; this server relays UDP (17) only", key);
            return;
        }
        var held = _byClient.Values.Count(a => a.Username == user);
        if (held >= _options.AllocationQuota)
        {
            Reject(now, d, request, 486, $"\"{user}\" already holds {held} allocation(s), the quota", key);
            return;
        }
        var relayed = _options.RelayEndPoints.FirstOrDefault(e => !_byRelay.ContainsKey(e));
        if (relayed is null)
        {
            Reject(now, d, request, 508, $"all {_options.RelayEndPoints.Count} relay addresses are in use", key);
            return;
        }
        var lifetime = GrantedLifetime(request);
        var allocation = new Allocation(d.Remote, d.Local, relayed, user, key, now, now + lifetime);
        _byClient[d.Remote] = allocation;
        _byRelay[relayed] = allocation;
        Respond(now, d, request.SuccessResponse(
            new XorRelayedAddress(relayed), new Lifetime((uint)lifetime.TotalSeconds), new XorMappedAddress(d.Remote)), key);
        Emit(now, TurnEventKind.Allocated, $"allocated {relayed} to {user} at {d.Remote} for {lifetime.TotalSeconds:0} s");
    }

    /// <summary>RFC 8656 §7.2: min(requested, maximum); below the default gives the default.</summary>
    private TimeSpan GrantedLifetime(StunMessage request)
    {
        var requested = request.Get<Lifetime>() is { } l ? TimeSpan.FromSeconds(l.Seconds) : _options.DefaultLifetime;
        if (requested > _options.MaxLifetime) requested = _options.MaxLifetime;
        return requested < _options.DefaultLifetime ? _options.DefaultLifetime : requested;
    }

    private bool TryOwnAllocation(TimeSpan now, Datagram d, StunMessage request, byte[] key, out Allocation allocation)
    {
        // RFC 8656 §7.3 and §5: a request on a 5-tuple without an allocation, or with other credentials, gets 437/441.
        if (!_byClient.TryGetValue(d.Remote, out allocation!))
        {
            Reject(now, d, request, 437, $"{d.Remote} has no allocation", key);
            return false;
        }
        if (!allocation.Key.AsSpan().SequenceEqual(key))
        {
            Reject(now, d, request, 441, $"the allocation of {d.Remote} was made with other credentials", key);
            return false;
        }
        return true;
    }

    private void HandleRefresh(TimeSpan now, Datagram d, StunMessage request, byte[] key)
    {
        if (!TryOwnAllocation(now, d, request, key, out var allocation)) return;
        if (request.Get<Lifetime>() is { Seconds: 0 })
        {
            Remove(allocation);
            Respond(now, d, request.SuccessResponse(new Lifetime(0)), key);
            Emit(now, TurnEventKind.Deleted, $"{allocation.Username} deleted the allocation {allocation.Relayed} (Refresh with LIFETIME 0)");
            return;
        }
        var lifetime = GrantedLifetime(request);
        allocation.Expires = now + lifetime;
        Respond(now, d, request.SuccessResponse(new Lifetime((uint)lifetime.TotalSeconds)), key);
        Emit(now, TurnEventKind.Refreshed, $"refreshed {allocation.Relayed} for {lifetime.TotalSeconds:0} s");
    }

    private void HandleCreatePermission(TimeSpan now, Datagram d, StunMessage request, byte[] key)
    {
        if (!TryOwnAllocation(now, d, request, key, out var allocation)) return;
        var peers = request.Attributes.OfType<XorPeerAddress>().ToList();
        if (peers.Count == 0)
        {
            Reject(now, d, request, ErrorCode.BadRequest, "CreatePermission without XOR-PEER-ADDRESS", key);
            return;
        }
        if (peers.FirstOrDefault(p => p.EndPoint.AddressFamily != allocation.Relayed.AddressFamily) is { } wrong)
        {
            Reject(now, d, request, 443, $"peer {wrong.EndPoint} is not in the relayed address's family", key);
            return;
        }
        foreach (var p in peers) allocation.Permit(p.EndPoint.Address, now);   // RFC 8656 §9.2: all or none
        Respond(now, d, request.SuccessResponse(), key);
        Emit(now, TurnEventKind.PermissionCreated,
            $"{allocation.Relayed} now accepts {string.Join(", ", peers.Select(p => p.EndPoint.Address))} for {Permission.Lifetime.TotalSeconds:0} s");
    }

    private void HandleChannelBind(TimeSpan now, Datagram d, StunMessage request, byte[] key)
    {
        if (!TryOwnAllocation(now, d, request, key, out var allocation)) return;
        // RFC 8656 §11.2: the checks, each a 400 Bad Request.
        if (request.Get<ChannelNumber>() is not { } channel)
        {
            Reject(now, d, request, ErrorCode.BadRequest, "ChannelBind without CHANNEL-NUMBER", key);
            return;
        }
        if (!ChannelData.IsValidChannel(channel.Number))
        {
            Reject(now, d, request, ErrorCode.BadRequest, $"channel number 0x{channel.Number:x4} is outside 0x4000–0x4FFF", key);
            return;
        }
        if (request.Get<XorPeerAddress>() is not { } peer)
        {
            Reject(now, d, request, ErrorCode.BadRequest, "ChannelBind without XOR-PEER-ADDRESS", key);
            return;
        }
        if (allocation.ChannelByNumberAny(channel.Number) is { } bound && !bound.Peer.Equals(peer.EndPoint))
        {
            Reject(now, d, request, ErrorCode.BadRequest, $"channel 0x{channel.Number:x4} is bound to {bound.Peer}", key);
            return;
        }
        if (allocation.ChannelForPeerAny(peer.EndPoint) is { } other && other.Number != channel.Number)
        {
            Reject(now, d, request, ErrorCode.BadRequest, $"{peer.EndPoint} is bound to channel 0x{other.Number:x4}", key);
            return;
        }
        var binding = allocation.Bind(channel.Number, peer.EndPoint, now);
        allocation.Permit(peer.EndPoint.Address, now);   // RFC 8656 §11.2: binding installs or refreshes the permission too
        Respond(now, d, request.SuccessResponse(), key);
        Emit(now, TurnEventKind.ChannelBound, $"{allocation.Relayed}: channel 0x{binding.Number:x4} ⇄ {binding.Peer}");
    }

    private void HandleSend(TimeSpan now, Datagram d, StunMessage indication)
    {
        // RFC 8656 §10.2: an indication that fails a check is silently discarded (we trace why).
        if (!_byClient.TryGetValue(d.Remote, out var allocation))
        {
            Drop(now, d, $"Send indication from {d.Remote}, which has no allocation");
            return;
        }
        if (indication.Get<XorPeerAddress>() is not { } peer || indication.Get<Data>() is not { } data)
        {
            Drop(now, d, "Send indication without XOR-PEER-ADDRESS or DATA");
            return;
        }
        RelayToPeer(now, d, allocation, peer.EndPoint, data.Value, "Send indication");
    }

    private void HandleChannelData(TimeSpan now, Datagram d)
    {
        if (!ChannelData.TryParse(d.Payload.Span, out var message, out var error))
        {
            Drop(now, d, $"malformed ChannelData: {error}");
            return;
        }
        if (!_byClient.TryGetValue(d.Remote, out var allocation))
        {
            Drop(now, d, $"ChannelData from {d.Remote}, which has no allocation");
            return;
        }
        // RFC 8656 §12.6: data on a channel that is not bound is discarded.
        if (allocation.ChannelByNumber(message!.ChannelNumber, now) is not { } channel)
        {
            Drop(now, d, $"ChannelData on channel 0x{message.ChannelNumber:x4}, which is not bound");
            return;
        }
        RelayToPeer(now, d, allocation, channel.Peer, message.Data, "ChannelData");
    }

    /// <summary>RFC 8656 §10.2 and §12.6: the relay sends the data from the relayed address, if the peer's IP has a permission.</summary>
    private void RelayToPeer(TimeSpan now, Datagram d, Allocation allocation, IPEndPoint peer, ReadOnlyMemory<byte> data, string how)
    {
        if (!allocation.HasPermission(peer.Address, now))
        {
            Drop(now, d, $"{how} to {peer}: {allocation.Relayed} has no permission for {peer.Address}");
            return;
        }
        allocation.Traffic.ClientToPeer(d.Payload.Length, data.Length);
        Traffic.ClientToPeer(d.Payload.Length, data.Length);
        _transmit.Enqueue(new Datagram(allocation.Relayed, peer, data));
    }

    /// <summary>RFC 8656 §10.3 and §12.7: data from a peer goes to the client only if the peer's IP has a permission.</summary>
    private void HandlePeerData(TimeSpan now, Allocation allocation, Datagram d)
    {
        if (!allocation.HasPermission(d.Remote.Address, now))
        {
            Drop(now, d, $"the client of this allocation gave no permission for {d.Remote.Address}");
            return;
        }
        byte[] framed;
        if (allocation.ChannelForPeer(d.Remote, now) is { } channel)
            framed = new ChannelData(channel.Number, d.Payload).Encode();
        else
            framed = new StunMessage(StunMethod.Data, StunClass.Indication, TransactionId.New(_random),
                [new XorPeerAddress(d.Remote), new Data(d.Payload.ToArray())]).Encode();
        allocation.Traffic.PeerToClient(d.Payload.Length, framed.Length);
        Traffic.PeerToClient(d.Payload.Length, framed.Length);
        _transmit.Enqueue(new Datagram(allocation.Server, allocation.Client, framed));
    }

    private void Expire(TimeSpan now)
    {
        if (NextTimeout() is not { } due || due > now) return;   // nothing is due: no copy of the allocations
        foreach (var a in _byClient.Values.ToList())
        {
            if (now >= a.Expires)
            {
                Remove(a);
                Emit(now, TurnEventKind.Expired, $"the allocation {a.Relayed} of {a.Username} expired (not refreshed)");
                continue;
            }
            foreach (var what in a.Expire(now)) Emit(now, TurnEventKind.Expired, $"{a.Relayed}: {what}");
        }
    }

    private void Remove(Allocation a)
    {
        _byClient.Remove(a.Client);
        _byRelay.Remove(a.Relayed);
    }

    private string NewNonce(TimeSpan now)
    {
        foreach (var (n, t) in _nonces.Where(p => now - p.Value >= _options.NonceLifetime).ToList()) _nonces.Remove(n);
        Span<byte> b = stackalloc byte[12];
        _random.NextBytes(b);
        var nonce = Convert.ToHexStringLower(b);
        _nonces[nonce] = now;
        return nonce;
    }

    private void Reject(TimeSpan now, Datagram d, StunMessage request, int code, string why, byte[]? key)
    {
        Respond(now, d, request.ErrorResponse(code), key);
        Emit(now, TurnEventKind.Rejected, $"{StunMessageType.MethodName(request.Method)} from {d.Remote}: {code} {ErrorCode.DefaultReason(code)}, {why}");
    }

    /// <summary>A response remembered for retransmissions of the same request.</summary>
    private void Respond(TimeSpan now, Datagram d, StunMessage response, byte[]? key)
    {
        var bytes = Send(now, d, response, key);
        _responses[(d.Remote, response.TransactionId)] = (bytes, now + ResponseCacheTime);
    }

    private byte[] Send(TimeSpan now, Datagram d, StunMessage response, byte[]? key)
    {
        if (_options.Software is { } software)
            response = new StunMessage(response.Method, response.Class, response.TransactionId, [.. response.Attributes, new Software(software)]);
        var bytes = response.Encode(integrityKey: key, fingerprint: true);
        Transmit(d.Remote, bytes);
        return bytes;
    }

    private void Transmit(IPEndPoint to, byte[] bytes) => _transmit.Enqueue(new Datagram(Listen, to, bytes));

    private void PruneResponses(TimeSpan now)
    {
        if (_responses.Count == 0) return;
        foreach (var k in _responses.Where(p => now >= p.Value.Until).Select(p => p.Key).ToList()) _responses.Remove(k);
    }

    private void Drop(TimeSpan now, Datagram d, string why) =>
        Emit(now, TurnEventKind.Dropped, $"dropped {d.Payload.Length} bytes from {d.Remote} to {d.Local}: {why}", d.Remote);

    private void Emit(TimeSpan now, TurnEventKind kind, string description, IPEndPoint? peer = null) =>
        _events.Enqueue(new TurnEvent(now, kind, description, peer));
}
