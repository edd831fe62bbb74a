using System.Numerics;

namespace GridService.Bot.Knowledge.Learning;

/// <summary>The few vector operations training and prediction need, on SIMD registers where the CPU has them.</summary>
internal static class Vectors
{
    /// <summary><paramref name="into"/> += <paramref name="scale"/> × <paramref name="x"/>.</summary>
    public static void AddScaled(Span<float> into, ReadOnlySpan<float> x, float scale)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var s = new Vector<float>(scale);
            for (; i <= into.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                (new Vector<float>(into[i..]) + (s * new Vector<float>(x[i..]))).CopyTo(into[i..]);
            }
        }

        for (; i < into.Length; i++)
        {
            into[i] += scale * x[i];
        }
    }

    /// <summary><paramref name="into"/> += <paramref name="scale"/> × <paramref name="x"/>, for weights kept as 16-bit integers.</summary>
    public static void AddScaled(Span<float> into, ReadOnlySpan<short> x, float scale)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var s = new Vector<float>(scale);
            for (; i <= into.Length - Vector<short>.Count; i += Vector<short>.Count)
            {
                Vector.Widen(new Vector<short>(x[i..]), out Vector<int> low, out Vector<int> high);
                var first = into.Slice(i, Vector<float>.Count);
                (new Vector<float>(first) + (s * Vector.ConvertToSingle(low))).CopyTo(first);
                var second = into.Slice(i + Vector<float>.Count, Vector<float>.Count);
                (new Vector<float>(second) + (s * Vector.ConvertToSingle(high))).CopyTo(second);
            }
        }

        for (; i < into.Length; i++)
        {
            into[i] += scale * x[i];
        }
    }

    /// <summary><paramref name="into"/> ×= <paramref name="scale"/>.</summary>
    public static void Scale(Span<float> into, float scale)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var s = new Vector<float>(scale);
            for (; i <= into.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                (new Vector<float>(into[i..]) * s).CopyTo(into[i..]);
            }
        }

        for (; i < into.Length; i++)
        {
            into[i] *= scale;
        }
    }

    /// <summary>The dot product of two equally long spans.</summary>
    public static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        float sum = 0;
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var acc = Vector<float>.Zero;
            for (; i <= a.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                acc += new Vector<float>(a[i..]) * new Vector<float>(b[i..]);
            }

            sum = Vector.Sum(acc);
        }

        for (; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    /// <summary>
    /// One AdaGrad step on a feature's row of weights: gradient <paramref name="value"/> × (p − onehot) plus the
    /// L2 term, each weight with its own accumulated squared gradient. Labels the model already gives (almost) no
    /// probability are skipped eight at a time: with a thousand labels that is nearly all of them, and their step
    /// would be (almost) zero anyway.
    /// </summary>
    public static void AdaGradStep(Span<float> weights, Span<float> squared, ReadOnlySpan<float> gradient, float value, float l2, float rate)
    {
        const float Negligible = 1e-5f;
        const float Epsilon = 1e-6f;
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var v = new Vector<float>(value);
            var decay = new Vector<float>(l2);
            var r = new Vector<float>(rate);
            var eps = new Vector<float>(Epsilon);
            var negligible = new Vector<float>(Negligible);
            for (; i <= weights.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var p = new Vector<float>(gradient[i..]);
                if (Vector.LessThanAll(Vector.Abs(p), negligible))
                {
                    continue;
                }

                var w = new Vector<float>(weights[i..]);
                var g = (v * p) + (decay * w);
                var s = new Vector<float>(squared[i..]) + (g * g);
                s.CopyTo(squared[i..]);
                (w - (r * g / (Vector.SquareRoot(s) + eps))).CopyTo(weights[i..]);
            }
        }

        for (; i < weights.Length; i++)
        {
            if (gradient[i] is > -Negligible and < Negligible)
            {
                continue;
            }

            float g = (value * gradient[i]) + (l2 * weights[i]);
            squared[i] += g * g;
            weights[i] -= rate * g / (MathF.Sqrt(squared[i]) + Epsilon);
        }
    }
}
