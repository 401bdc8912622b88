namespace NatLearning.Cli;

/// <summary>Reads the NAME:PASSWORD the TURN commands take (the password may contain ':').</summary>
internal static class TurnCredentials
{
    public static (string Name, string Password) Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var colon = text.IndexOf(':');
        if (colon <= 0 || colon == text.Length - 1)
            throw new ArgumentException($"--user '{text}' is not NAME:PASSWORD (both parts non-empty).");
        return (text[..colon], text[(colon + 1)..]);
    }
}
