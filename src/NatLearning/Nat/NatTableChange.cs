namespace NatLearning.Nat;

/// <summary>One change to a NAT's table, polled from <see cref="NatTranslator.TryPollChange"/> in the order it happened.</summary>
internal readonly record struct NatTableChange(NatTableChangeKind Kind, NatMapping Mapping);
