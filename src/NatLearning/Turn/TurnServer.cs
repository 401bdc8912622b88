using System.Net;
using System.Net.Sockets;
using NatLearning.Protocols;
using NatLearning.Stun;
using NatLearning.Stun.Attributes;

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

    // RFC 8656 §7.2: a port reserved by EVEN-PORT with R set is held "for approximately 30 seconds".
    public static readonly TimeSpan ReservationLifetime = TimeSpan.FromSeconds(30);

    private readonly TurnServerOptions _options;
    private readonly IRandomSource _random;
    private readonly Queue<Datagram> _transmit = new();
    private readonly Queue<TurnEvent> _events = new();
    private readonly Dictionary<IPEndPoint, Allocation> _byClient = [];
    private readonly Dictionary<IPEndPoint, Allocation> _byRelay = [];
    private readonly Dictionary<string, int> _perUser = new(StringComparer.Ordinal);
    // Per user: MD5 and SASLprep once, not per request (redone if the user's password changes).
    private readonly Dictionary<string, (string Password, byte[] Key)> _keys = new(StringComparer.Ordinal);
    private readonly ResponseCache _responses;
    private readonly StatelessNonce _nonces;
    // Relay endpoints by index; the free ones in a sorted set so the lowest goes first, as a reader expects.
    private readonly Dictionary<IPEndPoint, int> _relayIndex = [];
    private readonly SortedSet<int> _freeRelays = [];
    private readonly Dictionary<ulong, (int Relay, TimeSpan Until)> _reservations = [];
    private readonly Queue<(ulong Token, TimeSpan Until)> _reservationOrder = new();
    // Expiry times of allocations (and their permissions and channels), earliest first: O(log n) per change, O(1) per
    // datagram to learn that nothing is due. Entries made stale by a refresh are skipped when they come up.
    private readonly PriorityQueue<Allocation, TimeSpan> _timers = new();
    private readonly HashSet<IPEndPoint> _relaySet = [];
    private readonly HashSet<AddressFamily> _families = [];
    private readonly IPAddress[] _ownAddresses;
    private readonly int _capacity;

    public TurnServer(IPEndPoint listen, TurnServerOptions options, IRandomSource random)
    {
        ArgumentNullException.ThrowIfNull(listen);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(random);
        if (string.IsNullOrEmpty(options.Realm)) throw new ArgumentException("A TURN server needs a realm for its long-term credentials.", nameof(options));
        if (options.Users.Count == 0) throw new ArgumentException("A TURN server needs at least one user (name and password).", nameof(options));
        if (options.RelayEndPoints.Count == 0) throw new ArgumentException("A TURN server needs at least one relay endpoint to allocate.", nameof(options));
        if (options.RelayEndPoints.Contains(listen)) throw new ArgumentException($"The relay endpoints must differ from the listening endpoint {listen}.", nameof(options));
        if (options.UserQuota < 0) throw new ArgumentOutOfRangeException(nameof(options), options.UserQuota, "The user quota must be 0 (no limit) or more.");
        if (options.TotalQuota < 0) throw new ArgumentOutOfRangeException(nameof(options), options.TotalQuota, "The total quota must be 0 (one per relay) or more.");
        if (options.MaxPermissionsPerAllocation < 1 || options.MaxChannelsPerAllocation < 1)
            throw new ArgumentOutOfRangeException(nameof(options), "An allocation must be allowed at least one permission and one channel.");
        if (options.ResponseCacheCapacity < 1) throw new ArgumentOutOfRangeException(nameof(options), options.ResponseCacheCapacity, "The response cache needs room for at least one response.");
        Listen = listen;
        _options = options;
        _random = random;
        for (var i = 0; i < options.RelayEndPoints.Count; i++)
        {
            if (!_relayIndex.TryAdd(options.RelayEndPoints[i], i)) throw new ArgumentException($"The relay endpoint {options.RelayEndPoints[i]} is listed twice.", nameof(options));
            _freeRelays.Add(i);
        }
        _capacity = options.TotalQuota == 0 ? options.RelayEndPoints.Count : Math.Min(options.TotalQuota, options.RelayEndPoints.Count);
        _responses = new ResponseCache(ResponseCacheTime, options.ResponseCacheCapacity);
        var nonceKey = options.NonceKey;
        if (nonceKey is null)
        {
            nonceKey = new byte[32];
            random.NextBytes(nonceKey);
        }
        _nonces = new StatelessNonce(nonceKey, options.NonceLifetime);
        foreach (var r in options.RelayEndPoints)
        {
            _relaySet.Add(r);
            _families.Add(r.AddressFamily);
        }
        _ownAddresses = [.. options.RelayEndPoints.Select(e => e.Address).Append(listen.Address)
            .Where(a => !a.Equals(IPAddress.Any) && !a.Equals(IPAddress.IPv6Any)).Distinct()];
    }

    /// <summary>The transport address clients send requests to (3478 is TURN's registered port).</summary>
    public IPEndPoint Listen { get; }
    public TurnServerOptions Options => _options;

    public IReadOnlyCollection<Allocation> Allocations => _byClient.Values;

    /// <summary>How many allocations the server can hold at once: the relay endpoints, or fewer if <see cref="TurnServerOptions.TotalQuota"/> says so.</summary>
    public int Capacity => _capacity;

    /// <summary>The server's own IP addresses (listening and relayed): on them the relay sends only to its relayed addresses.</summary>
    public IReadOnlyCollection<IPAddress> OwnAddresses => _ownAddresses;

    /// <summary>Responses held for retransmissions now (bounded by <see cref="TurnServerOptions.ResponseCacheCapacity"/>).</summary>
    public int CachedResponses => _responses.Count;

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
        TimeSpan? next = _timers.TryPeek(out _, out var t) ? t : null;
        if (_reservationOrder.TryPeek(out var r) && (next is null || r.Until < next)) next = r.Until;
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
        if (_responses.TryGet(now, d.Remote, request.TransactionId, out var cached))
        {
            Transmit(d.Remote, cached);   // RFC 8489 §6.3.1: a retransmission gets the same response
            return;
        }
        switch (request.Method)
        {
            case StunMethod.Binding:
                // RFC 8489 §6.3.1: Binding is idempotent, so its answer is recomputed, never stored (a flood costs no memory).
                if (!RejectUnknown(now, d, request, null)) Send(now, d, request.SuccessResponse(new XorMappedAddress(d.Remote)), null);
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
        List<ushort>? unknown = null;   // checked on every request: nothing allocated unless there is one
        foreach (var a in request.AttributeSpan)
            if (a is UnknownAttribute { IsComprehensionRequired: true } u) (unknown ??= []).Add(u.RawType);
        if (unknown is null) return false;
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
            var nonce = _nonces.Issue(now, d.Remote);
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
        // The nonce names the client it was issued to: from another address (or too old) it is stale.
        if (!_nonces.IsValid(nonceAttribute.Value, now, d.Remote))
        {
            var nonce = _nonces.Issue(now, d.Remote);
            Send(now, d, request.ErrorResponse(ErrorCode.StaleNonce, new Realm(_options.Realm), new Nonce(nonce)), null);
            Emit(now, TurnEventKind.Rejected, $"{what} from {d.Remote}: 438 Stale Nonce (expired, or issued to another client), a fresh nonce sent");
            return false;
        }
        if (realm.Value != _options.Realm || !_options.Users.TryGetValue(username.Value, out var password))
        {
            Unauthorized(now, d, request, realm.Value != _options.Realm
                ? $"realm {ClientText.Quote(realm.Value)} is not {ClientText.Quote(_options.Realm)}" : $"no user {ClientText.Quote(username.Value)}");
            return false;
        }
        if (!_keys.TryGetValue(username.Value, out var cached) || cached.Password != password)
            _keys[username.Value] = cached = (password, new LongTermCredential(username.Value, _options.Realm, password).Key);
        key = cached.Key;
        if (!request.VerifyMessageIntegrity(key))
        {
            Unauthorized(now, d, request, $"MESSAGE-INTEGRITY does not match the password of {ClientText.Quote(username.Value)}");
            return false;
        }
        user = username.Value;
        return true;
    }

    private void Unauthorized(TimeSpan now, Datagram d, StunMessage request, string why)
    {
        Send(now, d, request.ErrorResponse(ErrorCode.Unauthorized, new Realm(_options.Realm), new Nonce(_nonces.Issue(now, d.Remote))), null);
        Emit(now, TurnEventKind.Rejected, $"{StunMessageType.MethodName(request.Method)} from {d.Remote}: 401 Unauthorized, {why}");
    }

    private void HandleAllocate(TimeSpan now, Datagram d, StunMessage request, string user, byte[] key)
    {
        // RFC 8656 §7.2, in the RFC's order (step 1, authentication, is done).
        if (_byClient.ContainsKey(d.Remote))
        {
            Reject(now, d, request, ErrorCode.AllocationMismatch, $"{d.Remote} already has an allocation", key);
            return;
        }
        if (request.Get<RequestedTransport>() is not { } transport)
        {
            Reject(now, d, request, ErrorCode.BadRequest, "Allocate without REQUESTED-TRANSPORT", key);
            return;
        }
        if (transport.Protocol != RequestedTransport.Udp)
        {
            Reject(now, d, request, ErrorCode.UnsupportedTransportProtocol, $"REQUESTED-TRANSPORT is protocol {transport.Protocol}; this server relays UDP (17) only", key);
            return;
        }
        // Step 4: we cannot set DF on relayed datagrams, so DONT-FRAGMENT counts as an unknown comprehension-required attribute.
        if (request.Get<DontFragment>() is not null)
        {
            Respond(now, d, request.ErrorResponse(ErrorCode.UnknownAttribute, new UnknownAttributes([(ushort)StunAttributeType.DontFragment])), key);
            Emit(now, TurnEventKind.Rejected, $"Allocate from {d.Remote}: 420 Unknown Attribute 0x001a, DONT-FRAGMENT: this server cannot set the DF bit on relayed datagrams");
            return;
        }
        var evenPort = request.Get<EvenPort>();
        var family = request.Get<RequestedAddressFamily>();
        var additional = request.Get<AdditionalAddressFamily>();
        int relay;
        if (request.Get<ReservationToken>() is { } token)
        {
            // Step 5: a token names a reserved address, so it cannot come with properties of a new one.
            if (evenPort is not null || family is not null || additional is not null)
            {
                Reject(now, d, request, ErrorCode.BadRequest, "RESERVATION-TOKEN with EVEN-PORT, REQUESTED-ADDRESS-FAMILY or ADDITIONAL-ADDRESS-FAMILY", key);
                return;
            }
            if (!_reservations.Remove(token.Token, out var reserved) || now >= reserved.Until)
            {
                Reject(now, d, request, ErrorCode.InsufficientCapacity, $"no port is reserved under the token 0x{token.Token:x16} (unknown, used or expired)", key);
                return;
            }
            if (!QuotaAllows(now, d, request, user, key))
            {
                _reservations[token.Token] = reserved;   // a refused request does not use the reservation up
                return;
            }
            relay = reserved.Relay;
        }
        else
        {
            // Step 6.
            if (family is not null && additional is not null)
            {
                Reject(now, d, request, ErrorCode.BadRequest, "both REQUESTED-ADDRESS-FAMILY and ADDITIONAL-ADDRESS-FAMILY", key);
                return;
            }
            // Step 7: IPv4 unless asked otherwise; a family with no relay endpoint gets 440.
            var wanted = family?.Family == RequestedAddressFamily.IPv6 ? AddressFamily.InterNetworkV6 : AddressFamily.InterNetwork;
            if (family is { Family: not (RequestedAddressFamily.IPv4 or RequestedAddressFamily.IPv6) } || !_families.Contains(wanted))
            {
                Reject(now, d, request, ErrorCode.AddressFamilyNotSupported,
                    $"REQUESTED-ADDRESS-FAMILY {family?.Describe() ?? "IPv4"}: this server relays {Families()} only", key);
                return;
            }
            // Step 8.
            if (evenPort is { ReserveNextPort: true } && additional is not null)
            {
                Reject(now, d, request, ErrorCode.BadRequest, "EVEN-PORT with the R bit and ADDITIONAL-ADDRESS-FAMILY", key);
                return;
            }
            // Step 9: 0x01 is the family every allocation gets anyway.
            if (additional is { Family: not RequestedAddressFamily.IPv6 })
            {
                Reject(now, d, request, ErrorCode.BadRequest, $"ADDITIONAL-ADDRESS-FAMILY {additional.Describe()}: only IPv6 can be additional", key);
                return;
            }
            if (!QuotaAllows(now, d, request, user, key)) return;
            if (!TryPickRelay(wanted, evenPort, out relay, out var why))
            {
                Reject(now, d, request, ErrorCode.InsufficientCapacity, why, key);
                return;
            }
        }
        var relayed = _options.RelayEndPoints[relay];
        _freeRelays.Remove(relay);
        var extra = new List<StunAttribute>();
        if (evenPort is { ReserveNextPort: true })
        {
            var next = _relayIndex[new IPEndPoint(relayed.Address, relayed.Port + 1)];
            _freeRelays.Remove(next);
            var t = _random.NextUInt64();
            _reservations[t] = (next, now + ReservationLifetime);
            _reservationOrder.Enqueue((t, now + ReservationLifetime));
            extra.Add(new ReservationToken(t));
        }
        // Step 9, partly met: this server's allocations have one relayed address, so the IPv6 one is refused by policy.
        if (additional is not null)
            extra.Add(new AddressErrorCode(RequestedAddressFamily.IPv6, ErrorCode.AddressFamilyNotSupported, "Address Family not Supported: one relayed address per allocation"));
        var lifetime = GrantedLifetime(request);
        var allocation = new Allocation(d.Remote, d.Local, relayed, user, key, now, now + lifetime);
        _byClient[d.Remote] = allocation;
        _byRelay[relayed] = allocation;
        _perUser[user] = _perUser.GetValueOrDefault(user) + 1;
        Schedule(allocation);
        Respond(now, d, request.SuccessResponse(
            [new XorRelayedAddress(relayed), new Lifetime((uint)lifetime.TotalSeconds), new XorMappedAddress(d.Remote), .. extra]), key);
        var notes = string.Concat(extra.Select(a => a switch
        {
            ReservationToken r => $"; {_options.RelayEndPoints[_reservations[r.Token].Relay]} reserved for {ReservationLifetime.TotalSeconds:0} s under RESERVATION-TOKEN 0x{r.Token:x16}",
            AddressErrorCode e => $"; no IPv6 address ({e.Code} in ADDRESS-ERROR-CODE)",
            _ => "",
        }));
        Emit(now, TurnEventKind.Allocated, $"allocated {relayed} to {user} at {d.Remote} for {lifetime.TotalSeconds:0} s{notes}");
    }

    /// <summary>RFC 8656 §7.2 step 10: 486 past the user's quota; 508 when the server holds all it may.</summary>
    private bool QuotaAllows(TimeSpan now, Datagram d, StunMessage request, string user, byte[] key)
    {
        var held = _perUser.GetValueOrDefault(user);
        if (_options.UserQuota > 0 && held >= _options.UserQuota)
        {
            Reject(now, d, request, ErrorCode.AllocationQuotaReached, $"\"{user}\" already holds {held} allocation(s), the user quota", key);
            return false;
        }
        if (_byClient.Count >= _capacity)
        {
            Reject(now, d, request, ErrorCode.InsufficientCapacity, $"the server holds {_byClient.Count} allocation(s), its total quota", key);
            return false;
        }
        return true;
    }

    /// <summary>The lowest free relay endpoint of the family; with EVEN-PORT an even port, and with its R bit the odd one above it free too.</summary>
    private bool TryPickRelay(AddressFamily family, EvenPort? evenPort, out int relay, out string why)
    {
        foreach (var i in _freeRelays)
        {
            var e = _options.RelayEndPoints[i];
            if (e.AddressFamily != family) continue;
            if (evenPort is not null && e.Port % 2 != 0) continue;
            if (evenPort is { ReserveNextPort: true }
                && !(e.Port < 65535 && _relayIndex.TryGetValue(new IPEndPoint(e.Address, e.Port + 1), out var next) && _freeRelays.Contains(next)))
                continue;
            relay = i;
            why = "";
            return true;
        }
        relay = -1;
        why = evenPort switch
        {
            { ReserveNextPort: true } => "no free even relay port with a free port above it (EVEN-PORT with R)",
            not null => "no free even relay port (EVEN-PORT)",
            _ => $"all {_options.RelayEndPoints.Count(e => e.AddressFamily == family)} relay addresses are in use or reserved",
        };
        return false;
    }

    private string Families() => string.Join(" and ", _families.Order().Select(f => f == AddressFamily.InterNetwork ? "IPv4" : "IPv6"));

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
            Reject(now, d, request, ErrorCode.AllocationMismatch, $"{d.Remote} has no allocation", key);
            return false;
        }
        if (!allocation.Key.AsSpan().SequenceEqual(key))
        {
            Reject(now, d, request, ErrorCode.WrongCredentials, $"the allocation of {d.Remote} was made with other credentials", key);
            return false;
        }
        return true;
    }

    private void HandleRefresh(TimeSpan now, Datagram d, StunMessage request, byte[] key)
    {
        if (!TryOwnAllocation(now, d, request, key, out var allocation)) return;
        // RFC 8656 §7.3: a REQUESTED-ADDRESS-FAMILY that is not the allocation's family gets 443.
        if (request.Get<RequestedAddressFamily>() is { } family
            && (family.Family == RequestedAddressFamily.IPv6) != (allocation.Relayed.AddressFamily == AddressFamily.InterNetworkV6))
        {
            Reject(now, d, request, ErrorCode.PeerAddressFamilyMismatch, $"REQUESTED-ADDRESS-FAMILY {family.Describe()} is not the family of {allocation.Relayed}", key);
            return;
        }
        if (request.Get<Lifetime>() is { Seconds: 0 })
        {
            Remove(allocation);
            Respond(now, d, request.SuccessResponse(new Lifetime(0)), key);
            Emit(now, TurnEventKind.Deleted, $"{allocation.Username} deleted the allocation {allocation.Relayed} (Refresh with LIFETIME 0)");
            return;
        }
        var lifetime = GrantedLifetime(request);
        allocation.Expires = now + lifetime;
        Schedule(allocation);
        Respond(now, d, request.SuccessResponse(new Lifetime((uint)lifetime.TotalSeconds)), key);
        Emit(now, TurnEventKind.Refreshed, $"refreshed {allocation.Relayed} for {lifetime.TotalSeconds:0} s");
    }

    /// <summary>Null if the policy lets the relay send to <paramref name="peer"/>, else why not.</summary>
    private string? Refused(IPEndPoint peer) => _options.Peers.Refuse(peer, Listen, _relaySet);

    private void Forbid(TimeSpan now, Datagram d, StunMessage request, string why, byte[] key)
    {
        // RFC 8656 §9.2 and §11.2: a peer address the server's policy does not allow gets 403 Forbidden.
        Respond(now, d, request.ErrorResponse(ErrorCode.Forbidden), key);
        Emit(now, TurnEventKind.Rejected, $"{StunMessageType.MethodName(request.Method)} from {d.Remote}: 403 Forbidden, peer {why}");
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
            Reject(now, d, request, ErrorCode.PeerAddressFamilyMismatch, $"peer {wrong.EndPoint} is not in the relayed address's family", key);
            return;
        }
        // A permission is for the IP (any port), so the IP rules decide; the port is not looked at (RFC 8656 §9.1).
        foreach (var p in peers)
            if (_options.Peers.Refuse(p.EndPoint.Address) is { } why)
            {
                Forbid(now, d, request, why, key);
                return;
            }
        var added = peers.Select(p => p.EndPoint.Address).Distinct().Count(ip => !allocation.IsPermitted(ip));
        if (allocation.Permissions.Count + added > _options.MaxPermissionsPerAllocation)
        {
            Reject(now, d, request, ErrorCode.InsufficientCapacity,
                $"{allocation.Relayed} would hold {allocation.Permissions.Count + added} permissions; the limit is {_options.MaxPermissionsPerAllocation}", key);
            return;
        }
        foreach (var p in peers) allocation.Permit(p.EndPoint.Address, now);   // RFC 8656 §9.2: all or none
        Schedule(allocation);
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
        if (peer.EndPoint.AddressFamily != allocation.Relayed.AddressFamily)
        {
            Reject(now, d, request, ErrorCode.PeerAddressFamilyMismatch, $"peer {peer.EndPoint} is not in the relayed address's family", key);
            return;
        }
        if (Refused(peer.EndPoint) is { } why)
        {
            Forbid(now, d, request, why, key);
            return;
        }
        if (!allocation.IsBound(channel.Number) && allocation.Channels.Count >= _options.MaxChannelsPerAllocation
            || !allocation.IsPermitted(peer.EndPoint.Address) && allocation.Permissions.Count >= _options.MaxPermissionsPerAllocation)
        {
            Reject(now, d, request, ErrorCode.InsufficientCapacity,
                $"{allocation.Relayed} holds {allocation.Channels.Count} channel(s) and {allocation.Permissions.Count} permission(s); the limits are {_options.MaxChannelsPerAllocation} and {_options.MaxPermissionsPerAllocation}", key);
            return;
        }
        var binding = allocation.Bind(channel.Number, peer.EndPoint, now);
        allocation.Permit(peer.EndPoint.Address, now);   // RFC 8656 §11.2: binding installs or refreshes the permission too
        Schedule(allocation);
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
        // RFC 8656 §10.2: a peer the policy forbids is discarded too; an indication gets no 403, so only the trace says so.
        if (Refused(peer.EndPoint) is { } why)
        {
            Drop(now, d, $"Send indication to a forbidden peer (no 403 for an indication): {why}");
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
        while (_timers.TryPeek(out var a, out var at) && at <= now)
        {
            _timers.Dequeue();
            // Skip entries left by a change (the allocation holds an earlier one) or by a deleted allocation.
            if (at != a.ScheduledAt || !_byClient.TryGetValue(a.Client, out var live) || !ReferenceEquals(live, a)) continue;
            a.ScheduledAt = TimeSpan.MaxValue;
            if (now >= a.Expires)
            {
                Remove(a);
                Emit(now, TurnEventKind.Expired, $"the allocation {a.Relayed} of {a.Username} expired (not refreshed)");
                continue;
            }
            foreach (var what in a.Expire(now)) Emit(now, TurnEventKind.Expired, $"{a.Relayed}: {what}");
            Schedule(a);
        }
        while (_reservationOrder.TryPeek(out var r) && now >= r.Until)
        {
            _reservationOrder.Dequeue();
            if (!_reservations.Remove(r.Token, out var held)) continue;   // used by an Allocate already
            _freeRelays.Add(held.Relay);
            Emit(now, TurnEventKind.Expired, $"the reservation of {_options.RelayEndPoints[held.Relay]} (RESERVATION-TOKEN 0x{r.Token:x16}) expired unused");
        }
    }

    /// <summary>Puts the allocation's next expiry in the timer queue if it is earlier than the one already there.</summary>
    private void Schedule(Allocation a)
    {
        var at = a.NextExpiry();
        if (at >= a.ScheduledAt) return;   // the earlier entry fires first and reschedules
        a.ScheduledAt = at;
        _timers.Enqueue(a, at);
    }

    private void Remove(Allocation a)
    {
        _byClient.Remove(a.Client);
        _byRelay.Remove(a.Relayed);
        _freeRelays.Add(_relayIndex[a.Relayed]);
        if ((_perUser[a.Username] -= 1) == 0) _perUser.Remove(a.Username);
    }

    private void Reject(TimeSpan now, Datagram d, StunMessage request, int code, string why, byte[]? key)
    {
        Respond(now, d, request.ErrorResponse(code), key);
        Emit(now, TurnEventKind.Rejected, $"{StunMessageType.MethodName(request.Method)} from {d.Remote}: {code} {ErrorCode.DefaultReason(code)}, {why}");
    }

    /// <summary>
    /// Sends a response; one to an authenticated request is also remembered for retransmissions (RFC 8489 §6.3.1), since
    /// Allocate, Refresh, CreatePermission and ChannelBind change state. Unauthenticated answers are not: recomputing them is cheap.
    /// </summary>
    private void Respond(TimeSpan now, Datagram d, StunMessage response, byte[]? key)
    {
        var bytes = Send(now, d, response, key);
        if (key is not null) _responses.Add(now, d.Remote, response.TransactionId, bytes);
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

    private void Drop(TimeSpan now, Datagram d, string why) =>
        Emit(now, TurnEventKind.Dropped, $"dropped {d.Payload.Length} bytes from {d.Remote} to {d.Local}: {why}", d.Remote);

    // Every description passes through ClientText: whatever a client managed to put in it cannot reach a terminal raw.
    private void Emit(TimeSpan now, TurnEventKind kind, string description, IPEndPoint? peer = null) =>
        _events.Enqueue(new TurnEvent(now, kind, ClientText.Printable(description), peer));
}
