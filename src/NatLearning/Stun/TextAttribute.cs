using System.Text;

namespace NatLearning.Stun;

/// <summary>An attribute whose value is UTF-8 text with a byte limit (USERNAME, REALM, NONCE, SOFTWARE).</summary>
public abstract record TextAttribute : StunAttribute
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    protected TextAttribute(string value, int maxBytes)
    {
        ArgumentNullException.ThrowIfNull(value);
        var length = StrictUtf8.GetByteCount(value);
        if (length > maxBytes)
            throw new ArgumentException($"{Name} may hold at most {maxBytes} bytes of UTF-8; '{value}' takes {length}.", nameof(value));
        Value = value;
    }

    public string Value { get; }

    public override byte[] EncodeValue(TransactionId transactionId) => StrictUtf8.GetBytes(Value);

    internal override int WriteValue(Span<byte> destination, TransactionId transactionId) =>
        StrictUtf8.TryGetBytes(Value, destination, out var written) ? written : StrictUtf8.GetByteCount(Value);
    public override string Describe() => Value;

    private protected static string DecodeText(ReadOnlySpan<byte> value, int offset, StunAttributeType type, int maxBytes)
    {
        StunFormatException.Require(value.Length <= maxBytes, offset, $"{type.Name()} is {value.Length} bytes; at most {maxBytes} are allowed");
        try
        {
            return StrictUtf8.GetString(value);
        }
        catch (DecoderFallbackException)
        {
            throw new StunFormatException(offset, $"{type.Name()} is not valid UTF-8");
        }
    }
}
