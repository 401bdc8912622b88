using NatLearning.Protocols;

namespace NatLearning.Tracing;

/// <summary>A state table recorded in a trace: it holds from event number <paramref name="FromEvent"/> on (1 = the first event).</summary>
public sealed record TraceState(int FromEvent, StateTable Table);
