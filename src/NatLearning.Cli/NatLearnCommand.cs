using System.CommandLine;

namespace NatLearning.Cli;

/// <summary>The root of the <c>natlearn</c> command; each sub-command lives in its own file under Commands/.</summary>
public static class NatLearnCommand
{
    public static RootCommand Build()
    {
        var root = new RootCommand("natlearn — see how two computers behind NAT routers find each other (simulated and real).");
        root.Add(Commands.ScenarioCommand.Build());
        root.Add(Commands.BookCommand.Build());
        root.Add(Commands.StunCommand.Build());
        root.Add(Commands.ClassifyCommand.Build());
        var serve = Commands.ServeStunCommand.Build();
        serve.Add(Commands.ServeTurnCommand.Build());
        root.Add(serve);
        root.Add(Commands.TurnCommand.Build());
        root.Add(Commands.IceCommand.Build());
        root.Add(Commands.DecodeCommand.Build());
        root.Add(Commands.CandidatesCommand.Build());
        OptionValues.CheckNumbers(root);
        return root;
    }

    /// <summary>
    /// Parses and runs. A parse error prints one line per problem, the last one naming the command's help (no help dump),
    /// and exits 2; a failure prints one line, not a stack trace, and exits 1.
    /// </summary>
    public static int Run(string[] args, TextWriter? output = null, TextWriter? error = null)
    {
        output ??= Console.Out;
        error ??= Console.Error;
        ParseResult parse;
        try
        {
            parse = Build().Parse(args);
        }
        catch (InvalidOperationException e)
        {
            // A validator that reads a value which did not parse throws from inside the parser; it is still a bad value.
            error.WriteLine($"natlearn: {e.Message}");
            return 2;
        }
        if (parse.Errors.Count > 0)
        {
            for (var i = 0; i < parse.Errors.Count; i++)
                error.WriteLine(i < parse.Errors.Count - 1 ? $"natlearn: {parse.Errors[i].Message}" : $"natlearn: {parse.Errors[i].Message} See '{CommandPath(parse.CommandResult)} --help'.");
            return 2;
        }
        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (e is ArgumentException or FormatException or IOException or UnauthorizedAccessException or InvalidOperationException or KeyNotFoundException)
        {
            // ArgumentException appends " (Parameter 'x')", which names our code, not the user's input.
            var message = e is ArgumentException { ParamName: { } p } ? e.Message.Replace($" (Parameter '{p}')", "", StringComparison.Ordinal) : e.Message;
            error.WriteLine($"natlearn: {message}");
            return 1;
        }
    }

    /// <summary>The words that lead to a command, e.g. "natlearn serve turn".</summary>
    private static string CommandPath(System.CommandLine.Parsing.CommandResult command)
    {
        var names = new List<string>();
        for (System.CommandLine.Parsing.SymbolResult? r = command; r is not null; r = r.Parent)
            if (r is System.CommandLine.Parsing.CommandResult c) names.Insert(0, c.Command is RootCommand ? "natlearn" : c.Command.Name);
        return string.Join(' ', names);
    }
}
