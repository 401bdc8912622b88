using System.Buffers.Binary;

namespace NatLearning.Stun.Attributes;

/// <summary>PASSWORD-ALGORITHM (RFC 8489 §14.12): which hash the long-term key uses (1 = MD5, 2 = SHA-256) and its parameters.</summary>
public sealed record PasswordAlgorithm(ushort Algorithm, byte[] Parameters) : StunAttribute
{
    public const ushort Md5 = 0x0001, Sha256 = 0x0002;

    public PasswordAlgorithm(ushort algorithm) : this(algorithm, []) { }

    public override StunAttributeType Type => StunAttributeType.PasswordAlgorithm;
    public override byte[] EncodeValue(TransactionId transactionId) => Encode(Algorithm, Parameters);
    public override string Describe() => AlgorithmName(Algorithm) + (Parameters.Length > 0 ? $" ({Parameters.Length} bytes of parameters)" : "");

    public static string AlgorithmName(ushort algorithm) => algorithm switch { Md5 => "MD5", Sha256 => "SHA-256", _ => $"0x{algorithm:x4}" };

    // Algorithm (2 bytes), parameters length (2 bytes), parameters padded to 4 bytes (RFC 8489 §14.11).
    internal static byte[] Encode(ushort algorithm, byte[] parameters)
    {
        var b = new byte[4 + (parameters.Length + 3) / 4 * 4];
        BinaryPrimitives.WriteUInt16BigEndian(b, algorithm);
        BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(2), (ushort)parameters.Length);
        parameters.CopyTo(b, 4);
        return b;
    }

    /// <summary>Reads one algorithm entry at <paramref name="at"/>; returns its padded size.</summary>
    internal static int Read(ReadOnlySpan<byte> value, int at, int offset, out PasswordAlgorithm algorithm)
    {
        StunFormatException.Require(value.Length - at >= 4, offset + at, "a password algorithm entry needs 4 bytes");
        var id = BinaryPrimitives.ReadUInt16BigEndian(value[at..]);
        var length = BinaryPrimitives.ReadUInt16BigEndian(value[(at + 2)..]);
        StunFormatException.Require(value.Length - at - 4 >= length, offset + at + 2, $"password algorithm parameters say {length} bytes but only {value.Length - at - 4} remain");
        algorithm = new PasswordAlgorithm(id, value.Slice(at + 4, length).ToArray());
        return 4 + (length + 3) / 4 * 4;
    }

    internal static PasswordAlgorithm Decode(ReadOnlySpan<byte> value, TransactionId transactionId, int offset)
    {
        var size = Read(value, 0, offset, out var a);
        StunFormatException.Require(size == value.Length, offset, $"PASSWORD-ALGORITHM is {value.Length} bytes; its contents take {size}");
        return a;
    }
}
