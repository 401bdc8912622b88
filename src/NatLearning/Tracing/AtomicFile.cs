using System.Security.Cryptography;

namespace NatLearning.Tracing;

/// <summary>Writes a file whole or not at all: to a new temporary sibling first, then renamed over the target.</summary>
public static class AtomicFile
{
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(dir)) throw new DirectoryNotFoundException($"Cannot write {path}: the folder {dir} does not exist.");
        // An unpredictable name, created exclusively: nobody can have placed a file or a link there for us to write through.
        var tmp = Path.Combine(dir, $".{Path.GetFileName(full)}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12))}.tmp");
        var created = false;
        try
        {
            using (var s = new FileStream(tmp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                created = true;
                write(s);
            }
            File.Move(tmp, full, overwrite: true);
            created = false;
        }
        finally
        {
            // Only our own file is removed: one that was there before CreateNew failed is left alone.
            if (created) File.Delete(tmp);
        }
    }

    public static void WriteText(string path, string text) => Write(path, s =>
    {
        using var w = new StreamWriter(s, new System.Text.UTF8Encoding(false));
        w.Write(text);
    });
}
