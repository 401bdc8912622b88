namespace NatLearning.Nat;

/// <summary>What happened to a row of a NAT's table.</summary>
internal enum NatTableChangeKind
{
    /// <summary>A packet from inside made a new mapping.</summary>
    MappingCreated,
    /// <summary>A mapping's lifetime ran out and it left the table (its time is the mapping's <see cref="NatMapping.Expires"/>).</summary>
    MappingExpired,
}
