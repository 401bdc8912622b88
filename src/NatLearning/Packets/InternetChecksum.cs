using System.Buffers.Binary;

namespace NatLearning.Packets;

/// <summary>The one's-complement checksum used by IPv4 and UDP.</summary>
public static class InternetChecksum
{
    /// <summary>Adds 16-bit big-endian words of <paramref name="data"/> to a running 32-bit sum (RFC 1071 §4.1).</summary>
    public static uint Add(uint sum, ReadOnlySpan<byte> data)
    {
        // Eight bytes at a time: four 16-bit words summed in a 64-bit accumulator, folded once at the end.
        ulong acc = sum;
        var i = 0;
        for (; i + 8 <= data.Length; i += 8)
        {
            var v = BinaryPrimitives.ReadUInt64BigEndian(data[i..]);
            acc += (v >> 48) + ((v >> 32) & 0xFFFF) + ((v >> 16) & 0xFFFF) + (v & 0xFFFF);
        }
        for (; i + 1 < data.Length; i += 2) acc += BinaryPrimitives.ReadUInt16BigEndian(data[i..]);
        if (i < data.Length) acc += (uint)data[i] << 8;
        while (acc >> 32 != 0) acc = (acc & 0xFFFFFFFF) + (acc >> 32);
        return (uint)acc;
    }

    /// <summary>Folds the carries and complements (RFC 1071 §4.1).</summary>
    public static ushort Finish(uint sum)
    {
        while (sum >> 16 != 0) sum = (sum & 0xFFFF) + (sum >> 16);
        return (ushort)~sum;
    }

    public static ushort Compute(ReadOnlySpan<byte> data) => Finish(Add(0, data));

    /// <summary>Incremental update when one 16-bit word changes: HC' = ~(~HC + ~m + m') (RFC 1624 §3, eqn. 3).</summary>
    public static ushort Update(ushort checksum, ushort oldWord, ushort newWord)
    {
        uint sum = (uint)(ushort)~checksum + (ushort)~oldWord + newWord;
        return Finish(sum);
    }
}
