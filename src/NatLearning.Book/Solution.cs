namespace NatLearning.Book;

/// <summary>One exercise's solution as a teacher reads it: the exercise id, why it is the answer, and the code.</summary>
/// <param name="Id">The id the notebook's <c>exercise:ID</c> and <c>check:ID</c> cells carry.</param>
/// <param name="Explanation">The prose under the solution's heading (markdown), possibly empty.</param>
/// <param name="Code">The C# that, run right after the student's cell, makes the check say "✔ Right".</param>
public sealed record Solution(string Id, string Explanation, string Code);
