using System.Net;
using NatLearning.Protocols;
using NatLearning.Stun;
using NatLearning.Stun.Attributes;

namespace NatLearning.Turn;

/// <summary>
/// A TURN client (RFC 8656) for UDP as a sans-I/O machine: Allocate (answering the server's 401 challenge with the
/// long-term credential), CreatePermission, Send indications, a ChannelBind after the peer's first reply and then
/// ChannelData, and Refresh of the allocation, permissions and channels before they expire.
/// </summary>
/// <example>
/// <code>
/// var turn = new TurnClient(local, server, "alice", "secret", random);
/// turn.Allocate(now);                      // → 401 → Allocate with MESSAGE-INTEGRITY → relayed address
/// turn.CreatePermission(now, bob);         // once Allocated
/// turn.Send(now, bob, "hi Bob"u8.ToArray());
/// </code>
/// </example>
public sealed class TurnClient : IProtocolMachine<TurnEvent>
{
    /// <summary>How long before an allocation, permission or channel expires the client refreshes it (our choice; RFC 8656 only says "before").</summary>
    public static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(1);

    // RFC 8489 §9.2.5 asks clients not to retry a stale nonce forever; three tries is our bound.
    private const int MaxStaleNonceRetries = 3;

    private readonly IRandomSource _random;
    private readonly StunRetransmission _schedule;
    private readonly string _username;
    private readonly string _password;
    private readonly Queue<Datagram> _transmit = new();
    private readonly Queue<TurnEvent> _events = new();
    private readonly ClientTransactions<Transaction> _transactions = new();
    private readonly Dictionary<IPAddress, TimeSpan> _permissionRefresh = [];
    private readonly Dictionary<IPEndPoint, Channel> _channels = [];
    private string? _realm;
    private string? _nonce;
    private byte[]? _key;
    private TimeSpan? _allocationRefresh;
    private ushort _nextChannel = ChannelData.MinChannel;
    private TimeSpan _now;
    private TimeSpan _lastSent;

    /// <param name="schedule">Retransmissions of requests over UDP; RFC 8489 §6.2.1's by default.</param>
    public TurnClient(IPEndPoint local, IPEndPoint server, string username, string password, IRandomSource random, StunRetransmission? schedule = null)
    {
        _schedule = schedule ?? StunRetransmission.Rfc8489;
        ArgumentNullException.ThrowIfNull(local);
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(random);
        if (string.IsNullOrEmpty(username)) throw new ArgumentException("A TURN client needs a username.", nameof(username));
        ArgumentNullException.ThrowIfNull(password);
        Local = local;
        Server = server;
        _username = username;
        _password = password;
        _random = random;
    }

    public IPEndPoint Local { get; }
    public IPEndPoint Server { get; }
    public TurnClientState State { get; private set; }

    /// <summary>The relayed transport address the server allocated (give it to the peer), once Allocated.</summary>
    public IPEndPoint? RelayedAddress { get; private set; }

    /// <summary>This client's address as the server saw it (XOR-MAPPED-ADDRESS of the Allocate response).</summary>
    public IPEndPoint? MappedAddress { get; private set; }

    /// <summary>When the allocation expires unless refreshed.</summary>
    public TimeSpan? Expires { get; private set; }

    /// <summary>The realm the server named in its 401 challenge.</summary>
    public string? Realm => _realm;

    /// <summary>Bind a channel to a peer as soon as it first sends data to us (true by default).</summary>
    public bool BindChannelOnFirstContact { get; set; } = true;

    /// <summary>The LIFETIME to ask for in Allocate and Refresh, or null for the server's default.</summary>
    public TimeSpan? RequestedLifetime { get; set; }

    /// <summary>
    /// If set, a Binding indication goes to the server whenever the client has been silent this long, so that the
    /// client's NAT keeps its mapping (RFC 4787 REQ-5: at least 2 minutes idle; many NATs use less) and the server
    /// keeps seeing the same 5-tuple. Without it a long-idle allocation behind a NAT becomes unreachable.
    /// </summary>
    public TimeSpan? KeepaliveInterval { get; set; }

    /// <summary>The channel bound to a peer, or null while data to it goes in Send indications.</summary>
    public ushort? ChannelFor(IPEndPoint peer) => _channels.TryGetValue(peer, out var c) && c.Bound ? c.Number : null;

    /// <summary>Step 1: ask for a relayed address. The first Allocate carries no credentials; the server's 401 supplies REALM and NONCE.</summary>
    public void Allocate(TimeSpan now)
    {
        if (State is not (TurnClientState.Idle or TurnClientState.Released or TurnClientState.Failed))
            throw new InvalidOperationException($"The client is {State}; Allocate once, or after Release.");
        State = TurnClientState.Allocating;
        Start(now, StunMethod.Allocate, [new RequestedTransport(RequestedTransport.Udp), .. LifetimeAttribute()]);
    }

    /// <summary>Lets the peers' IP addresses send through the relay (and us send to them) for 300 s, refreshed while the allocation lives.</summary>
    public void CreatePermission(TimeSpan now, params IPEndPoint[] peers)
    {
        RequireAllocated("CreatePermission");
        if (peers.Length == 0) throw new ArgumentException("CreatePermission needs at least one peer address.", nameof(peers));
        Start(now, StunMethod.CreatePermission, [.. peers.Select(p => new XorPeerAddress(p))], peers);
    }

    /// <summary>Sends data to a peer through the relay: ChannelData on a bound channel, otherwise a Send indication.</summary>
    public void Send(TimeSpan now, IPEndPoint peer, ReadOnlyMemory<byte> data)
    {
        RequireAllocated("Send");
        _now = now;
        ArgumentNullException.ThrowIfNull(peer);
        if (ChannelFor(peer) is { } channel)
            Transmit(new ChannelData(channel, data).Encode());
        else
            Transmit(new StunMessage(StunMethod.Send, StunClass.Indication, TransactionId.New(_random),
                [new XorPeerAddress(peer), new Data(data.ToArray())]).Encode(fingerprint: true));
    }

    /// <summary>Binds the next free channel number (from 0x4000) to a peer; data to it then travels as ChannelData.</summary>
    public ushort BindChannel(TimeSpan now, IPEndPoint peer)
    {
        RequireAllocated("ChannelBind");
        ArgumentNullException.ThrowIfNull(peer);
        if (!_channels.TryGetValue(peer, out var channel))
        {
            if (_nextChannel > ChannelData.MaxChannel) throw new InvalidOperationException("All 4096 channel numbers (0x4000–0x4FFF) are in use.");
            _channels[peer] = channel = new Channel(_nextChannel++);
        }
        BindChannel(now, peer, channel.Number);
        return channel.Number;
    }

    /// <summary>Binds a given channel number (the server refuses numbers outside 0x4000–0x4FFF with 400).</summary>
    public void BindChannel(TimeSpan now, IPEndPoint peer, ushort number)
    {
        RequireAllocated("ChannelBind");
        Start(now, StunMethod.ChannelBind, [new ChannelNumber(number), new XorPeerAddress(peer)], [peer], number);
    }

    /// <summary>Extends the allocation (done automatically one minute before it expires).</summary>
    public void Refresh(TimeSpan now)
    {
        RequireAllocated("Refresh");
        Start(now, StunMethod.Refresh, LifetimeAttribute());
    }

    /// <summary>Deletes the allocation: a Refresh with LIFETIME 0 (RFC 8656 §7.3).</summary>
    public void Release(TimeSpan now)
    {
        RequireAllocated("Release");
        Start(now, StunMethod.Refresh, [new Lifetime(0)]);
    }

    public TimeSpan? NextTimeout()
    {
        TimeSpan? next = null;
        void Consider(TimeSpan? t)
        {
            if (t is { } v && (next is null || v < next)) next = v;
        }
        Consider(_transactions.NextTimeout());
        if (State == TurnClientState.Allocated)
        {
            Consider(_allocationRefresh);
            if (KeepaliveInterval is { } k) Consider(_lastSent + k);
            foreach (var t in _permissionRefresh.Values) Consider(t);
            foreach (var c in _channels.Values) Consider(c.RefreshAt);
        }
        return next;
    }

    /// <summary>
    /// With no request waiting for its answer, the next timer only keeps the allocation alive (a refresh or keepalive):
    /// it runs in a simulation's background, so <c>RunUntilIdle</c> ends while an allocation lives.
    /// </summary>
    public bool NextTimeoutIsBackground => _transactions.Count == 0;

    public void HandleTimeout(TimeSpan now)
    {
        _transactions.HandleTimeout(now);
        while (_transactions.TryPollTimeout(out var t, out var timeout))
        {
            if (timeout == ClientTransactionTimeout.TimedOut)
                Fail(now, t, $"no response to {StunMessageType.MethodName(t.Method)} after {t.Sends} tries");
            else Send(now, t);
        }
        if (State != TurnClientState.Allocated) return;
        if (KeepaliveInterval is { } keepalive && now >= _lastSent + keepalive)
        {
            _now = now;
            Transmit(new StunMessage(StunMethod.Binding, StunClass.Indication, TransactionId.New(_random)).Encode(fingerprint: true));
        }
        if (_allocationRefresh is { } r && now >= r)
        {
            _allocationRefresh = null;
            Refresh(now);
        }
        var due = _permissionRefresh.Where(p => now >= p.Value).Select(p => p.Key).ToList();
        if (due.Count > 0)
        {
            foreach (var ip in due) _permissionRefresh.Remove(ip);
            Start(now, StunMethod.CreatePermission, [.. due.Select(ip => new XorPeerAddress(new IPEndPoint(ip, 0)))], [.. due.Select(ip => new IPEndPoint(ip, 0))]);
        }
        foreach (var (peer, c) in _channels.Where(p => p.Value.RefreshAt is { } t && now >= t).ToList())
        {
            c.RefreshAt = null;
            BindChannel(now, peer, c.Number);
        }
    }

    public void HandleDatagram(TimeSpan now, Datagram datagram)
    {
        if (!datagram.Remote.Equals(Server)) return;   // only the server talks to this socket's TURN side
        var bytes = datagram.Payload.Span;
        if (ChannelData.IsChannelData(bytes))
        {
            if (!ChannelData.TryParse(bytes, out var cd, out _)) return;
            var peer = _channels.FirstOrDefault(p => p.Value.Number == cd!.ChannelNumber && p.Value.Bound).Key;
            if (peer is not null) Received(now, peer, cd!.Data.ToArray(), cd.ChannelNumber);
            return;
        }
        if (!StunMessage.TryParse(bytes, out var message, out _)) return;
        if (message.Class == StunClass.Indication)
        {
            if (message.Method == StunMethod.Data && message.Get<XorPeerAddress>() is { } from && message.Get<Data>() is { } data)
                Received(now, from.EndPoint, data.Value, channel: 0);
            return;
        }
        if (!_transactions.TryMatch(message, out var t)) return;   // late or unknown
        if (message.Class == StunClass.SuccessResponse) OnSuccess(now, t, message);
        else
        {
            _transactions.Complete(t, now);
            OnError(now, t, message);
        }
    }

    public bool TryPollTransmit(out Datagram datagram) => _transmit.TryDequeue(out datagram);

    public bool TryPollEvent(out TurnEvent protocolEvent) => _events.TryDequeue(out protocolEvent!);

    private void Received(TimeSpan now, IPEndPoint peer, byte[] data, ushort channel)
    {
        _events.Enqueue(TurnEvent.DataReceived(now, peer, data, channel));
        if (BindChannelOnFirstContact && State == TurnClientState.Allocated && !_channels.ContainsKey(peer))
            BindChannel(now, peer);
    }

    private void OnSuccess(TimeSpan now, Transaction t, StunMessage response)
    {
        // RFC 8489 §9.2.5: once the request carried the long-term credential, a success response must prove it knows
        // the key too; one without MESSAGE-INTEGRITY, or with a wrong one, could be forged by anyone on the path.
        if (t.Authenticated && _key is not null)
        {
            var problem = response.Get<MessageIntegrity>() is null ? "has no MESSAGE-INTEGRITY"
                : !response.VerifyMessageIntegrity(_key) ? "has a MESSAGE-INTEGRITY that does not match our key" : null;
            if (problem is not null)
            {
                // Ignored as if never received: the transaction keeps waiting for the real answer.
                Emit(now, TurnEventKind.Dropped,
                    $"ignored a {StunMessageType.MethodName(t.Method)} success response from {Server} that {problem} (RFC 8489 §9.2.5: a forged answer?)");
                return;
            }
        }
        _transactions.Complete(t, now);
        switch (t.Method)
        {
            case StunMethod.Allocate:
                RelayedAddress = response.Get<XorRelayedAddress>()?.EndPoint;
                MappedAddress = response.Get<XorMappedAddress>()?.EndPoint;
                if (RelayedAddress is null)
                {
                    Fail(now, t, "the Allocate response has no XOR-RELAYED-ADDRESS");
                    return;
                }
                State = TurnClientState.Allocated;
                SetExpiry(now, response);
                Emit(now, TurnEventKind.Allocated, $"relayed address {RelayedAddress}, seen by the server as {MappedAddress}, for {(Expires - now)?.TotalSeconds:0} s");
                break;
            case StunMethod.Refresh when response.Get<Lifetime>() is { Seconds: 0 } || t.Attributes.OfType<Lifetime>().Any(l => l.Seconds == 0):
                State = TurnClientState.Released;
                _allocationRefresh = null;
                _permissionRefresh.Clear();
                _channels.Clear();
                Emit(now, TurnEventKind.Deleted, $"allocation {RelayedAddress} released");
                break;
            case StunMethod.Refresh:
                SetExpiry(now, response);
                Emit(now, TurnEventKind.Refreshed, $"allocation {RelayedAddress} refreshed until {Expires?.TotalSeconds:0.###} s");
                break;
            case StunMethod.CreatePermission:
                foreach (var p in t.Peers) _permissionRefresh[p.Address] = now + Permission.Lifetime - RefreshMargin;
                Emit(now, TurnEventKind.PermissionCreated, $"permission for {string.Join(", ", t.Peers.Select(p => p.Address))} ({Permission.Lifetime.TotalSeconds:0} s)");
                break;
            case StunMethod.ChannelBind:
                var peer = t.Peers[0];
                if (!_channels.TryGetValue(peer, out var c)) _channels[peer] = c = new Channel(t.Channel);
                var wasBound = c.Bound;
                c.Bound = true;
                c.RefreshAt = now + ChannelBinding.Lifetime - RefreshMargin;
                _permissionRefresh[peer.Address] = now + Permission.Lifetime - RefreshMargin;   // RFC 8656 §11.2: it refreshed the permission too
                Emit(now, TurnEventKind.ChannelBound, $"channel 0x{c.Number:x4} {(wasBound ? "refreshed" : "bound")} to {peer}", peer);
                break;
        }
    }

    private void OnError(TimeSpan now, Transaction t, StunMessage response)
    {
        var error = response.Get<ErrorCode>();
        var code = error?.Code ?? 0;
        var realm = response.Get<Realm>()?.Value;
        var nonce = response.Get<Nonce>()?.Value;
        if (code == ErrorCode.Unauthorized && !t.Authenticated && realm is not null && nonce is not null)
        {
            // RFC 8489 §9.2.5: the first 401 gives REALM and NONCE; retry with the long-term credential.
            _realm = realm;
            _nonce = nonce;
            _key = new LongTermCredential(_username, realm, _password).Key;
            Emit(now, TurnEventKind.Challenged, $"401 Unauthorized with realm {ClientText.Quote(realm)}: retrying {StunMessageType.MethodName(t.Method)} as \"{_username}\"");
            Start(now, t.Method, t.Attributes, t.Peers, t.Channel);
            return;
        }
        if (code == ErrorCode.StaleNonce && nonce is not null && t.StaleRetries < MaxStaleNonceRetries)
        {
            _nonce = nonce;
            if (realm is not null) _realm = realm;
            Emit(now, TurnEventKind.Rejected, $"438 Stale Nonce: retrying {StunMessageType.MethodName(t.Method)} with the new nonce");
            Start(now, t.Method, t.Attributes, t.Peers, t.Channel, t.StaleRetries + 1);
            return;
        }
        var why = code == ErrorCode.Unauthorized
            ? $"401 Unauthorized: the server refused the password of \"{_username}\""
            : $"{error?.Code} {error?.Reason}";
        if (t.Method == StunMethod.ChannelBind && _channels.TryGetValue(t.Peers[0], out var c) && !c.Bound) _channels.Remove(t.Peers[0]);
        Fail(now, t, why);
    }

    private void Fail(TimeSpan now, Transaction t, string why)
    {
        var what = StunMessageType.MethodName(t.Method);
        // Losing the allocation (or never getting it) ends the client; a refused permission or channel does not.
        if (t.Method is StunMethod.Allocate or StunMethod.Refresh)
        {
            State = TurnClientState.Failed;
            Emit(now, TurnEventKind.Failed, $"{what} failed: {why}");
        }
        else Emit(now, TurnEventKind.Rejected, $"{what} failed: {why}", t.Peers.FirstOrDefault());
    }

    private void SetExpiry(TimeSpan now, StunMessage response)
    {
        var seconds = response.Get<Lifetime>()?.Seconds ?? 600;   // RFC 8656 §7.2: 600 s is the default lifetime
        Expires = now + TimeSpan.FromSeconds(seconds);
        _allocationRefresh = Expires - (seconds > 2 * RefreshMargin.TotalSeconds ? RefreshMargin : TimeSpan.FromSeconds(seconds / 2.0));
    }

    private StunAttribute[] LifetimeAttribute() =>
        RequestedLifetime is { } l ? [new Lifetime((uint)l.TotalSeconds)] : [];

    private void RequireAllocated(string what)
    {
        if (State != TurnClientState.Allocated)
            throw new InvalidOperationException($"{what} needs an allocation, but the client is {State}; call Allocate and wait for the Allocated event.");
    }

    private void Start(TimeSpan now, StunMethod method, IReadOnlyList<StunAttribute> attributes, IReadOnlyList<IPEndPoint>? peers = null, ushort channel = 0, int staleRetries = 0)
    {
        var t = new Transaction(method, attributes, TransactionId.New(_random), peers ?? [], channel, staleRetries, _schedule, now);
        var list = attributes.ToList();
        if (_key is not null)
        {
            list.Add(new Username(_username));
            list.Add(new Realm(_realm!));
            list.Add(new Nonce(_nonce!));
            t.Authenticated = true;
        }
        t.Wire = new StunMessage(method, StunClass.Request, t.Id, list).Encode(integrityKey: _key, fingerprint: true);
        _transactions.Add(t);
        Send(now, t);
    }

    private void Send(TimeSpan now, Transaction t)
    {
        _now = now;
        Transmit(t.Wire);
    }

    private void Transmit(byte[] bytes)
    {
        _transmit.Enqueue(new Datagram(Local, Server, bytes));
        _lastSent = _now;
    }

    // The server's words (reason phrases, realm) pass through ClientText before they can reach a terminal.
    private void Emit(TimeSpan now, TurnEventKind kind, string description, IPEndPoint? peer = null, byte[]? data = null) =>
        _events.Enqueue(new TurnEvent(now, kind, ClientText.Printable(description), peer, data));

    // One request's timers are the shared engine's; what a TURN answer means (401, 438, the peers) stays here.
    private sealed class Transaction(StunMethod method, IReadOnlyList<StunAttribute> attributes, TransactionId id, IReadOnlyList<IPEndPoint> peers,
        ushort channel, int staleRetries, StunRetransmission schedule, TimeSpan now) : ClientTransaction(id, method, schedule, now)
    {
        public IReadOnlyList<StunAttribute> Attributes { get; } = attributes;
        public IReadOnlyList<IPEndPoint> Peers { get; } = peers;
        public ushort Channel { get; } = channel;
        public int StaleRetries { get; } = staleRetries;
        public bool Authenticated { get; set; }
        public byte[] Wire { get; set; } = [];
    }

    private sealed class Channel(ushort number)
    {
        public ushort Number { get; } = number;
        public bool Bound { get; set; }
        public TimeSpan? RefreshAt { get; set; }
    }
}
