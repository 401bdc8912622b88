namespace NatLearning.Ice;

/// <summary>Who nominates (RFC 8445 §6.1.1): the controlling agent picks the pair; the controlled one follows.</summary>
public enum IceRole
{
    Controlling,
    Controlled,
}
