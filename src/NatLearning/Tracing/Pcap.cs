using System.Buffers.Binary;

namespace NatLearning.Tracing;

/// <summary>Writes the wire packets of a trace as a classic libpcap file that Wireshark and tshark open.</summary>
public static class Pcap
{
    private const uint Magic = 0xA1B2C3D4;   // microsecond timestamps
    private const int SnapLength = 65535;

    public static byte[] Write(Trace trace, PcapLinkType linkType = PcapLinkType.Ipv4)
    {
        using var ms = new MemoryStream();
        Write(ms, trace, linkType);
        return ms.ToArray();
    }

    public static void Write(Stream stream, Trace trace, PcapLinkType linkType = PcapLinkType.Ipv4)
    {
        Span<byte> h = stackalloc byte[24];
        BinaryPrimitives.WriteUInt32LittleEndian(h, Magic);
        BinaryPrimitives.WriteUInt16LittleEndian(h[4..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(h[6..], 4);
        BinaryPrimitives.WriteInt32LittleEndian(h[8..], 0);          // thiszone
        BinaryPrimitives.WriteUInt32LittleEndian(h[12..], 0);        // sigfigs
        BinaryPrimitives.WriteUInt32LittleEndian(h[16..], SnapLength);
        BinaryPrimitives.WriteUInt32LittleEndian(h[20..], (uint)linkType);
        stream.Write(h);
        Span<byte> r = stackalloc byte[16];
        foreach (var e in trace.WirePackets)
        {
            var micros = e.Time.Ticks / 10;
            BinaryPrimitives.WriteUInt32LittleEndian(r, (uint)(micros / 1_000_000));
            BinaryPrimitives.WriteUInt32LittleEndian(r[4..], (uint)(micros % 1_000_000));
            BinaryPrimitives.WriteUInt32LittleEndian(r[8..], (uint)e.Bytes!.Length);
            BinaryPrimitives.WriteUInt32LittleEndian(r[12..], (uint)e.Bytes.Length);
            stream.Write(r);
            stream.Write(e.Bytes);
        }
    }

    /// <summary>Writes to a temporary file beside <paramref name="path"/> and renames it, so a failure never leaves half a file.</summary>
    public static void WriteFile(string path, Trace trace, PcapLinkType linkType = PcapLinkType.Ipv4) =>
        AtomicFile.Write(path, s => Write(s, trace, linkType));

    /// <summary>Reads a classic pcap back: each record's timestamp and bytes (for tests and the decode command).</summary>
    public static IReadOnlyList<(TimeSpan Time, byte[] Bytes)> Read(ReadOnlySpan<byte> file, out PcapLinkType linkType)
    {
        if (file.Length < 24) throw new FormatException($"A pcap file starts with a 24-byte header; this one has {file.Length} bytes.");
        if (BinaryPrimitives.ReadUInt32LittleEndian(file) != Magic) throw new FormatException("Bytes 0-3 are not the little-endian pcap magic number a1b2c3d4.");
        linkType = (PcapLinkType)BinaryPrimitives.ReadUInt32LittleEndian(file[20..]);
        var list = new List<(TimeSpan, byte[])>();
        var o = 24;
        while (o < file.Length)
        {
            if (o + 16 > file.Length) throw new FormatException($"Byte {o}: a record header is cut short.");
            var sec = BinaryPrimitives.ReadUInt32LittleEndian(file[o..]);
            var usec = BinaryPrimitives.ReadUInt32LittleEndian(file[(o + 4)..]);
            var incl = (int)BinaryPrimitives.ReadUInt32LittleEndian(file[(o + 8)..]);
            if (incl < 0 || o + 16 + incl > file.Length) throw new FormatException($"Byte {o + 8}: a record claims {incl} bytes, more than the file holds.");
            list.Add((TimeSpan.FromTicks((sec * 1_000_000L + usec) * 10), file.Slice(o + 16, incl).ToArray()));
            o += 16 + incl;
        }
        return list;
    }
}
