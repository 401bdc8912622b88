using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using NatLearning.Packets;

namespace NatLearning.Interactive;

/// <summary>The expanded view of one packet: its IPv4 and UDP header fields by name, and a hex dump as Wireshark shows it.</summary>
internal static class PacketDissection
{
    public static string Fields(byte[] b)
    {
        if (b.Length < Packet.HeaderLength) return $"<p>Truncated packet: {b.Length} bytes.</p>";
        var p = Packet.Parse(b);
        var sb = new StringBuilder("<table class=\"fields\">");
        void Row(string name, string value) => sb.Append("<tr><td>").Append(Html.E(name)).Append("</td><td>").Append(Html.E(value)).Append("</td></tr>");
        sb.Append("<tr><td colspan=\"2\"><b>Internet Protocol Version 4</b></td></tr>");
        Row("Version / header length", $"4 / {(b[0] & 0x0F) * 4} bytes");
        Row("Total length", BinaryPrimitives.ReadUInt16BigEndian(b.AsSpan(2)).ToString(CultureInfo.InvariantCulture));
        Row("Identification", $"0x{p.Identification:x4} ({p.Identification})");
        Row("Flags", (BinaryPrimitives.ReadUInt16BigEndian(b.AsSpan(6)) & 0x4000) != 0 ? "0x2, Don't fragment" : "0x0");
        Row("Time to live", p.Ttl.ToString(CultureInfo.InvariantCulture));
        Row("Protocol", $"UDP ({b[9]})");
        Row("Header checksum", $"0x{p.HeaderChecksum:x4} [{(p.HeaderChecksumValid ? "correct" : "WRONG")}]");
        Row("Source address", p.Source.Address.ToString());
        Row("Destination address", p.Destination.Address.ToString());
        sb.Append("<tr><td colspan=\"2\"><b>User Datagram Protocol</b></td></tr>");
        Row("Source port", p.Source.Port.ToString(CultureInfo.InvariantCulture));
        Row("Destination port", p.Destination.Port.ToString(CultureInfo.InvariantCulture));
        Row("Length", BinaryPrimitives.ReadUInt16BigEndian(b.AsSpan(24)).ToString(CultureInfo.InvariantCulture));
        Row("Checksum", $"0x{p.UdpChecksum:x4} [{(p.UdpChecksumValid ? "correct" : "WRONG")}]");
        Row("Payload", $"{p.Payload.Length} bytes");
        return sb.Append("</table>").ToString();
    }

    /// <summary>16 bytes a line: offset, hex, printable ASCII.</summary>
    public static string HexDump(ReadOnlySpan<byte> b)
    {
        var sb = new StringBuilder();
        for (var off = 0; off < b.Length; off += 16)
        {
            var line = b.Slice(off, Math.Min(16, b.Length - off));
            sb.Append(off.ToString("x4", CultureInfo.InvariantCulture)).Append("  ");
            for (var i = 0; i < 16; i++)
            {
                sb.Append(i < line.Length ? line[i].ToString("x2", CultureInfo.InvariantCulture) + " " : "   ");
                if (i == 7) sb.Append(' ');
            }
            sb.Append(' ');
            foreach (var c in line) sb.Append(c is >= 0x20 and < 0x7F ? (char)c : '.');
            sb.Append('\n');
        }
        return sb.ToString();
    }
}
