namespace NatLearning.Stun;

/// <summary>
/// The method of a STUN message: Binding (RFC 8489) and TURN's methods (RFC 8656 §18). Any 12-bit value is allowed;
/// an unnamed one prints as hex.
/// </summary>
public enum StunMethod : ushort
{
    Binding = 0x001,
    Allocate = 0x003,
    Refresh = 0x004,
    Send = 0x006,
    Data = 0x007,
    CreatePermission = 0x008,
    ChannelBind = 0x009,
}
