using GridService.Bot.Misses;
using Microsoft.Extensions.DependencyInjection;

namespace GridService.Bot.Tests.Misses;

public sealed class MissLogTests : IAsyncLifetime
{
    private TestHost _host = null!;

    public async Task InitializeAsync() => _host = await TestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Pipeline_QuestionNeedingAPerson_IsKeptPerAreaWithNumbersMasked()
    {
        await _host.SayAsync("grp-liulin", "u-ll-001", "@小电 我家户号3102000001上个月的电费为啥扣了两次，电话13912345678", "miss-1");
        await _host.WaitForAsync("grp-liulin", l => l.ReplyTo == "miss-1");
        var log = _host.Services.GetRequiredService<MissLog>();

        var misses = await log.ListAsync("A02");

        var miss = Assert.Single(misses);
        Assert.StartsWith("escalate:", miss.Decision, StringComparison.Ordinal);
        Assert.DoesNotContain("3102000001", miss.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("13912345678", miss.Text, StringComparison.Ordinal);
        Assert.Contains("139****5678", miss.Text, StringComparison.Ordinal);
        Assert.Empty(await log.ListAsync("A01"));
    }

    [Fact]
    public async Task Pipeline_ConfidentAnswer_IsNotAMiss()
    {
        await _host.SayAsync("grp-shimen", "u-sm-001", "@小电 电费在哪里交", "hit-1");
        await _host.WaitForAsync("grp-shimen", l => l.ReplyTo == "hit-1");

        Assert.Empty(await _host.Services.GetRequiredService<MissLog>().ListAsync("A03"));
    }
}
