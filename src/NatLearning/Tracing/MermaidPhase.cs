namespace NatLearning.Tracing;

/// <summary>
/// One part of a long trace's diagram, drawn on its own (<see cref="MermaidSequence.Phases"/>): the arrows of one
/// protocol phase (discovery, allocation, checks ...) or one window of steps. <see cref="Source"/> is complete Mermaid,
/// numbered as in the whole trace, with the participants it uses in the order the whole diagram has them.
/// </summary>
/// <param name="Notes">The full text of each note, in drawing order (the diagram shows them shortened).</param>
public sealed record MermaidPhase(string Title, string Source, IReadOnlyList<DiagramArrow> Arrows, IReadOnlyList<string> Notes)
{
    public int FirstArrow => Arrows.Count == 0 ? 0 : Arrows[0].Number;
    public int LastArrow => Arrows.Count == 0 ? 0 : Arrows[^1].Number;
}

/// <summary>One arrow of a diagram with what its short label leaves out: addresses, the full Info column, the NAT's rewrite, the drop.</summary>
/// <param name="Number">The number the diagram draws beside the arrow.</param>
/// <param name="Info">Wireshark's Protocol and Info columns, e.g. "STUN Binding Success Response XOR-MAPPED-ADDRESS: 49.36.10.25:62000".</param>
/// <param name="Translation">What the NAT that sent this copy rewrote, or null.</param>
/// <param name="Drop">Where and why this copy of the packet went no further, or null.</param>
public sealed record DiagramArrow(int Number, TraceEvent Event, string From, string To, string Label, string Info, string? Translation, TraceEvent? Drop);
