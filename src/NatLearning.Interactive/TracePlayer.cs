using NatLearning.Ice;
using NatLearning.Lab;
using NatLearning.Protocols;
using NatLearning.Scenarios;
using NatLearning.Simulation;
using NatLearning.Tracing;

namespace NatLearning.Interactive;

/// <summary>
/// A step-by-step player for a trace: reset, back, forward, play with a speed control, a slider, arrow keys. The current
/// packet is highlighted in the packet list and the diagram; beside it, every NAT table as it stood after that step.
/// All the states come from the simulation (<see cref="TraceTimeline"/>); the page only shows and hides them.
/// Make one with <c>network.ToPlayer()</c> or <c>result.ToPlayer()</c>.
/// </summary>
public sealed class TracePlayer
{
    /// <summary>Players with more steps than this show the first ones and say so (a page must stay light).</summary>
    public const int DefaultMaxSteps = 400;

    public TracePlayer(TraceTimeline timeline, string? title = null, int maxSteps = DefaultMaxSteps)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        if (maxSteps < 1) throw new ArgumentOutOfRangeException(nameof(maxSteps), maxSteps, "A player needs at least one step.");
        Timeline = timeline;
        Title = title;
        MaxSteps = maxSteps;
    }

    public TraceTimeline Timeline { get; }

    /// <summary>Which protocol state tables the player shows beside the NAT tables (all by default).</summary>
    public Func<StateTable, bool> ShowsStateOf { get; init; } = _ => true;
    public string? Title { get; }
    public int MaxSteps { get; }

    public static TracePlayer Of(Network network, string? title = null) => new(network.Timeline(), title);

    public override string ToString() => string.Concat(Timeline.Steps.Take(MaxSteps).Select(s => s.ToText()));
}

/// <summary><c>ToPlayer()</c> for the things a chapter has at hand.</summary>
public static class TracePlayerExtensions
{
    public static TracePlayer ToPlayer(this Network network, string? title = null) => TracePlayer.Of(network, title);

    public static TracePlayer ToPlayer(this ScenarioResult result, string? title = null) => TracePlayer.Of(result.Network, title ?? result.Scenario.Title);

    /// <summary>
    /// An ICE session as chrome://webrtc-internals shows one peer: the controlling agent's (Alice's) candidate table and
    /// check list after each step, beside the NAT tables and any TURN server's allocation.
    /// </summary>
    public static TracePlayer ToPlayer(this IceSession session, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(session);
        var alice = session.Alice.Media.Host.Name;
        return new TracePlayer(session.Network.Timeline(), title)
        {
            ShowsStateOf = t => !t.Title.StartsWith("ICE ", StringComparison.Ordinal) || t.Owner == alice,
        };
    }
}
