using NatLearning.HolePunching;
using NatLearning.Nat;

namespace NatLearning.Lab;

/// <summary>What sits in front of a peer: a NAT with some behaviour, or nothing (a public address).</summary>
public sealed record NatChoice(string Name, NatBehavior? Behavior)
{
    public static NatChoice None { get; } = new("no NAT", null);

    public static NatChoice Of(NatBehavior behavior) => new(behavior.ClassicName, behavior);

    /// <summary>The grid of the article: no NAT and the four classic types.</summary>
    public static IReadOnlyList<NatChoice> Classic { get; } =
    [
        None, Of(NatBehavior.FullCone), Of(NatBehavior.RestrictedCone), Of(NatBehavior.PortRestrictedCone), Of(NatBehavior.Symmetric),
    ];

    /// <summary>"none" or a preset name as the command line spells it (full-cone, symmetric ...).</summary>
    public static NatChoice Parse(string name) =>
        name.Equals("none", StringComparison.OrdinalIgnoreCase) ? None
        : name.Equals("cgn", StringComparison.OrdinalIgnoreCase)
            ? throw new ArgumentException("'cgn' (double NAT) is available in the ice scenarios; hole punching takes none or one NAT preset.", nameof(name))
            : Of(NatBehavior.FromName(name));

    public override string ToString() => Name;
}
