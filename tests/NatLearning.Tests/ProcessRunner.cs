using System.Diagnostics;

namespace NatLearning.Tests;

/// <summary>Runs a program to completion and returns its exit code and both streams.</summary>
internal static class ProcessRunner
{
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(string file, IEnumerable<string> args, string workingDirectory, CancellationToken cancel)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var p = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        var output = p.StandardOutput.ReadToEndAsync(cancel);
        var error = p.StandardError.ReadToEndAsync(cancel);
        await p.WaitForExitAsync(cancel);
        return (p.ExitCode, await output, await error);
    }

    /// <summary>The natlearn command as built by this checkout (the test project's reference to the CLI builds it).</summary>
    public static Task<(int ExitCode, string Output, string Error)> NatlearnAsync(CancellationToken cancel, params string[] args) =>
        RunAsync("dotnet", [Path.Combine(RepoPaths.Root, "src", "NatLearning.Cli", "bin", "Debug", "net10.0", "natlearn.dll"), .. args], RepoPaths.Root, cancel);
}
