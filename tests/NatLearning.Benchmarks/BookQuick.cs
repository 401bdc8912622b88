using System.Diagnostics;

namespace NatLearning.Benchmarks;

/// <summary>
/// <c>--book</c>: the issue's figure as a user gets it, <c>dotnet run --project src/NatLearning.Cli -- book</c> on a
/// checkout already built (built first, untimed; the command's own up-to-date check is timed), run <c>NATLEARN_BENCH_REPEAT</c> times (3 by default);
/// prints each run's wall time and the book's own summary (slowest cell after a notebook's first, peak working set).
/// <c>NATLEARN_BENCH_BOOK_ARGS</c> adds options (e.g. <c>--jobs 1</c>).
/// </summary>
internal static class BookQuick
{
    public static void Run()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "NatLearning.sln"))) root = root.Parent;
        if (root is null) throw new InvalidOperationException("Run from inside the NatLearning checkout.");
        var repeat = int.Parse(Environment.GetEnvironmentVariable("NATLEARN_BENCH_REPEAT") ?? "3", System.Globalization.CultureInfo.InvariantCulture);
        var extra = Environment.GetEnvironmentVariable("NATLEARN_BENCH_BOOK_ARGS") ?? "";
        var output = Path.Combine(Path.GetTempPath(), $"natlearn-bench-book-{Environment.ProcessId}");
        var walls = new List<double>();
        // "A checkout already built": build first, untimed (building this benchmark in Release touches what the CLI's
        // Debug up-to-date check looks at); the timed runs then include only the check itself.
        using (var build = Process.Start(new ProcessStartInfo("dotnet", ["build", "src/NatLearning.Cli", "-v", "q", "-nologo"]) { WorkingDirectory = root.FullName, RedirectStandardOutput = true })!)
        {
            build.StandardOutput.ReadToEnd();
            build.WaitForExit();
            if (build.ExitCode != 0) throw new InvalidOperationException("dotnet build src/NatLearning.Cli failed.");
        }
        try
        {
            for (var i = 0; i < repeat; i++)
            {
                var start = new ProcessStartInfo("dotnet") { WorkingDirectory = root.FullName, RedirectStandardOutput = true, RedirectStandardError = true };
                foreach (var a in new[] { "run", "--project", "src/NatLearning.Cli", "--", "book", "--out", output }) start.ArgumentList.Add(a);
                foreach (var a in extra.Split(' ', StringSplitOptions.RemoveEmptyEntries)) start.ArgumentList.Add(a);
                var sw = Stopwatch.StartNew();
                using var p = Process.Start(start)!;
                var stderr = p.StandardError.ReadToEndAsync();
                var lines = p.StandardOutput.ReadToEnd().Split('\n');
                p.WaitForExit();
                sw.Stop();
                if (p.ExitCode != 0) throw new InvalidOperationException($"natlearn book failed ({p.ExitCode}): {stderr.Result}{string.Join('\n', lines.TakeLast(5))}");
                walls.Add(sw.Elapsed.TotalSeconds);
                var summary = lines.SkipWhile(l => l != "Summary").Where(l => l.Contains("slowest") || l.Contains("total,") || l.Contains("peak"));
                Console.WriteLine($"run {i + 1}: {sw.Elapsed.TotalSeconds:0.00} s wall (load {(File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?")})");
                foreach (var l in summary) Console.WriteLine("   " + l.Trim());
            }
            Console.WriteLine($"natlearn book, {repeat} run(s): {walls.Min():0.00}–{walls.Max():0.00} s wall");
        }
        finally
        {
            if (Directory.Exists(output)) Directory.Delete(output, recursive: true);
        }
    }
}
