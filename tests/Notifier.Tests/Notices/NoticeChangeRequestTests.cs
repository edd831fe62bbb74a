using GridService.Core.Domain;
using GridService.Core.Notices;
using GridService.Notifier.Notices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace GridService.Notifier.Tests.Notices;

/// <summary>
/// Publish, amend and cancel asked for through the notices queue (as the Bot's console does, knowing nothing of
/// the Notifier): each is applied as the notice API applies it, a resubmitted form is queued once, and a request
/// handled again after a crash changes nothing and tells nobody twice.
/// </summary>
public sealed class NoticeChangeRequestTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 10, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public async Task ChangesThroughTheQueue_AreAppliedOnceAndToldToTheGroupOnce()
    {
        await using var notifier = await TestNotifier.CreateAsync(fixture, Now);
        var requests = notifier.Get<NoticeRequests>();
        var worker = ActivatorUtilities.CreateInstance<NoticeWorker>(notifier.GetProvider(), new StoppedLifetime());
        var draft = new OutageNotice("N20261201-c0ffee", OutageKind.Temporary, ["A02"], "柳林村3组", Now.AddHours(2), Now.AddHours(5), "抢修线路");

        Assert.True(await requests.EnqueueAsync(new NoticeRequest(draft.Id, NoticeStage.Publish, "liuchunmei", Draft: draft)));
        await RunAsync(notifier, worker);
        Assert.Equal(["temporary-maintenance"], (await notifier.DeliverAsync()).Where(m => m.GroupId == "grp-liulin").Select(m => m.Kind));

        var amend = new NoticeRequest(draft.Id, NoticeStage.Amend, "liuchunmei",
            Change: new NoticeChange("form-1", Now.AddHours(3), Now.AddHours(6), null, "材料晚到一小时"));
        Assert.True(await requests.EnqueueAsync(amend));
        Assert.False(await requests.EnqueueAsync(amend)); // the same form submitted twice
        await RunAsync(notifier, worker);
        await worker.HandleAsync(amend, CancellationToken.None); // redelivered after a crash
        await RunAsync(notifier, worker);
        var amended = (await notifier.DeliverAsync()).Where(m => m.GroupId == "grp-liulin").ToList();
        Assert.Equal(["outage-amended"], amended.Select(m => m.Kind));
        Assert.Contains("材料晚到一小时", amended[0].Text, StringComparison.Ordinal);
        Assert.Equal(Now.AddHours(3), (await notifier.Get<GridService.Core.Grid.GridDirectory>().GetNoticeAsync(draft.Id))!.Start);

        var cancel = new NoticeRequest(draft.Id, NoticeStage.Cancel, "liuchunmei", Change: new NoticeChange("form-2", ChangeReason: "故障已远程处理，不再停电"));
        Assert.True(await requests.EnqueueAsync(cancel));
        await RunAsync(notifier, worker);
        await worker.HandleAsync(cancel, CancellationToken.None);
        await RunAsync(notifier, worker);
        Assert.Equal(["outage-cancelled"], (await notifier.DeliverAsync()).Where(m => m.GroupId == "grp-liulin").Select(m => m.Kind));
        Assert.True((await notifier.Get<GridService.Core.Grid.GridDirectory>().GetNoticeAsync(draft.Id))!.Cancelled);
    }

    // Hands every queued request to the worker, as its loop would.
    private static async Task RunAsync(TestNotifier notifier, NoticeWorker worker)
    {
        var queue = notifier.Get<NoticeRequests>().Queue;
        while (await queue.TryTakeAsync(TimeSpan.FromMinutes(1)) is { } item)
        {
            await worker.HandleAsync(NoticeRequests.Parse(item.Payload), CancellationToken.None);
            await queue.AckAsync(item);
        }
    }

    private sealed class StoppedLifetime : IHostApplicationLifetime
    {
        public CancellationToken ApplicationStarted => CancellationToken.None;

        public CancellationToken ApplicationStopping => CancellationToken.None;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void StopApplication()
        {
        }
    }
}
