using System.Net;
using NatLearning.Protocols;
using NatLearning.Stun;

namespace NatLearning.HolePunching;

/// <summary>
/// One peer of a hole punch, as a sans-I/O machine: learn the public endpoint with a STUN Binding (or, without a STUN
/// server, from the rendezvous server's WHOAMI reflector), register it with the rendezvous server, then probe the peer's
/// advertised endpoint on a schedule. A probe that arrives from an unexpected
/// endpoint (the peer's NAT made a new mapping for us) is answered and probed back: a peer-reflexive endpoint, as ICE calls it.
/// </summary>
public sealed class HolePuncher : IProtocolMachine<HolePunchEvent>
{
    private readonly Queue<Datagram> _out = new();
    private readonly Queue<HolePunchEvent> _events = new();
    private readonly List<IPEndPoint> _targets = [];
    private readonly HashSet<IPEndPoint> _heardFrom = [];
    private TimeSpan? _nextProbe;
    private TimeSpan? _deadline;
    private int _rounds;

    private readonly StunClient? _stun;

    /// <param name="stunServer">Where to learn the public endpoint with a STUN Binding; null asks the rendezvous server instead.</param>
    /// <param name="random">Randomness for STUN transaction ids (needed with a STUN server).</param>
    public HolePuncher(string name, string session, IPEndPoint local, IPEndPoint rendezvous, HolePunchOptions? options = null,
        IPEndPoint? stunServer = null, IRandomSource? random = null)
    {
        if (stunServer is not null)
        {
            ArgumentNullException.ThrowIfNull(random, nameof(random));
            _stun = new StunClient(local, random);
            StunServer = stunServer;
        }
        Name = name;
        Session = session;
        Local = local;
        Rendezvous = rendezvous;
        Options = options ?? new HolePunchOptions();
        if (Options.Attempts < 1) throw new ArgumentOutOfRangeException(nameof(options), Options.Attempts, "A hole puncher needs at least one attempt.");
        if (Options.Interval <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(options), Options.Interval, "The probe interval must be positive.");
    }

    public string Name { get; }
    public string Session { get; }
    public IPEndPoint Local { get; }
    public IPEndPoint Rendezvous { get; }
    public HolePunchOptions Options { get; }
    public IPEndPoint? StunServer { get; }

    /// <summary>The endpoint the reflector saw us at (what we advertise).</summary>
    public IPEndPoint? PublicEndpoint { get; private set; }
    public string? PeerName { get; private set; }
    public IPEndPoint? PeerAdvertised { get; private set; }
    /// <summary>The peer endpoint that answered our probe, once connected.</summary>
    public IPEndPoint? ConnectedTo { get; private set; }
    public int ProbesSent { get; private set; }
    public bool GaveUp { get; private set; }
    public IReadOnlyCollection<IPEndPoint> HeardFrom => _heardFrom;

    /// <summary>Begins: asks the reflector for our public endpoint.</summary>
    public void Start(TimeSpan now)
    {
        if (_stun is not null) _stun.StartBinding(now, StunServer!);
        else Send(Rendezvous, SignalMessage.Create(SignalMessage.WhoAmI));
    }

    public TimeSpan? NextTimeout()
    {
        var own = _nextProbe ?? _deadline;
        var stun = _stun?.NextTimeout();
        return own is null ? stun : stun is null ? own : own < stun ? own : stun;
    }

    public void HandleTimeout(TimeSpan now)
    {
        if (_stun is not null)
        {
            _stun.HandleTimeout(now);
            PollStun(now);
        }
        if (ConnectedTo is not null) return;
        if (_nextProbe is { } due && now >= due)
        {
            foreach (var t in _targets) Probe(t);
            _rounds++;
            _nextProbe = _rounds >= Options.Attempts ? null : now + Options.Interval;
            if (_nextProbe is null) _deadline = now + Options.Grace;
        }
        else if (_deadline is { } end && now >= end)
        {
            _deadline = null;
            GaveUp = true;
            _events.Enqueue(new HolePunchEvent.GaveUp(now, ProbesSent));
        }
    }

    public void HandleDatagram(TimeSpan now, Datagram datagram)
    {
        if (_stun is not null && StunMessage.IsStun(datagram.Payload.Span))
        {
            _stun.HandleDatagram(now, datagram);
            PollStun(now);
            return;
        }
        if (!SignalMessage.TryParse(datagram.Payload.Span, out var m)) return;
        switch (m.Verb)
        {
            case SignalMessage.YouAre when m.Args.Count == 1 && PublicEndpoint is null:
                Learned(now, SignalMessage.ParseEndpoint(m.Args[0])!);
                break;
            case SignalMessage.Peer when m.Args.Count == 2 && PeerAdvertised is null:
                PeerName = m.Args[0];
                PeerAdvertised = SignalMessage.ParseEndpoint(m.Args[1]);
                _events.Enqueue(new HolePunchEvent.PeerAdvertised(now, PeerName, PeerAdvertised!));
                _targets.Add(PeerAdvertised!);
                _nextProbe = now + Options.StartOffset;
                break;
            case SignalMessage.Punch:
                if (_heardFrom.Add(datagram.Remote)) _events.Enqueue(new HolePunchEvent.HeardFromPeer(now, datagram.Remote));
                Send(datagram.Remote, SignalMessage.Create(SignalMessage.PunchAck, Name));
                if (ConnectedTo is null && !_targets.Contains(datagram.Remote))
                {
                    _targets.Add(datagram.Remote);     // peer-reflexive: probe back where the peer really is
                    Probe(datagram.Remote);
                }
                break;
            case SignalMessage.PunchAck when ConnectedTo is null:
                ConnectedTo = datagram.Remote;
                _nextProbe = null;
                _deadline = null;
                _events.Enqueue(new HolePunchEvent.Connected(now, datagram.Remote));
                break;
        }
    }

    public bool TryPollTransmit(out Datagram datagram)
    {
        if (_stun is not null)
            while (_stun.TryPollTransmit(out var d)) _out.Enqueue(d);
        return _out.TryDequeue(out datagram);
    }

    private void PollStun(TimeSpan now)
    {
        while (_stun!.TryPollEvent(out var result))
        {
            if (result.Succeeded && PublicEndpoint is null) Learned(now, result.MappedAddress!);
            else if (!result.Succeeded) _events.Enqueue(new HolePunchEvent.GaveUp(now, 0));
        }
    }

    private void Learned(TimeSpan now, IPEndPoint publicEndpoint)
    {
        PublicEndpoint = publicEndpoint;
        _events.Enqueue(new HolePunchEvent.LearnedPublicEndpoint(now, publicEndpoint));
        Send(Rendezvous, SignalMessage.Create(SignalMessage.Register, Session, Name, SignalMessage.Format(publicEndpoint)));
    }

    public bool TryPollEvent(out HolePunchEvent protocolEvent) => _events.TryDequeue(out protocolEvent!);

    private void Probe(IPEndPoint target)
    {
        ProbesSent++;
        Send(target, SignalMessage.Create(SignalMessage.Punch, Name, ProbesSent.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    private void Send(IPEndPoint to, SignalMessage m) => _out.Enqueue(new Datagram(Local, to, m.ToBytes()));
}
