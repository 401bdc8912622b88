using System.Globalization;
using NatLearning.Ice;

namespace NatLearning.Lab;

/// <summary>One cell of the outcome grid: what ICE chose between two NATs, how fast, and at what cost in packets.</summary>
public sealed record IceOutcome
{
    public required string NatA { get; init; }
    public required string NatB { get; init; }
    public required bool WithRelay { get; init; }
    /// <summary>The selected pair's kind (its least direct end), or null when ICE failed.</summary>
    public CandidateType? Selected { get; init; }
    /// <summary>Both ends, e.g. "srflx ⇄ prflx".</summary>
    public string? SelectedEnds { get; init; }
    /// <summary>From the moment the first agent started checking to the moment the second selected; null on failure.</summary>
    public TimeSpan? TimeToSelection { get; init; }
    /// <summary>STUN datagrams both agents sent (gathering, checks, responses; TURN control traffic not counted).</summary>
    public required long Packets { get; init; }
    public string? FailureReason { get; init; }

    public bool Succeeded => Selected is not null;

    /// <summary>"host", "srflx", "prflx", "relay" or "failed".</summary>
    public string Result => Selected?.SdpName() ?? "failed";

    internal static IceOutcome Of(IceSession s)
    {
        var a = s.Alice.Agent;
        var b = s.Bob.Agent;
        var ok = a.SelectedPair is not null && b.SelectedPair is not null;
        TimeSpan? start = a.ChecksStartedAt is { } x && b.ChecksStartedAt is { } y ? (x < y ? x : y) : a.ChecksStartedAt ?? b.ChecksStartedAt;
        TimeSpan? end = ok ? (a.CompletedAt > b.CompletedAt ? a.CompletedAt : b.CompletedAt) : null;
        var pair = a.SelectedPair;
        return new IceOutcome
        {
            NatA = s.NatA.Name, NatB = s.NatB.Name, WithRelay = s.WithTurn,
            Selected = ok ? pair!.Kind : null,
            SelectedEnds = ok ? $"{pair!.Local.Type.SdpName()} ⇄ {pair.Remote.Type.SdpName()}" : null,
            TimeToSelection = end - start,
            Packets = a.PacketsSent + b.PacketsSent,
            FailureReason = ok ? null : a.FailureReason ?? b.FailureReason ?? (b.SelectedPair is null ? "Bob selected nothing" : "Alice selected nothing"),
        };
    }

    public override string ToString() => Succeeded
        ? string.Create(CultureInfo.InvariantCulture, $"{NatA} × {NatB}: {Result} ({SelectedEnds}) after {TimeToSelection!.Value.TotalMilliseconds:0} ms, {Packets} packets")
        : $"{NatA} × {NatB}: failed ({FailureReason}), {Packets} packets";
}
