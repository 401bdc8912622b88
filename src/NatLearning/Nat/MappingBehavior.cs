namespace NatLearning.Nat;

/// <summary>When does a NAT reuse a public endpoint for an inside endpoint (RFC 4787 §4.1)?</summary>
public enum MappingBehavior
{
    /// <summary>The same public endpoint for every destination: the "cone" NATs (RFC 4787 §4.1, REQ-1).</summary>
    EndpointIndependent,
    /// <summary>A new public endpoint for each destination address.</summary>
    AddressDependent,
    /// <summary>A new public endpoint for each destination address and port: the "symmetric" NAT.</summary>
    AddressAndPortDependent,
}
