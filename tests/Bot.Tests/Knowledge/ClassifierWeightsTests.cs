using GridService.Bot.Knowledge.Learning;

namespace GridService.Bot.Tests.Knowledge;

/// <summary>The serving model's 16-bit weights (TextClassifier) decide as the trainer's 32-bit floats would.</summary>
public sealed class ClassifierWeightsTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(41)]
    [InlineData(1041)]
    public void AddScaled_SixteenBitRow_EqualsTheScalarSumAtEveryLength(int length)
    {
        var random = new Random(length);
        var row = Enumerable.Range(0, length).Select(_ => (short)random.Next(short.MinValue, short.MaxValue + 1)).ToArray();
        var start = Enumerable.Range(0, length).Select(_ => (float)random.NextDouble()).ToArray();
        var into = start.ToArray();

        Vectors.AddScaled(into, row, 0.37f);

        for (int i = 0; i < length; i++)
        {
            Assert.Equal(start[i] + (0.37f * row[i]), into[i], 3);
        }
    }

    [Fact]
    public void Predict_SixteenBitWeights_ProbabilitiesWithinAThousandthOfTheFloatComputation()
    {
        const string text = "电费怎么交";
        Span<ulong> keys = stackalloc ulong[TextFeatures.MaxFeatures];
        var features = keys[..TextFeatures.Extract(text, keys)].ToArray().Distinct().ToArray();
        var vocabulary = features.Select((key, id) => (key, id)).ToDictionary(f => f.key, f => f.id);
        string[] labels = ["pay", "outage", "meter"];
        var random = new Random(7);
        var weights = Enumerable.Range(0, features.Length * labels.Length).Select(_ => (float)((random.NextDouble() * 8) - 4)).ToArray();
        float[] bias = [0.1f, -0.2f, 0.05f];
        var classifier = new TextClassifier(labels, vocabulary, weights, bias);

        var probabilities = new float[labels.Length];
        classifier.Predict(text, probabilities);

        var expected = bias.ToArray();
        float value = 1f / MathF.Sqrt(features.Length);
        for (int id = 0; id < features.Length; id++)
        {
            for (int c = 0; c < labels.Length; c++) expected[c] += weights[(id * labels.Length) + c] * value;
        }

        TextClassifier.Softmax(expected);
        for (int c = 0; c < labels.Length; c++) Assert.Equal(expected[c], probabilities[c], 0.001f);
    }
}
