using NatLearning.Tracing;

namespace NatLearning.Interactive;

/// <summary>Notebook-friendly views of a trace, so a cell can end with <c>trace.ToDiagram()</c>.</summary>
public static class TraceExtensions
{
    /// <summary>The trace as a Mermaid sequence diagram that draws itself when displayed.</summary>
    public static SequenceDiagram ToDiagram(this Trace trace, MermaidOptions? options = null, string? title = null) => SequenceDiagram.Of(trace, options, title);
}
