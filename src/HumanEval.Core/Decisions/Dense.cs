namespace HumanEval.Core.Decisions;

/// <summary>
/// One measure's unit values for fast weighted means: missing values (NaN) become 0 with a 0/1 mask, so the mean is
/// Σ w·v / Σ w·mask as two vectorised dot products (one when no value is missing).
/// </summary>
internal sealed class Dense
{
    private readonly double[] values;
    private readonly double[]? mask;

    public Dense(double[] raw)
    {
        values = raw.Select(v => double.IsNaN(v) ? 0 : v).ToArray();
        mask = raw.Any(double.IsNaN) ? raw.Select(v => double.IsNaN(v) ? 0.0 : 1.0).ToArray() : null;
    }

    /// <summary>Σ w·v / Σ w over the units that have the measure; NaN when none has it.</summary>
    public double Mean(double[] weights, double total)
    {
        var denominator = mask is null ? total : Dot(mask, weights);
        return denominator > 0 ? Dot(values, weights) / denominator : double.NaN;
    }

    public static double Sum(double[] weights)
    {
        var acc = System.Numerics.Vector<double>.Zero;
        var width = System.Numerics.Vector<double>.Count;
        var i = 0;
        for (; i <= weights.Length - width; i += width)
        {
            acc += new System.Numerics.Vector<double>(weights, i);
        }

        var sum = System.Numerics.Vector.Sum(acc);
        for (; i < weights.Length; i++)
        {
            sum += weights[i];
        }

        return sum;
    }

    private static double Dot(double[] a, double[] b)
    {
        var acc = System.Numerics.Vector<double>.Zero;
        var width = System.Numerics.Vector<double>.Count;
        var i = 0;
        for (; i <= a.Length - width; i += width)
        {
            acc += new System.Numerics.Vector<double>(a, i) * new System.Numerics.Vector<double>(b, i);
        }

        var sum = System.Numerics.Vector.Sum(acc);
        for (; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }
}
