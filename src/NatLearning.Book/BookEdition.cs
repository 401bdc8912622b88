namespace NatLearning.Book;

/// <summary>Which book <see cref="BookBuilder"/> writes.</summary>
public enum BookEdition
{
    /// <summary>The notebooks as committed: every check says "✘ Not yet"; each solution sits behind a "show solution" toggle, not run.</summary>
    Students,

    /// <summary>Solutions merged in and run (<c>natlearn book --with-solutions</c>): every check says "✔ Right".</summary>
    Teachers,
}
