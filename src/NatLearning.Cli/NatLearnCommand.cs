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
        root.Add(Commands.DecodeCommand.Build());
        return root;
    }

    /// <summary>Parses and runs. A parse error prints one line per problem and a hint (no help dump); a failure prints one line, not a stack trace.</summary>
    public static int Run(string[] args, TextWriter? output = null, TextWriter? error = null)
    {
        output ??= Console.Out;
        error ??= Console.Error;
        var parse = Build().Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var e in parse.Errors) error.WriteLine($"natlearn: {e.Message}");
            var cmd = string.Join(' ', parse.CommandResult.Command.Name == "natlearn" ? [] : new[] { parse.CommandResult.Command.Name });
            error.WriteLine($"Try 'natlearn {cmd}{(cmd.Length > 0 ? " " : "")}--help'.");
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
}
