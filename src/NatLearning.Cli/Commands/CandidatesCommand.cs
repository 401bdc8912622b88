using System.CommandLine;
using NatLearning.Ice;

namespace NatLearning.Cli.Commands;

/// <summary>
/// <c>natlearn candidates FILE|-</c>: the candidate lines of an SDP, or lines copied from a browser (chrome://webrtc-internals,
/// the Trickle ICE page, <c>onicecandidate</c>), as the Trickle ICE page's table with what each one means.
/// </summary>
internal static class CandidatesCommand
{
    public static Command Build()
    {
        var input = new Argument<string>("input") { Description = "A file with an SDP or candidate lines, or - for standard input." };
        var cmd = new Command("candidates", "Read ICE candidate lines (RFC 8839 §5.1) from an SDP or a browser and say what each one means.") { input };
        cmd.SetAction(parse =>
        {
            var path = parse.GetValue(input)!;
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var text = path == "-" ? Console.In.ReadToEnd()
                : File.Exists(path) ? File.ReadAllText(path)
                : throw new FileNotFoundException($"{path}: no such file (give a file with an SDP or candidate lines, or - for standard input).");
            var lines = CandidateLines.Parse(text);
            if (lines.Candidates.Count == 0 && lines.Errors.Count == 0)
            {
                error.WriteLine($"natlearn: {(path == "-" ? "standard input" : path)} holds no candidate line (lines that contain 'candidate:').");
                return 1;
            }
            // The table for what was read; each line that was not, on the error stream with its number.
            if (lines.Candidates.Count > 0) output.Write((lines with { Errors = [] }).ToText());
            foreach (var e in lines.Errors) error.WriteLine($"natlearn: {e}");
            return lines.Errors.Count == 0 ? 0 : 1;
        });
        return cmd;
    }
}
