namespace HumanEval.Core.Decisions;

/// <summary>A small, fast, seedable generator (Steele, Lea and Flood 2014); one stream per draw.</summary>
internal struct SplitMix64(int seed, int stream)
{
    private ulong state = ((ulong)(uint)seed * 0x9E3779B97F4A7C15UL) ^ (((ulong)(uint)stream + 1) * 0xD1B54A32D192ED03UL);

    private ulong Next()
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Exp(1) variables: −ln U with U uniform on (0, 1].</summary>
    public void FillExponential(double[] into)
    {
        for (var i = 0; i < into.Length; i++)
        {
            into[i] = -Math.Log(((Next() >> 11) + 1) * (1.0 / (1UL << 53)));
        }
    }
}
