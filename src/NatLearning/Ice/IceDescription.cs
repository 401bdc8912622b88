using System.Text;

namespace NatLearning.Ice;

/// <summary>
/// The ICE part of an SDP offer or answer (RFC 8839): ufrag, password and candidates, what the peers exchange
/// through the signalling server before checking.
/// </summary>
public sealed record IceDescription(IceCredentials Credentials, IReadOnlyList<Candidate> Candidates)
{
    public string ToSdp()
    {
        var sb = new StringBuilder();
        sb.Append("a=ice-ufrag:").Append(Credentials.Ufrag).Append('\n');
        sb.Append("a=ice-pwd:").Append(Credentials.Password).Append('\n');
        foreach (var c in Candidates) sb.Append("a=").Append(c.ToSdp()).Append('\n');
        sb.Append("a=end-of-candidates\n");
        return sb.ToString();
    }

    /// <summary>Parses the lines <see cref="ToSdp"/> writes; a missing ufrag or password, or a bad candidate, gives a FormatException.</summary>
    public static IceDescription Parse(string sdp)
    {
        ArgumentNullException.ThrowIfNull(sdp);
        string? ufrag = null, pwd = null;
        var candidates = new List<Candidate>();
        foreach (var raw in sdp.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (raw.StartsWith("a=ice-ufrag:", StringComparison.Ordinal)) ufrag = raw["a=ice-ufrag:".Length..];
            else if (raw.StartsWith("a=ice-pwd:", StringComparison.Ordinal)) pwd = raw["a=ice-pwd:".Length..];
            else if (raw.StartsWith("a=candidate:", StringComparison.Ordinal)) candidates.Add(Candidate.ParseSdp(raw));
        }
        if (ufrag is null || pwd is null) throw new FormatException("An ICE description needs a=ice-ufrag and a=ice-pwd lines.");
        try { return new IceDescription(new IceCredentials(ufrag, pwd), candidates); }
        catch (ArgumentException e) { throw new FormatException(e.Message, e); }
    }
}
