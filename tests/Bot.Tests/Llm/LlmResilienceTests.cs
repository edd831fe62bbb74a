using System.Diagnostics;
using GridService.Bot.Knowledge;
using GridService.Bot.Tests.Knowledge;
using Microsoft.Extensions.Time.Testing;

namespace GridService.Bot.Tests.Llm;

/// <summary>A slow, failing or unreachable model never holds up or changes the deterministic answer.</summary>
[Collection(KnowledgeCollection.Name)]
public sealed class LlmResilienceTests(KnowledgeFixture knowledge)
{
    private const string Question = "电费交哪里";
    private const string Grounded = "可以在网上国网App或微信、支付宝的生活缴费里交，也能去营业厅交。";

    [Fact]
    public async Task RefineAsync_ModelSlowerThanTimeout_DeterministicWithoutWaiting()
    {
        await WarmUpAsync();
        await using var h = await LlmHarness.StartAsync(knowledge, settings: new Dictionary<string, string?> { ["Llm:Timeout"] = "00:00:01" });
        h.Server.Hang(TimeSpan.FromSeconds(30));

        var watch = Stopwatch.StartNew();
        var (engine, refined) = await h.AskOfferedAsync(Question);

        Assert.Same(engine, refined);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"waited {watch.Elapsed} for a model that takes 30 s");
        Assert.Single(h.Server.Requests);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(429)]
    public async Task RefineAsync_TransientError_RetriedOnceThenDeterministic(int status)
    {
        await using var h = await LlmHarness.StartAsync(knowledge);
        h.Server.Fail(status);

        var (engine, refined) = await h.AskOfferedAsync(Question);

        Assert.Same(engine, refined);
        Assert.Equal(2, h.Server.Requests.Count);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(404)]
    public async Task RefineAsync_NonTransientError_NotRetried(int status)
    {
        await using var h = await LlmHarness.StartAsync(knowledge);
        h.Server.Fail(status);

        var (engine, refined) = await h.AskOfferedAsync(Question);

        Assert.Same(engine, refined);
        Assert.Single(h.Server.Requests);
    }

    [Fact]
    public async Task RefineAsync_TransientErrorThenSuccess_ModelAnswerUsed()
    {
        await using var h = await LlmHarness.StartAsync(knowledge);
        int calls = 0;
        h.Server.Respond = (_, _) => Task.FromResult(Interlocked.Increment(ref calls) == 1
            ? Microsoft.AspNetCore.Http.Results.StatusCode(503)
            : FakeChatServer.Completion($$"""{"decision":"answer:billing.pay-channels","reply":"{{Grounded}}"}"""));

        var (_, refined) = await h.AskOfferedAsync(Question);

        Assert.Equal(Grounded, refined.Reply);
        Assert.Equal(2, h.Server.Requests.Count);
    }

    [Fact]
    public async Task RefineAsync_UnreachableEndpoint_Deterministic()
    {
        await using var h = await LlmHarness.StartAsync(knowledge, settings: new Dictionary<string, string?> { ["Llm:Endpoint"] = "http://127.0.0.1:1" });

        var (engine, refined) = await h.AskOfferedAsync(Question);

        Assert.Same(engine, refined);
    }

    [Fact]
    public async Task RefineAsync_CircuitOpen_ModelNotCalledAtAll()
    {
        await using var h = await LlmHarness.StartAsync(knowledge, settings: Breaker());
        h.Server.Fail(500);
        await h.AskOfferedAsync(Question);
        await h.AskOfferedAsync(Question);
        int callsWhenOpened = h.Server.Requests.Count;
        h.Server.ReplyJson("answer:billing.pay-channels", Grounded);

        var watch = Stopwatch.StartNew();
        var results = new List<(Decision Engine, Decision Refined)>();
        for (int i = 0; i < 5; i++)
        {
            results.Add(await h.AskOfferedAsync(Question));
        }

        Assert.Equal(4, callsWhenOpened);
        Assert.Equal(callsWhenOpened, h.Server.Requests.Count);
        Assert.All(results, r => Assert.Same(r.Engine, r.Refined));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"five short-circuited questions took {watch.Elapsed}");
    }

    [Fact]
    public async Task RefineAsync_BreakDurationPassed_ModelConsultedAgain()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2025-06-01T02:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using var h = await LlmHarness.StartAsync(knowledge, settings: Breaker(), time: time);

        // A rejected key is not transient (no retry, so no clock-driven delay) but still a failure to the breaker.
        h.Server.Fail(401);
        await h.AskOfferedAsync(Question);
        await h.AskOfferedAsync(Question);
        h.Server.ReplyJson("answer:billing.pay-channels", Grounded);
        var whileOpen = await h.AskOfferedAsync(Question);
        time.Advance(TimeSpan.FromSeconds(31));
        var afterBreak = await h.AskOfferedAsync(Question);

        Assert.Same(whileOpen.Engine, whileOpen.Refined);
        Assert.Equal(Grounded, afterBreak.Refined.Reply);
        Assert.Equal(3, h.Server.Requests.Count);
    }

    /// <summary>
    /// One full call first, so that a one-second timeout measures the model and not this process compiling the
    /// client and server code (seconds on a busy machine; in production the first call after start may fall back).
    /// </summary>
    private async Task WarmUpAsync()
    {
        await using var warm = await LlmHarness.StartAsync(knowledge);
        warm.Server.ReplyJson("answer:billing.pay-channels", Grounded);
        await warm.AskOfferedAsync(Question);
    }

    private static Dictionary<string, string?> Breaker() => new()
    {
        ["Llm:CircuitBreaker:MinimumThroughput"] = "2",
        ["Llm:CircuitBreaker:FailureRatio"] = "1",
        ["Llm:CircuitBreaker:SamplingDuration"] = "00:01:00",
        ["Llm:CircuitBreaker:BreakDuration"] = "00:00:30",
    };
}
