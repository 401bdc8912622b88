using NatLearning.Tracing;

namespace NatLearning.Cli.Commands;

/// <summary>The terminal trace player: one step on screen at a time, keys move forward and back.</summary>
internal static class StepPlayer
{
    public static int Run(TraceTimeline timeline, TextWriter o)
    {
        if (timeline.Count == 0)
        {
            o.WriteLine("The trace is empty.");
            return 0;
        }
        var i = 0;
        while (true)
        {
            Console.Clear();
            o.Write(timeline[i].ToText());
            o.WriteLine($"\n[{i + 1}/{timeline.Count}]  Enter/→ next · Backspace/← back · Home reset · q quit");
            var key = Console.ReadKey(intercept: true);
            switch (key.Key)
            {
                case ConsoleKey.Enter or ConsoleKey.RightArrow or ConsoleKey.Spacebar or ConsoleKey.DownArrow:
                    if (i < timeline.Count - 1) i++;
                    break;
                case ConsoleKey.Backspace or ConsoleKey.LeftArrow or ConsoleKey.UpArrow:
                    if (i > 0) i--;
                    break;
                case ConsoleKey.Home:
                    i = 0;
                    break;
                case ConsoleKey.Q or ConsoleKey.Escape:
                    return 0;
            }
        }
    }
}
