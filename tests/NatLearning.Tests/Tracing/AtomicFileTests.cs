using NatLearning.Tracing;

namespace NatLearning.Tests.Tracing;

public sealed class AtomicFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("natlearn-atomic-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_link_planted_at_the_old_predictable_temporary_name_is_not_written_through()
    {
        // The old temporary name was .NAME.PID.tmp: anyone who could write the folder could point it at a file of ours.
        var victim = Path.Combine(_dir, "victim.txt");
        File.WriteAllText(victim, "keep me");
        var target = Path.Combine(_dir, "trace.mmd");
        var planted = Path.Combine(_dir, $".trace.mmd.{Environment.ProcessId}.tmp");
        File.CreateSymbolicLink(planted, victim);

        AtomicFile.WriteText(target, "sequenceDiagram");

        Assert.Equal("keep me", File.ReadAllText(victim));
        Assert.Equal("sequenceDiagram", File.ReadAllText(target));
        Assert.Equal(victim, new FileInfo(planted).LinkTarget);   // someone else's file is left as it was
        Assert.Equal(new[] { Path.GetFileName(planted), "trace.mmd", "victim.txt" }, Directory.GetFileSystemEntries(_dir).Select(Path.GetFileName).Order(StringComparer.Ordinal));   // no temporary file left
    }

    [Fact]
    public void A_failed_write_leaves_the_old_file_and_no_temporary_file()
    {
        var target = Path.Combine(_dir, "x.pcap");
        File.WriteAllText(target, "old");

        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(target, s =>
        {
            s.WriteByte(1);
            throw new InvalidOperationException("half-way");
        }));

        Assert.Equal("old", File.ReadAllText(target));
        Assert.Equal(["x.pcap"], Directory.GetFileSystemEntries(_dir).Select(Path.GetFileName));
    }
}
