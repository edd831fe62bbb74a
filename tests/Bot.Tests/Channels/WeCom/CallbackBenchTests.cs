using GridService.Bot.Benchmarks;
using GridService.Bot.Cli;

namespace GridService.Bot.Tests.Channels.WeCom;

/// <summary>A smoke run of <c>bench callbacks</c>, so the command keeps working; its figures are not checked here.</summary>
public sealed class CallbackBenchTests
{
    [Fact]
    public async Task BenchCallbacks_SmallRun_AcknowledgesEveryCallbackAndDrainsThePipeline()
    {
        var redis = Environment.GetEnvironmentVariable("GRIDSERVICE_TEST_REDIS");
        string[] args = ["bench", "callbacks", "--messages", "60", "--warmup", "0", "--rate", "0", .. redis is { Length: > 0 } ? new[] { "--redis", redis } : []];
        using var output = new StringWriter();

        var exit = await CallbackBench.RunAsync(new CliArgs(args), output);

        var text = output.ToString();
        Assert.True(exit == 0, text);
        Assert.Contains("acknowledged: 60 with 200, 0 otherwise", text, StringComparison.Ordinal);
        Assert.Contains("end to end: all 60 handled", text, StringComparison.Ordinal);
        Assert.Contains("removed the run's", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BenchCallbacks_BadCount_IsRefusedWithTheOptionName()
    {
        var ex = await Assert.ThrowsAsync<CliException>(() => CallbackBench.RunAsync(new CliArgs(["bench", "callbacks", "--messages", "lots"]), TextWriter.Null));

        Assert.Contains("--messages", ex.Message, StringComparison.Ordinal);
    }
}
