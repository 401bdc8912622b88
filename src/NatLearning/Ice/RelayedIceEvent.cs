using NatLearning.Turn;

namespace NatLearning.Ice;

/// <summary>What a <see cref="RelayedIceAgent"/> reports: a step of its ICE agent or of its TURN client, in the order they happened.</summary>
public abstract record RelayedIceEvent(TimeSpan Time)
{
    /// <summary>What happened, in words: the agent's own sentence, or the TURN client's step with its kind.</summary>
    public abstract string Describe();

    /// <summary>The ICE agent discovered, tested or chose something.</summary>
    public sealed record Ice(IceEvent Event) : RelayedIceEvent(Event.Time)
    {
        public override string Describe() => Event.Describe();
        public override string ToString() => Event.ToString();
    }

    /// <summary>The TURN client allocated, was challenged, created a permission, bound a channel, unwrapped data ...</summary>
    public sealed record Turn(TurnEvent Event) : RelayedIceEvent(Event.Time)
    {
        public override string Describe() => $"TURN {Event.Kind}: {Event.Description}";
        public override string ToString() => Event.ToString();
    }
}
