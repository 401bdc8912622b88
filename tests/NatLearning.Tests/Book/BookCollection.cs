namespace NatLearning.Tests.Book;

/// <summary>Book runs change the process's working directory (as a notebook kernel does), so they run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BookCollection
{
    public const string Name = "book";
}
