using System.Buffers.Binary;
using NatLearning.Protocols;

namespace NatLearning.Stun;

/// <summary>The 96-bit transaction id that pairs a response with its request (RFC 8489 §5).</summary>
public readonly record struct TransactionId(ulong High, uint Low)
{
    public const int Length = 12;

    /// <summary>A fresh id from the generator the caller hands in (seeded in the simulation, OS-seeded over real UDP).</summary>
    public static TransactionId New(IRandomSource random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return new TransactionId(random.NextUInt64(), (uint)random.NextUInt64());
    }

    public static TransactionId Read(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < Length) throw new ArgumentException($"A transaction id is {Length} bytes, not {bytes.Length}.", nameof(bytes));
        return new TransactionId(BinaryPrimitives.ReadUInt64BigEndian(bytes), BinaryPrimitives.ReadUInt32BigEndian(bytes[8..]));
    }

    /// <summary>Parses 24 hex digits, e.g. "b7e7a701bc34d686fa87dfae".</summary>
    public static TransactionId Parse(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        try
        {
            var b = Convert.FromHexString(hex);
            if (b.Length == Length) return Read(b);
        }
        catch (FormatException) { }
        throw new FormatException($"'{hex}' is not a transaction id of 24 hex digits.");
    }

    public void WriteTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, High);
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], Low);
    }

    public byte[] ToArray()
    {
        var b = new byte[Length];
        WriteTo(b);
        return b;
    }

    public override string ToString() => $"{High:x16}{Low:x8}";
}
