using System.Security.Cryptography;
using NatLearning.Simulation;
using NatLearning.Stun;

namespace NatLearning.Tests.Stun;

public class KeyedHmacTests
{
    [Fact]
    public void Cached_keys_give_the_same_hmac_as_a_one_shot_hmac_with_more_keys_than_cache_slots()
    {
        var rng = new SeededRandom(11);
        var keys = Enumerable.Range(0, 9).Select(i => { var k = new byte[rng.Next(1, 70)]; rng.NextBytes(k); return k; }).ToArray();
        for (var i = 0; i < 400; i++)
        {
            var key = keys[rng.Next(0, keys.Length)];
            var data = new byte[rng.Next(0, 200)];
            rng.NextBytes(data);
            var cut1 = rng.Next(0, data.Length + 1);
            var cut2 = rng.Next(cut1, data.Length + 1);
            Assert.Equal(HMACSHA1.HashData(key, data), KeyedHmac.Compute(HashAlgorithmName.SHA1, key, data));
            Assert.Equal(HMACSHA256.HashData(key, data), KeyedHmac.Compute(HashAlgorithmName.SHA256, key, data[..cut1], data[cut1..cut2], data[cut2..]));
        }
    }

    [Fact]
    public void Parallel_threads_do_not_share_a_hash_in_progress()
    {
        var results = new bool[64];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            var key = BitConverter.GetBytes(i);
            var ok = true;
            for (var j = 0; j < 200; j++)
            {
                var data = BitConverter.GetBytes(i * 1000 + j);
                ok &= HMACSHA1.HashData(key, data).AsSpan().SequenceEqual(KeyedHmac.Compute(HashAlgorithmName.SHA1, key, data));
            }
            results[i] = ok;
        });
        Assert.All(results, Assert.True);
    }
}
