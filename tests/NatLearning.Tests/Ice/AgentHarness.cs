using System.Net;
using NatLearning.Ice;
using NatLearning.Protocols;
using NatLearning.Simulation;
using NatLearning.Stun;

namespace NatLearning.Tests.Ice;

/// <summary>Two agents joined by a lossless in-memory wire with a fixed one-way delay: the sans-I/O machines alone, no network.</summary>
internal sealed class AgentHarness
{
    private readonly List<(TimeSpan At, IceAgent To, Datagram D)> _inFlight = [];
    private readonly TimeSpan _delay;
    private readonly Func<Datagram, TimeSpan?> _delayOf;

    /// <param name="delayOf">A one-way delay for some datagrams (null: the common <paramref name="delay"/>).</param>
    public AgentHarness(IceRole bobRole = IceRole.Controlled, IceOptions? options = null, long seed = 1, TimeSpan? delay = null, Func<Datagram, bool>? drop = null, Func<Datagram, TimeSpan?>? delayOf = null)
    {
        _delay = delay ?? TimeSpan.FromMilliseconds(10);
        _delayOf = delayOf ?? (_ => null);
        Drop = drop ?? (_ => false);
        var random = new SeededRandom(seed);
        A = new IceAgent("Alice", IceRole.Controlling, random.Fork(), options);
        B = new IceAgent("Bob", bobRole, random.Fork(), options);
        A.AddHostCandidate(Now, AEndpoint);
        B.AddHostCandidate(Now, BEndpoint);
        A.FinishGathering(Now);
        B.FinishGathering(Now);
    }

    /// <summary>A STUN request sent from <paramref name="from"/>: a check (or a gathering request) to drop or delay.</summary>
    public static bool IsRequestFrom(Datagram d, IPEndPoint from) =>
        d.Local.Equals(from) && StunMessage.Parse(d.Payload.Span).Class == StunClass.Request;

    public static readonly IPEndPoint AEndpoint = new(IPAddress.Parse("203.0.113.1"), 5000);
    public static readonly IPEndPoint BEndpoint = new(IPAddress.Parse("203.0.113.2"), 7000);

    public IceAgent A { get; }
    public IceAgent B { get; }
    public TimeSpan Now { get; private set; }
    public Func<Datagram, bool> Drop { get; set; }
    public List<(TimeSpan At, string From, StunMessage Message)> Sent { get; } = [];

    public void Exchange()
    {
        A.SetRemoteDescription(Now, B.LocalDescription);
        B.SetRemoteDescription(Now, A.LocalDescription);
    }

    public void Run(TimeSpan until)
    {
        while (Now <= until)
        {
            Flush(A, B);
            Flush(B, A);
            var next = new[] { A.NextTimeout(), B.NextTimeout(), _inFlight.Count > 0 ? _inFlight.Min(f => f.At) : null }.Where(t => t is not null).Min();
            if (next is null) return;
            Now = next.Value > Now ? next.Value : Now;
            if (Now > until) return;
            foreach (var f in _inFlight.Where(f => f.At <= Now).ToList())
            {
                _inFlight.Remove(f);
                f.To.HandleDatagram(Now, new Datagram(f.D.Remote, f.D.Local, f.D.Payload));
            }
            if (A.NextTimeout() <= Now) A.HandleTimeout(Now);
            if (B.NextTimeout() <= Now) B.HandleTimeout(Now);
        }
    }

    private void Flush(IceAgent from, IceAgent to)
    {
        while (from.TryPollTransmit(out var d))
        {
            Sent.Add((Now, from.Name, StunMessage.Parse(d.Payload.Span)));
            if (!Drop(d)) _inFlight.Add((Now + (_delayOf(d) ?? _delay), to, d));
        }
    }

    private readonly Dictionary<IceAgent, List<IceEvent>> _events = [];

    /// <summary>Everything the agent reported so far, in order (drained from it and kept, so it can be asked again).</summary>
    public List<IceEvent> Events(IceAgent agent)
    {
        if (!_events.TryGetValue(agent, out var list)) _events[agent] = list = [];
        while (agent.TryPollEvent(out var e)) list.Add(e);
        return list;
    }
}
