namespace NatLearning.Book;

/// <summary>
/// The working directory notebooks run in. A C# kernel resolves a relative <c>#r</c> path against the process's
/// working directory, read at each submission, as VS Code's does (it starts the kernel in the notebook's folder). The
/// working directory is one per process, so notebooks running at the same time share it: they must come from one
/// folder (a book's chapters do). The first to enter sets it, the last to leave puts the previous one back.
/// </summary>
internal static class NotebookFolder
{
    private static readonly Lock Gate = new();
    private static int _users;
    private static string _folder = "";
    private static string _previous = "";

    public static Scope Enter(string folder)
    {
        lock (Gate)
        {
            if (_users == 0)
            {
                _previous = Environment.CurrentDirectory;
                Environment.CurrentDirectory = folder;
                _folder = folder;
            }
            else if (!string.Equals(_folder, folder, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"Notebooks in {folder} cannot run while notebooks in {_folder} do: a kernel resolves #r against the process's one working directory.");
            }
            _users++;
        }
        return new Scope();
    }

    private static void Leave()
    {
        lock (Gate)
        {
            if (--_users == 0) Environment.CurrentDirectory = _previous;
        }
    }

    public readonly struct Scope : IDisposable
    {
        public void Dispose() => Leave();
    }
}
