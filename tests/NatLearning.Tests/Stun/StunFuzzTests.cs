using System.Diagnostics;
using System.Globalization;
using NatLearning.Simulation;
using NatLearning.Stun;

namespace NatLearning.Tests.Stun;

/// <summary>
/// The parser throws only <see cref="StunFormatException"/>, whatever it is fed. The normal run tries 10 000 inputs;
/// set NATLEARN_FUZZ_ITERATIONS (e.g. 1000000) for a long run and NATLEARN_FUZZ_SEED to vary the inputs.
/// </summary>
public class StunFuzzTests(ITestOutputHelper output)
{
    [Fact]
    public void Parser_throws_only_its_format_exception_on_random_and_mutated_input()
    {
        var iterations = EnvInt("NATLEARN_FUZZ_ITERATIONS", 10_000);
        var random = new SeededRandom(EnvInt("NATLEARN_FUZZ_SEED", 5769));
        var seeds = StunSamples.Seeds();
        int accepted = 0, rejected = 0;
        var slowest = TimeSpan.Zero;
        for (var i = 0; i < iterations; i++)
        {
            var input = Mutate(random, seeds[random.Next(0, seeds.Count)], i % 5);
            var clock = Stopwatch.StartNew();
            try
            {
                var m = StunMessage.Parse(input);
                accepted++;
                Exercise(m);
            }
            catch (StunFormatException e)
            {
                rejected++;
                Assert.InRange(e.Offset, 0, input.Length);
            }
            catch (Exception e)
            {
                Assert.Fail($"Input {i} ({Convert.ToHexString(input)}) threw {e.GetType().Name}: {e.Message}");
            }
            if (clock.Elapsed > slowest) slowest = clock.Elapsed;
        }
        output.WriteLine($"{iterations} inputs: {accepted} parsed, {rejected} rejected; slowest {slowest.TotalMilliseconds:0.000} ms");
        Assert.True(accepted > 0 && rejected > 0, "the mutations should produce both valid and invalid messages");
    }

    /// <summary>Whatever parsed must also verify, describe and re-encode to something that parses to the same attributes.</summary>
    private static void Exercise(StunMessage m)
    {
        m.VerifyMessageIntegrity([1, 2, 3]);
        m.VerifyMessageIntegritySha256([1, 2, 3]);
        m.VerifyFingerprint();
        _ = m.ToString();
        var again = StunMessage.Parse(m.Encode());
        // FINGERPRINT is recomputed on encoding, so it may differ; everything else must survive unchanged.
        static IEnumerable<string> Kept(StunMessage x) => x.Attributes.Where(a => a is not NatLearning.Stun.Attributes.Fingerprint).Select(a => a.ToString());
        Assert.Equal(Kept(m), Kept(again));
        Assert.NotEqual(StunVerdict.Invalid, again.CheckFingerprint());
    }

    private static byte[] Mutate(SeededRandom r, byte[] seed, int kind)
    {
        switch (kind)
        {
            case 0: // pure noise, sometimes with a STUN-looking header
            {
                var b = new byte[r.Next(0, 120)];
                r.NextBytes(b);
                if (b.Length >= 20 && r.NextDouble() < 0.5) Header(b);
                return b;
            }
            case 1: // truncated
                return seed[..r.Next(0, seed.Length)];
            case 2: // bit flips
            {
                var b = (byte[])seed.Clone();
                for (var k = r.Next(1, 6); k > 0; k--) b[r.Next(0, b.Length)] ^= (byte)(1 << r.Next(0, 8));
                return b;
            }
            case 3: // a valid header over a soup of random TLVs with plausible lengths
            {
                var body = new List<byte>();
                for (var k = r.Next(0, 12); k > 0; k--)
                {
                    var len = r.Next(0, 24);
                    var type = r.NextDouble() < 0.7 ? r.Next(0, 0x30) | (r.NextDouble() < 0.3 ? 0x8000 : 0) : r.Next(0, 0x10000);
                    body.AddRange([(byte)(type >> 8), (byte)type, (byte)(len >> 8), (byte)len]);
                    var v = new byte[(len + 3) & ~3];
                    r.NextBytes(v);
                    body.AddRange(v);
                }
                var b = new byte[20 + body.Count];
                Header(b);
                body.CopyTo(b, 20);
                return b;
            }
            default: // splice: a seed's header with another length field, or bytes appended
            {
                var b = seed.Concat(Enumerable.Range(0, r.Next(0, 9)).Select(_ => (byte)r.Next(0, 256))).ToArray();
                if (r.NextDouble() < 0.5) { b[2] = (byte)r.Next(0, 256); b[3] = (byte)r.Next(0, 256); }
                return b;
            }
        }
    }

    private static void Header(byte[] b)
    {
        var length = b.Length - 20;
        b[0] &= 0x3F;
        b[2] = (byte)(length >> 8);
        b[3] = (byte)length;
        b[4] = 0x21; b[5] = 0x12; b[6] = 0xA4; b[7] = 0x42;
    }

    private static int EnvInt(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : fallback;
}
