using System.Net;
using System.Text;
using NatLearning.Nat;

namespace NatLearning.Stun;

/// <summary>What RFC 5780 behaviour discovery found out about the NAT between the client and the server.</summary>
public sealed class NatBehaviorReport
{
    private readonly List<string> _steps = [];

    public NatBehaviorReport(IPEndPoint local, IPEndPoint server)
    {
        Local = local;
        Server = server;
    }

    public IPEndPoint Local { get; }
    public IPEndPoint Server { get; }

    /// <summary>The public endpoint from mapping test I, or null if the server never answered.</summary>
    public IPEndPoint? MappedAddress { get; internal set; }

    /// <summary>The server's OTHER-ADDRESS, which the tests need.</summary>
    public IPEndPoint? OtherAddress { get; internal set; }

    /// <summary>False when the mapped address is the local one: no NAT rewrote it.</summary>
    public bool? BehindNat => MappedAddress is null ? null : !MappedAddress.Equals(Local);

    public MappingBehavior? Mapping { get; internal set; }
    public FilteringBehavior? Filtering { get; internal set; }
    public bool? Hairpinning { get; internal set; }

    /// <summary>The longest idle time after which the mapping was still there, and the shortest after which it was gone.</summary>
    public TimeSpan? MappingAliveAfter { get; internal set; }
    public TimeSpan? MappingGoneAfter { get; internal set; }

    /// <summary>What stopped the discovery early, if anything.</summary>
    public string? Problem { get; internal set; }

    /// <summary>Each test and what it showed, in order.</summary>
    public IReadOnlyList<string> Steps => _steps;

    /// <summary>The RFC 4787 behaviour found, or null when a test could not decide.</summary>
    public NatBehavior? Behavior => Mapping is { } m && Filtering is { } f ? new NatBehavior(m, f) { Translates = BehindNat ?? true } : null;

    /// <summary>The classic (RFC 3489) name: "full cone", "symmetric" ... or the RFC 4787 description.</summary>
    public string ClassicName => BehindNat == false
        ? Filtering switch
        {
            FilteringBehavior.EndpointIndependent => "no NAT (open internet)",
            { } f => $"no NAT, but a firewall with {NatBehavior.Describe(f)} filtering",
            null => "no NAT (filtering unknown)",
        }
        : Behavior?.ClassicName ?? "unknown (" + (Problem ?? "incomplete") + ")";

    internal void Step(string text) => _steps.Add(text);

    public string ToText()
    {
        var sb = new StringBuilder();
        sb.Append($"NAT behaviour discovery (RFC 5780) from {Local} against {Server}\n");
        foreach (var s in _steps) sb.Append("  ").Append(s).Append('\n');
        sb.Append($"Mapped address:  {(MappedAddress is null ? "none" : StunAddress.Format(MappedAddress))}\n");
        sb.Append($"Mapping:         {(Mapping is { } m ? NatBehavior.Describe(m) : "unknown")}\n");
        sb.Append($"Filtering:       {(Filtering is { } f ? NatBehavior.Describe(f) : "unknown")}\n");
        sb.Append($"Hairpinning:     {Hairpinning switch { true => "yes", false => "no", null => "not tested" }}\n");
        if (MappingAliveAfter is not null || MappingGoneAfter is not null)
            sb.Append($"Mapping lifetime: {LifetimeText()}\n");
        sb.Append($"NAT type:        {ClassicName}");
        if (Behavior is { } b && BehindNat != false) sb.Append($" ({b.ShortName})");
        sb.Append('\n');
        if (Problem is not null) sb.Append($"Problem:         {Problem}\n");
        return sb.ToString();
    }

    private string LifetimeText() => (MappingAliveAfter, MappingGoneAfter) switch
    {
        ({ } a, { } g) => $"alive after {a.TotalSeconds:0} s idle, gone after {g.TotalSeconds:0} s",
        ({ } a, null) => $"still alive after {a.TotalSeconds:0} s idle (the longest probe)",
        (null, { } g) => $"gone already after {g.TotalSeconds:0} s idle",
        _ => "unknown",
    };

    public override string ToString() => ToText();
}
