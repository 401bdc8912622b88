namespace NatLearning.Nat;

/// <summary>Which inbound packets does a NAT let through an existing mapping (RFC 4787 §5)?</summary>
public enum FilteringBehavior
{
    /// <summary>Any remote endpoint may send to the mapping ("full cone").</summary>
    EndpointIndependent,
    /// <summary>Only remote addresses the inside endpoint has sent to ("restricted cone").</summary>
    AddressDependent,
    /// <summary>Only remote address-and-port pairs the inside endpoint has sent to ("port-restricted cone", symmetric).</summary>
    AddressAndPortDependent,
}
