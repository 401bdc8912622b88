using NatLearning.Stun.Attributes;

namespace NatLearning.Stun;

/// <summary>Which decoder reads which attribute type. A type not listed here is kept raw as <see cref="UnknownAttribute"/>.</summary>
internal static class StunAttributeDecoders
{
    public delegate StunAttribute Decoder(ReadOnlySpan<byte> value, TransactionId transactionId, int offset);

    private static readonly Dictionary<StunAttributeType, Decoder> ByType = new()
    {
        [StunAttributeType.MappedAddress] = MappedAddress.Decode,
        [StunAttributeType.XorMappedAddress] = XorMappedAddress.Decode,
        [StunAttributeType.Username] = Username.Decode,
        [StunAttributeType.UserHash] = UserHash.Decode,
        [StunAttributeType.MessageIntegrity] = MessageIntegrity.Decode,
        [StunAttributeType.MessageIntegritySha256] = MessageIntegritySha256.Decode,
        [StunAttributeType.Fingerprint] = Fingerprint.Decode,
        [StunAttributeType.ErrorCode] = ErrorCode.Decode,
        [StunAttributeType.UnknownAttributes] = UnknownAttributes.Decode,
        [StunAttributeType.Realm] = Realm.Decode,
        [StunAttributeType.Nonce] = Nonce.Decode,
        [StunAttributeType.PasswordAlgorithm] = PasswordAlgorithm.Decode,
        [StunAttributeType.PasswordAlgorithms] = PasswordAlgorithms.Decode,
        [StunAttributeType.Software] = Software.Decode,
        [StunAttributeType.AlternateServer] = AlternateServer.Decode,
        [StunAttributeType.ChangeRequest] = ChangeRequest.Decode,
        [StunAttributeType.ResponseOrigin] = ResponseOrigin.Decode,
        [StunAttributeType.OtherAddress] = OtherAddress.Decode,
        [StunAttributeType.ResponsePort] = ResponsePort.Decode,
        [StunAttributeType.Padding] = Padding.Decode,
        [StunAttributeType.Priority] = Priority.Decode,
        [StunAttributeType.UseCandidate] = UseCandidate.Decode,
        [StunAttributeType.IceControlled] = IceControlled.Decode,
        [StunAttributeType.IceControlling] = IceControlling.Decode,
        [StunAttributeType.ChannelNumber] = ChannelNumber.Decode,
        [StunAttributeType.Lifetime] = Lifetime.Decode,
        [StunAttributeType.XorPeerAddress] = XorPeerAddress.Decode,
        [StunAttributeType.Data] = Data.Decode,
        [StunAttributeType.XorRelayedAddress] = XorRelayedAddress.Decode,
        [StunAttributeType.RequestedTransport] = RequestedTransport.Decode,
        [StunAttributeType.DontFragment] = DontFragment.Decode,
        [StunAttributeType.EvenPort] = EvenPort.Decode,
        [StunAttributeType.ReservationToken] = ReservationToken.Decode,
        [StunAttributeType.RequestedAddressFamily] = RequestedAddressFamily.Decode,
        [StunAttributeType.AdditionalAddressFamily] = AdditionalAddressFamily.Decode,
        [StunAttributeType.AddressErrorCode] = AddressErrorCode.Decode,
    };

    /// <summary>True when this library understands the type (so a server need not reject it with 420).</summary>
    public static bool IsKnown(ushort type) => ByType.ContainsKey((StunAttributeType)type);

    public static StunAttribute Decode(ushort type, ReadOnlySpan<byte> value, TransactionId transactionId, int offset)
    {
        if (!ByType.TryGetValue((StunAttributeType)type, out var decode)) return new UnknownAttribute(type, value.ToArray());
        try
        {
            return decode(value, transactionId, offset);
        }
        catch (ArgumentException e)
        {
            // An attribute constructor's own check; the parser reports it as a format problem.
            throw new StunFormatException(offset, $"{StunAttributeTypes.Name(type)}: {e.Message}");
        }
    }
}
