using GridService.Bot.Knowledge.Learning;
using GridService.Bot.Knowledge.Text;
using GridService.Bot.Tests.Llm;

namespace GridService.Bot.Tests.Knowledge;

/// <summary>
/// The trained model kept between starts (ModelFiles): read back it decides exactly as trained; anything it cannot
/// trust (altered, truncated, another format, other examples) is trained anew with a warning; a folder it cannot write
/// costs the next start its training and nothing else.
/// </summary>
public sealed class ModelFilesTests : IDisposable
{
    private static readonly string[] Probes = ["电费怎么交", "停电了什么时候来电", "电表坏了找谁", "充电桩怎么申请", "谢谢", "今天天气不错"];
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "gridservice-models-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly CapturedLogs _logs = new();

    public void Dispose()
    {
        _logs.Dispose();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { } // best effort
    }

    private ModelFiles Files => new(_folder, _logs.CreateLogger("test"));

    private static List<LabelledExample> Examples(string extra = "")
    {
        (string Label, string[] Texts)[] topics =
        [
            ("answer:pay", ["电费在哪里交", "怎么交电费", "网上能交电费吗", "交电费的方式有哪些", "微信可以缴费吗"]),
            ("answer:outage", ["什么时候来电", "停电了多久恢复", "怎么又停电了", "今天停电到几点", "来电时间是多少"]),
            ("answer:meter", ["电表坏了怎么办", "电表不走了", "电表换新的找谁", "电表显示不对", "电表箱锈了"]),
            ("answer:charger", ["充电桩怎么装", "申请充电桩要什么材料", "小区能装充电桩吗", "充电桩报装流程", "私人充电桩电价"]),
            ("none", ["谢谢", "好的收到", "大家早上好", "今天天气不错", "晚上吃什么" + extra]),
        ];
        return [.. topics.SelectMany(t => t.Texts.Select(text => new LabelledExample(text, t.Label, "test")))];
    }

    private static float[][] Decide(DecisionModel model) => [.. Probes.Select(text =>
    {
        var probabilities = new float[model.Labels.Count];
        var prepared = PreparedText.From(TextNormalizer.Default, text);
        model.Predict(prepared.Text, prepared.WithFiller, probabilities);
        return probabilities;
    })];

    [Fact]
    public void LoadOrTrain_SecondStart_ReadsTheKeptModelAndDecidesExactlyAsTrained()
    {
        var examples = Examples();
        var trained = DecisionModel.LoadOrTrain(examples, TextNormalizer.Default, Files);
        var loaded = DecisionModel.LoadOrTrain(examples, TextNormalizer.Default, Files);

        Assert.Null(trained.LoadedFrom);
        Assert.Equal(Files.PathOf(DecisionModel.KeyOf(examples, TextNormalizer.Default)), loaded.LoadedFrom);
        Assert.Equal(trained.Labels, loaded.Labels);
        Assert.Equal(trained.FeatureCount, loaded.FeatureCount);
        Assert.Equal(trained.ExampleCount, loaded.ExampleCount);
        Assert.Equal(trained.TrainingTime, loaded.TrainingTime);
        var expected = Decide(trained);
        var actual = Decide(loaded);
        for (int i = 0; i < Probes.Length; i++) Assert.Equal(expected[i], actual[i]); // bit for bit, not approximately
        Assert.Empty(_logs.Lines);
    }

    [Fact]
    public void LoadOrTrain_OtherExamples_TrainsAnewAndKeepsOnlyTheNewestThree()
    {
        var first = Examples();
        DecisionModel.LoadOrTrain(first, TextNormalizer.Default, Files);
        File.SetLastWriteTimeUtc(Files.PathOf(DecisionModel.KeyOf(first, TextNormalizer.Default)), DateTime.UtcNow.AddHours(-1));

        var changed = Examples("呢");
        Assert.NotEqual(DecisionModel.KeyOf(first, TextNormalizer.Default), DecisionModel.KeyOf(changed, TextNormalizer.Default));
        Assert.Null(DecisionModel.LoadOrTrain(changed, TextNormalizer.Default, Files).LoadedFrom);
        foreach (var extra in new[] { "啊", "吧" })
        {
            Assert.Null(DecisionModel.LoadOrTrain(Examples(extra), TextNormalizer.Default, Files).LoadedFrom);
        }

        var kept = Directory.GetFiles(_folder, "decision-*.model").Select(Path.GetFileName).ToList();
        Assert.Equal(3, kept.Count);
        Assert.DoesNotContain(Path.GetFileName(Files.PathOf(DecisionModel.KeyOf(first, TextNormalizer.Default))), kept);
        Assert.Empty(Directory.GetFiles(_folder, "*.tmp"));
    }

    [Theory]
    [InlineData("flip")]
    [InlineData("truncate")]
    [InlineData("empty")]
    [InlineData("other")]
    public void LoadOrTrain_KeptFileCannotBeTrusted_WarnsTrainsAnewAndKeepsAGoodOne(string damage)
    {
        var examples = Examples();
        var trained = DecisionModel.LoadOrTrain(examples, TextNormalizer.Default, Files);
        string path = Files.PathOf(DecisionModel.KeyOf(examples, TextNormalizer.Default));
        byte[] bytes = File.ReadAllBytes(path);
        switch (damage)
        {
            case "flip": bytes[bytes.Length / 2] ^= 0x40; File.WriteAllBytes(path, bytes); break;
            case "truncate": File.WriteAllBytes(path, bytes[..(bytes.Length / 3)]); break;
            case "empty": File.WriteAllBytes(path, []); break;
            default: File.WriteAllText(path, "not a model at all, though long enough to hold a checksum of thirty-two bytes"); break;
        }

        var again = DecisionModel.LoadOrTrain(examples, TextNormalizer.Default, Files);

        Assert.Null(again.LoadedFrom);
        var warning = Assert.Single(_logs.Lines);
        Assert.Equal(3007, warning.EventId);
        Assert.Contains(path, warning.Message, StringComparison.Ordinal);
        var loaded = DecisionModel.LoadOrTrain(examples, TextNormalizer.Default, Files);
        Assert.Equal(path, loaded.LoadedFrom);
        Assert.Equal(Decide(trained)[0], Decide(loaded)[0]);
    }

    [Fact]
    public void LoadOrTrain_ValidChecksumOverHostileCounts_RefusedBeforeAllocating()
    {
        // A file whose checksum is right (anyone can compute one) but whose counts claim far more than it holds.
        var examples = Examples();
        string key = DecisionModel.KeyOf(examples, TextNormalizer.Default);
        using var body = new MemoryStream();
        using (var writer = new BinaryWriter(body, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            writer.Write("GridService decision model 1");
            writer.Write(key);
            writer.Write(30);
            writer.Write(0L);
            writer.Write(1);
            writer.Write("answer:pay");
            writer.Write(1 << 26); // 67 million features in a file of a few hundred bytes
        }

        Directory.CreateDirectory(_folder);
        var bytes = body.ToArray();
        File.WriteAllBytes(Files.PathOf(key), [.. bytes, .. System.Security.Cryptography.SHA256.HashData(bytes)]);

        var model = DecisionModel.LoadOrTrain(examples, TextNormalizer.Default, Files);

        Assert.Null(model.LoadedFrom);
        var warning = Assert.Single(_logs.Lines);
        Assert.Equal(3007, warning.EventId);
        Assert.Contains("features cannot fit", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadOrTrain_FolderCannotBeWritten_WarnsAndServesTheTrainedModel()
    {
        File.WriteAllText(_folder, "a file where the folder should be");
        try
        {
            var model = DecisionModel.LoadOrTrain(Examples(), TextNormalizer.Default, Files);

            Assert.Null(model.LoadedFrom);
            Assert.Equal(5, model.Labels.Count);
            var warning = Assert.Single(_logs.Lines);
            Assert.Equal(3008, warning.EventId);
        }
        finally
        {
            File.Delete(_folder);
        }
    }
}
