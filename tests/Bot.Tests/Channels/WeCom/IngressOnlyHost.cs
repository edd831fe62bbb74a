using GridService.Core.Chat;
using Microsoft.Extensions.DependencyInjection;

namespace GridService.Bot.Tests.Channels.WeCom;

/// <summary>
/// The real host with an AI bot and an app configured but no inbound consumer, so whatever an endpoint queues stays in
/// the inbox where a test can count it.
/// </summary>
public sealed class IngressOnlyHost : IAsyncLifetime
{
    public const string CorpId = "wwcorp-test";

    internal WeComCallbacks Bot { get; } = new("/wecom/aibot/grid");

    internal WeComCallbacks App { get; } = new("/wecom/app/staff", CorpId);

    public TestHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await TestHost.StartAsync(new Dictionary<string, string>
    {
        ["Queues:Inbound:Concurrency"] = "0",
        ["WeCom:AiBots:grid:Token"] = Bot.Token,
        ["WeCom:AiBots:grid:EncodingAESKey"] = Bot.Key,
        ["WeCom:AiBots:grid:Groups:wrk-xfl"] = "grp-xingfuli",
        ["WeCom:Apps:staff:Token"] = App.Token,
        ["WeCom:Apps:staff:EncodingAESKey"] = App.Key,
        ["WeCom:Apps:staff:CorpId"] = CorpId,
    });

    public async Task DisposeAsync() => await Host.DisposeAsync();

    /// <summary>Items in the inbox in any state.</summary>
    public async Task<long> QueuedAsync()
    {
        var counts = await Host.Services.GetRequiredService<Inbox>().Queue.CountsAsync();
        return counts.Ready + counts.Processing + counts.Delayed + counts.Dead;
    }
}
