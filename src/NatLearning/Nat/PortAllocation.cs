namespace NatLearning.Nat;

/// <summary>How a NAT picks the public port of a new mapping (RFC 4787 §4.2.2).</summary>
public enum PortAllocation
{
    /// <summary>Keep the inside port when it is free on the public address; otherwise take the next free one (RFC 4787 §4.2.1).</summary>
    PortPreserving,
    /// <summary>The next free port after the last one given out.</summary>
    Sequential,
    /// <summary>A random free port (from the network's seeded generator), as port-randomising NATs do.</summary>
    Random,
}
