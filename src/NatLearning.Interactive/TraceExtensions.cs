using NatLearning.Tracing;

namespace NatLearning.Interactive;

/// <summary>Notebook-friendly views of a trace, so a cell can end with <c>trace.ToDiagram()</c>.</summary>
public static class TraceExtensions
{
    /// <summary>The trace as a Mermaid sequence diagram that draws itself when displayed (a long trace in phases).</summary>
    public static SequenceDiagram ToDiagram(this Trace trace, MermaidOptions? options = null, string? title = null) => SequenceDiagram.Of(trace, options, title);

    /// <summary>Only the <paramref name="steps"/> arrows around arrow number <paramref name="around"/> (the numbers the full diagram draws).</summary>
    public static SequenceDiagram ToDiagram(this Trace trace, int around, int steps = 12, MermaidOptions? options = null, string? title = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(around, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(steps, 1);
        var o = (options ?? new MermaidOptions()) with { FirstMessage = Math.Max(1, around - steps / 2), MaxMessages = steps, PhaseSize = steps };
        return SequenceDiagram.Of(trace, o, title);
    }
}
