using System.CommandLine;
using NatLearning.Stun;

namespace NatLearning.Cli.Commands;

/// <summary><c>natlearn decode [--password P | --long-term USER:REALM:PASSWORD] HEX|FILE</c>: a Wireshark-like dissection of one STUN message.</summary>
internal static class DecodeCommand
{
    public static Command Build()
    {
        var input = new Argument<string>("input") { Description = "The message as hex (spaces allowed) or a file holding its bytes or hex." };
        var password = new Option<string?>("--password") { Description = "Short-term password to check MESSAGE-INTEGRITY with." };
        var longTerm = new Option<string?>("--long-term") { Description = "Long-term credential USER:REALM:PASSWORD to check MESSAGE-INTEGRITY with." };
        var cmd = new Command("decode", "Dissect a STUN message: header, attributes, integrity and fingerprint verdicts.") { input, password, longTerm };
        cmd.Validators.Add(r =>
        {
            if (r.GetValue(password) is not null && r.GetValue(longTerm) is not null) r.AddError("Give --password or --long-term, not both.");
        });
        cmd.SetAction(parse =>
        {
            var bytes = ReadInput(parse.GetValue(input)!);
            StunCredential? credential = parse.GetValue(password) is { } p ? new ShortTermCredential("", p)
                : parse.GetValue(longTerm) is { } lt ? LongTermCredential.Parse(lt) : null;
            try
            {
                parse.InvocationConfiguration.Output.Write(StunDissection.Dissect(bytes, credential));
            }
            catch (StunFormatException e)
            {
                parse.InvocationConfiguration.Error.WriteLine($"natlearn: not a valid STUN message: {e.Problem} (at byte {e.Offset})");
                return 1;
            }
            return 0;
        });
        return cmd;
    }

    /// <summary>A file's bytes (or the hex it holds), or the argument as hex.</summary>
    internal static byte[] ReadInput(string input)
    {
        if (File.Exists(input))
        {
            var raw = File.ReadAllBytes(input);
            var text = System.Text.Encoding.ASCII.GetString(raw);
            return text.All(c => Uri.IsHexDigit(c) || char.IsWhiteSpace(c)) && text.Any(Uri.IsHexDigit) ? Hex(text, input) : raw;
        }
        return Hex(input, null);
    }

    private static byte[] Hex(string text, string? file)
    {
        var digits = new List<char>();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c) || c == ':') continue;
            if (!Uri.IsHexDigit(c))
                throw new FormatException(file is null
                    ? $"'{Shorten(text)}' is neither a file nor hex: '{c}' at character {i} is not a hex digit."
                    : $"{file}: '{c}' at character {i} is not a hex digit.");
            digits.Add(c);
        }
        if (digits.Count % 2 != 0) throw new FormatException($"The hex input has {digits.Count} digits; bytes need an even number.");
        if (digits.Count == 0) throw new FormatException("The input is empty.");
        return Convert.FromHexString(new string([.. digits]));
    }

    private static string Shorten(string s) => s.Length <= 40 ? s : s[..39] + "…";
}
