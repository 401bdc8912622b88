using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Security.Cryptography;
using NatLearning.Stun.Attributes;

namespace NatLearning.Stun;

/// <summary>
/// A STUN message (RFC 8489 §5): a 20-byte header (type, length, magic cookie, transaction id) and a list of attributes.
/// </summary>
/// <example>
/// <code>
/// var request = StunMessage.Request(StunMethod.Binding, TransactionId.New(random));
/// byte[] wire = request.Encode(fingerprint: true);
/// var response = StunMessage.Parse(reply);            // throws only StunFormatException
/// IPEndPoint? mapped = response.MappedEndPoint;
/// </code>
/// </example>
public sealed class StunMessage
{
    /// <summary>RFC 8489 §5: the fixed value that tells STUN apart from RFC 3489 and other protocols.</summary>
    public const uint MagicCookie = 0x2112A442;

    public const int HeaderLength = 20;

    /// <summary>The largest value the 16-bit Message Length field can hold.</summary>
    public const int MaxBodyLength = 0xFFFC;

    // Big enough for any message (RFC 8489 §5: Length is 16 bits), so encoding never grows it; one per thread.
    [ThreadStatic] private static byte[]? _scratch;

    // What Encode appends; their values are computed into the buffer, so one instance each serves every message.
    private static readonly StunAttribute IntegrityPlaceholder = MessageIntegrity.Placeholder, Integrity256Placeholder = MessageIntegritySha256.Placeholder,
        FingerprintPlaceholder = Fingerprint.Placeholder;

    private readonly StunAttribute[] _attributes;
    private readonly int[]? _offsets;                                   // parsed: each attribute's header offset in _raw
    private readonly (StunAttribute Attribute, int Offset)[]? _ignored; // parsed: attributes after MESSAGE-INTEGRITY/FINGERPRINT
    private readonly byte[]? _raw;

    public StunMessage(StunMethod method, StunClass stunClass, TransactionId transactionId, IEnumerable<StunAttribute>? attributes = null)
    {
        if ((int)method is < 0 or > StunMessageType.MaxMethod)
            throw new ArgumentOutOfRangeException(nameof(method), method, "A STUN method is 12 bits (0 to 0xFFF).");
        Method = method;
        Class = stunClass;
        TransactionId = transactionId;
        _attributes = attributes is null ? [] : [.. attributes];
    }

    private StunMessage(StunMethod method, StunClass stunClass, TransactionId transactionId, byte[] raw, StunAttribute[] attributes, int[] offsets,
        (StunAttribute, int)[]? ignored)
    {
        Method = method;
        Class = stunClass;
        TransactionId = transactionId;
        _raw = raw;
        _attributes = attributes;
        _offsets = offsets;
        _ignored = ignored;
    }

    public StunMethod Method { get; }
    public StunClass Class { get; }
    public TransactionId TransactionId { get; }
    public IReadOnlyList<StunAttribute> Attributes => _view ??= Array.AsReadOnly(_attributes);   // read-only, unlike the array
    private System.Collections.ObjectModel.ReadOnlyCollection<StunAttribute>? _view;

    /// <summary>The attributes for the library's own loops, without a view or an enumerator.</summary>
    internal ReadOnlySpan<StunAttribute> AttributeSpan => _attributes;

    /// <summary>The bytes this message was parsed from (empty for a message built in code).</summary>
    public ReadOnlyMemory<byte> Raw => _raw;

    /// <summary>Attributes found after MESSAGE-INTEGRITY or FINGERPRINT, which RFC 8489 §14.5 and §14.7 say to ignore.</summary>
    public IReadOnlyList<StunAttribute> IgnoredAttributes => (_ignored ?? []).Select(a => a.Attribute).ToList();

    /// <summary>Each attribute with the byte offset of its header in <see cref="Raw"/> (parsed messages only), ignored ones last.</summary>
    public IReadOnlyList<(StunAttribute Attribute, int Offset, bool Ignored)> AttributeLayout =>
        _offsets is null ? [] : [.. _attributes.Select((a, i) => (a, _offsets[i], false)), .. (_ignored ?? []).Select(p => (p.Attribute, p.Offset, true))];

    /// <summary>"Binding Request", "Binding Success Response" ...</summary>
    public string Description => StunMessageType.Describe(Method, Class);

    public T? Get<T>() where T : StunAttribute
    {
        foreach (var a in _attributes)   // an array: no enumerator, Get is called on every message handled
            if (a is T t) return t;
        return null;
    }

    /// <summary>The reflexive address a response reports: XOR-MAPPED-ADDRESS, or MAPPED-ADDRESS from an older server.</summary>
    public IPEndPoint? MappedEndPoint => Get<XorMappedAddress>()?.EndPoint ?? Get<MappedAddress>()?.EndPoint;

    public static StunMessage Request(StunMethod method, TransactionId transactionId, params StunAttribute[] attributes) =>
        new(method, StunClass.Request, transactionId, attributes);

    /// <summary>A success response to this request: same method and transaction id.</summary>
    public StunMessage SuccessResponse(params StunAttribute[] attributes) => new(Method, StunClass.SuccessResponse, TransactionId, attributes);

    /// <summary>An error response to this request with ERROR-CODE first.</summary>
    public StunMessage ErrorResponse(int code, params StunAttribute[] attributes) =>
        new(Method, StunClass.ErrorResponse, TransactionId, [new ErrorCode(code), .. attributes]);

    /// <summary>
    /// The wire bytes. With <paramref name="integrityKey"/>, MESSAGE-INTEGRITY (or -SHA256) is computed, appended if the
    /// message has none; with <paramref name="fingerprint"/>, FINGERPRINT is appended. A FINGERPRINT already in the list
    /// is always recomputed. Attribute values are padded to 4 bytes with <paramref name="paddingByte"/> (RFC 8489 §14:
    /// any value; RFC 5769's vectors use spaces).
    /// </summary>
    public byte[] Encode(byte[]? integrityKey = null, bool fingerprint = false, byte paddingByte = 0, bool sha256Integrity = false)
    {
        var hasIntegrity = false;
        var hasFingerprint = false;
        foreach (var a in _attributes)
        {
            hasIntegrity |= a is MessageIntegrity or MessageIntegritySha256;
            hasFingerprint |= a is Fingerprint;
        }
        // MESSAGE-INTEGRITY goes before FINGERPRINT when the list has one, else last (RFC 8489 §14.5, §14.7).
        StunAttribute? addIntegrity = integrityKey is null || hasIntegrity ? null : sha256Integrity ? Integrity256Placeholder : IntegrityPlaceholder;

        var buffer = _scratch ??= new byte[HeaderLength + MaxBodyLength + 8];
        BinaryPrimitives.WriteUInt16BigEndian(buffer, StunMessageType.Encode(Method, Class));
        BinaryPrimitives.WriteUInt32BigEndian(buffer.AsSpan(4), MagicCookie);
        TransactionId.WriteTo(buffer.AsSpan(8));
        var length = HeaderLength;
        foreach (var attribute in _attributes)
        {
            if (attribute is Fingerprint && addIntegrity is not null)
            {
                Write(buffer, ref length, addIntegrity, integrityKey, paddingByte);
                addIntegrity = null;
            }
            Write(buffer, ref length, attribute, integrityKey, paddingByte);
        }
        if (addIntegrity is not null) Write(buffer, ref length, addIntegrity, integrityKey, paddingByte);
        if (fingerprint && !hasFingerprint) Write(buffer, ref length, FingerprintPlaceholder, integrityKey, paddingByte);
        BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(2), (ushort)(length - HeaderLength));
        return buffer.AsSpan(0, length).ToArray();
    }

    /// <summary>One attribute: its header, its value (integrity and fingerprint computed over what is written so far), padding.</summary>
    private void Write(byte[] buffer, ref int length, StunAttribute attribute, byte[]? integrityKey, byte paddingByte)
    {
        var value = buffer.AsSpan(length + 4);
        int valueLength;
        switch (attribute)
        {
            case MessageIntegrity when integrityKey is not null:
                MessageIntegrity.Compute(value, integrityKey, SoFar(buffer, length, 4 + MessageIntegrity.Length));
                valueLength = MessageIntegrity.Length;
                break;
            case MessageIntegritySha256 m when integrityKey is not null:
                valueLength = AttributeValue.Write(value, MessageIntegritySha256.Compute(integrityKey, SoFar(buffer, length, 4 + m.Hmac.Length), m.Hmac.Length));
                break;
            case Fingerprint:
                valueLength = AttributeValue.Write(value, Fingerprint.Compute(SoFar(buffer, length, 8)));
                break;
            default:
                valueLength = attribute.WriteValue(value, TransactionId);
                break;
        }
        if (valueLength > 0xFFFF) throw new ArgumentException($"{attribute.Name} is {valueLength} bytes; an attribute holds at most 65535.");
        var padded = (valueLength + 3) & ~3;
        if (length + 4 + padded - HeaderLength > MaxBodyLength)
            throw new ArgumentException($"The attributes take {length + 4 + padded - HeaderLength} bytes or more; a STUN message holds at most {MaxBodyLength}.");
        BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(length), (ushort)attribute.Type);
        BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(length + 2), (ushort)valueLength);
        buffer.AsSpan(length + 4 + valueLength, padded - valueLength).Fill(paddingByte);
        length += 4 + padded;
    }

    /// <summary>The message so far with its Length field counting up to the end of the next attribute (RFC 8489 §14.5, §14.7).</summary>
    private static ReadOnlySpan<byte> SoFar(byte[] buffer, int length, int nextAttributeSize)
    {
        // Written in place: the final Length is written over it once every attribute is in.
        BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(2), (ushort)(length - HeaderLength + nextAttributeSize));
        return buffer.AsSpan(0, length);
    }

    /// <summary>Quick test for demultiplexing (RFC 8489 §7.3 and RFC 7983): top two bits zero, magic cookie, sane length.</summary>
    public static bool IsStun(ReadOnlySpan<byte> data) =>
        data.Length >= HeaderLength && (data[0] & 0xC0) == 0 && BinaryPrimitives.ReadUInt32BigEndian(data[4..]) == MagicCookie
        && BinaryPrimitives.ReadUInt16BigEndian(data[2..]) is var length && length % 4 == 0 && HeaderLength + length == data.Length;

    /// <summary>
    /// The transaction id of a datagram's STUN message (RFC 8489 §5), read from the header without parsing the
    /// attributes; false when the payload is not STUN (<see cref="IsStun"/>).
    /// </summary>
    public static bool TryReadTransactionId(ReadOnlySpan<byte> udpPayload, out TransactionId transactionId) =>
        TryReadHeader(udpPayload, out _, out _, out transactionId);

    /// <summary>Method, class and transaction id from a STUN header (RFC 8489 §5), the attributes left unparsed.</summary>
    public static bool TryReadHeader(ReadOnlySpan<byte> udpPayload, out StunMethod method, out StunClass stunClass, out TransactionId transactionId)
    {
        if (!IsStun(udpPayload))
        {
            (method, stunClass, transactionId) = (default, default, default);
            return false;
        }
        (method, stunClass) = StunMessageType.Decode(BinaryPrimitives.ReadUInt16BigEndian(udpPayload));
        transactionId = TransactionId.Read(udpPayload[8..]);
        return true;
    }

    /// <summary>Parses one STUN message. Throws <see cref="StunFormatException"/> (and nothing else) naming the problem and its byte offset.</summary>
    public static StunMessage Parse(ReadOnlySpan<byte> data)
    {
        StunFormatException.Require(data.Length >= HeaderLength, data.Length,
            $"a STUN message starts with a {HeaderLength}-byte header, but there are only {data.Length} bytes");
        StunFormatException.Require((data[0] & 0xC0) == 0, 0,
            $"the first two bits of a STUN message are 0, but the first byte is 0x{data[0]:x2}");
        var type = BinaryPrimitives.ReadUInt16BigEndian(data);
        var length = BinaryPrimitives.ReadUInt16BigEndian(data[2..]);
        StunFormatException.Require(length % 4 == 0, 2, $"Message Length is {length}, not a multiple of 4");
        var cookie = BinaryPrimitives.ReadUInt32BigEndian(data[4..]);
        StunFormatException.Require(cookie == MagicCookie, 4, $"the magic cookie is 0x{cookie:x8}, not 0x{MagicCookie:x8}");
        StunFormatException.Require(HeaderLength + length == data.Length, 2,
            $"Message Length says {length} bytes follow the header, but {data.Length - HeaderLength} do");

        var (method, stunClass) = StunMessageType.Decode(type);
        var tid = TransactionId.Read(data[8..]);
        // A first walk over the attribute headers sizes the arrays (a malformed tail is reported by the loop below).
        var count = 0;
        for (var at = HeaderLength; data.Length - at >= 4; count++) at += 4 + ((BinaryPrimitives.ReadUInt16BigEndian(data[(at + 2)..]) + 3) & ~3);
        var attributes = count == 0 ? [] : new StunAttribute[count];
        var offsets = count == 0 ? [] : new int[count];
        var kept = 0;
        List<(StunAttribute, int)>? ignoredList = null;
        var afterIntegrity = false;
        var afterFingerprint = false;
        for (var at = HeaderLength; at < data.Length;)
        {
            StunFormatException.Require(data.Length - at >= 4, at, $"an attribute header needs 4 bytes, but only {data.Length - at} remain");
            var attributeType = BinaryPrimitives.ReadUInt16BigEndian(data[at..]);
            var valueLength = BinaryPrimitives.ReadUInt16BigEndian(data[(at + 2)..]);
            var valueStart = at + 4;
            StunFormatException.Require(data.Length - valueStart >= valueLength, at + 2,
                $"{StunAttributeTypes.Name(attributeType)} says its value is {valueLength} bytes, but only {data.Length - valueStart} remain");
            var padded = (valueLength + 3) & ~3;
            StunFormatException.Require(data.Length - valueStart >= padded, valueStart + valueLength,
                $"{StunAttributeTypes.Name(attributeType)} is not padded to a multiple of 4 bytes");
            var attribute = StunAttributeDecoders.Decode(attributeType, data.Slice(valueStart, valueLength), tid, valueStart);
            // RFC 8489 §14.5: after MESSAGE-INTEGRITY only MESSAGE-INTEGRITY-SHA256 and FINGERPRINT count; after FINGERPRINT nothing (§14.7).
            var ignored = afterFingerprint || afterIntegrity && attribute is not (MessageIntegritySha256 or Fingerprint);
            if (ignored) (ignoredList ??= []).Add((attribute, at));
            else
            {
                attributes[kept] = attribute;
                offsets[kept++] = at;
            }
            afterIntegrity |= attribute is MessageIntegrity or MessageIntegritySha256;
            afterFingerprint |= attribute is Fingerprint && !ignored;
            at = valueStart + padded;
        }
        if (kept < count)
        {
            Array.Resize(ref attributes, kept);
            Array.Resize(ref offsets, kept);
        }
        return new StunMessage(method, stunClass, tid, data.ToArray(), attributes, offsets, ignoredList?.ToArray());
    }

    public static bool TryParse(ReadOnlySpan<byte> data, [NotNullWhen(true)] out StunMessage? message, [NotNullWhen(false)] out StunFormatException? error)
    {
        try
        {
            message = Parse(data);
            error = null;
            return true;
        }
        catch (StunFormatException e)
        {
            message = null;
            error = e;
            return false;
        }
    }

    /// <summary>Checks MESSAGE-INTEGRITY of a parsed message against a key (RFC 8489 §14.5). Absent or wrong: false.</summary>
    public bool VerifyMessageIntegrity(ReadOnlySpan<byte> key) => CheckIntegrity<MessageIntegrity>(key) == StunVerdict.Valid;

    /// <summary>Checks MESSAGE-INTEGRITY-SHA256 (RFC 8489 §14.6). Absent or wrong: false.</summary>
    public bool VerifyMessageIntegritySha256(ReadOnlySpan<byte> key) => CheckIntegrity<MessageIntegritySha256>(key) == StunVerdict.Valid;

    /// <summary>Checks FINGERPRINT (RFC 8489 §14.7). Absent or wrong: false.</summary>
    public bool VerifyFingerprint() => CheckFingerprint() == StunVerdict.Valid;

    /// <summary>The verdict on MESSAGE-INTEGRITY or MESSAGE-INTEGRITY-SHA256 (<typeparamref name="T"/>) for a key.</summary>
    public StunVerdict CheckIntegrity<T>(ReadOnlySpan<byte> key) where T : StunAttribute
    {
        if (!TryFind<T>(out var attribute, out var offset)) return StunVerdict.Absent;
        var (stored, algorithm) = attribute switch
        {
            MessageIntegrity mi => (mi.Hmac, HashAlgorithmName.SHA1),
            MessageIntegritySha256 m => (m.Hmac, HashAlgorithmName.SHA256),
            _ => throw new ArgumentException($"{typeof(T).Name} is not an integrity attribute; use MessageIntegrity or MessageIntegritySha256."),
        };
        // RFC 8489 §14.5: the HMAC covers the message up to the attribute, with Length counting to the attribute's end;
        // the bytes are fed in three pieces so the received message need not be copied to patch its Length.
        Span<byte> patchedLength = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(patchedLength, (ushort)(offset - HeaderLength + 4 + stored.Length));
        Span<byte> expected = stackalloc byte[32];
        KeyedHmac.Compute(expected, algorithm, key, _raw.AsSpan(0, 2), patchedLength, _raw.AsSpan(4, offset - 4));
        return CryptographicOperations.FixedTimeEquals(stored, expected[..stored.Length]) ? StunVerdict.Valid : StunVerdict.Invalid;
    }

    public StunVerdict CheckFingerprint()
    {
        if (!TryFind<Fingerprint>(out var fp, out var offset)) return StunVerdict.Absent;
        // RFC 8489 §14.7: the CRC covers the message up to FINGERPRINT with Length counting it; fed in pieces, not copied.
        Span<byte> patchedLength = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(patchedLength, (ushort)(offset - HeaderLength + 8));
        var crc = Fingerprint.Crc32Update(0xFFFFFFFFu, _raw.AsSpan(0, 2));
        crc = Fingerprint.Crc32Update(crc, patchedLength);
        crc = Fingerprint.Crc32Update(crc, _raw.AsSpan(4, offset - 4));
        return fp.Value == (~crc ^ Fingerprint.XorValue) ? StunVerdict.Valid : StunVerdict.Invalid;
    }

    private bool TryFind<T>([NotNullWhen(true)] out T? attribute, out int offset) where T : StunAttribute
    {
        if (_offsets is not null)
            for (var i = 0; i < _attributes.Length; i++)
                if (_attributes[i] is T t)
                {
                    attribute = t;
                    offset = _offsets[i];
                    return true;
                }
        attribute = null;
        offset = 0;
        return false;
    }

    public override string ToString() =>
        $"{Description} {TransactionId}" + (Attributes.Count > 0 ? ": " + string.Join(", ", Attributes) : "");
}
