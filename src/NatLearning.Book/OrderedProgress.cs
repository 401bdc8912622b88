namespace NatLearning.Book;

/// <summary>
/// Progress lines of notebooks that run at the same time, written in notebook order: the earliest unfinished
/// notebook's lines go out as they come, a later one's are held until every notebook before it has finished.
/// </summary>
internal sealed class OrderedProgress(TextWriter output, int notebooks)
{
    private readonly Lock _gate = new();
    private readonly List<string>[] _held = [.. Enumerable.Range(0, notebooks).Select(_ => new List<string>())];
    private readonly bool[] _finished = new bool[notebooks];
    private int _head;

    public void Line(int notebook, string text)
    {
        lock (_gate)
        {
            if (notebook == _head) output.WriteLine(text);
            else _held[notebook].Add(text);
        }
    }

    public void Finished(int notebook)
    {
        lock (_gate)
        {
            _finished[notebook] = true;
            while (_head < notebooks && _finished[_head])
            {
                _head++;
                if (_head == notebooks) break;
                foreach (var line in _held[_head]) output.WriteLine(line);
                _held[_head].Clear();
            }
        }
    }
}
