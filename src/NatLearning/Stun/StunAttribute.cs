namespace NatLearning.Stun;

/// <summary>
/// One TLV attribute of a STUN message (RFC 8489 §14). Each RFC attribute is its own record under Attributes/;
/// an attribute this library does not know is kept as <see cref="Attributes.UnknownAttribute"/>.
/// </summary>
public abstract record StunAttribute
{
    public abstract StunAttributeType Type { get; }

    /// <summary>The RFC name, e.g. "XOR-MAPPED-ADDRESS".</summary>
    public virtual string Name => StunAttributeTypes.Name((ushort)Type);

    /// <summary>The value bytes without padding. XOR-encoded attributes need the transaction id.</summary>
    public abstract byte[] EncodeValue(TransactionId transactionId);

    /// <summary>
    /// Writes the value bytes into <paramref name="destination"/> and returns their length; when they do not fit, writes
    /// nothing and returns the length they need. The encoder calls this, so common attributes need no array of their own.
    /// </summary>
    internal virtual int WriteValue(Span<byte> destination, TransactionId transactionId)
    {
        var value = EncodeValue(transactionId);
        if (value.Length <= destination.Length) value.CopyTo(destination);
        return value.Length;
    }

    /// <summary>The decoded value in words, as a dissection shows it.</summary>
    public abstract string Describe();

    public sealed override string ToString() => $"{Name}: {Describe()}";
}
