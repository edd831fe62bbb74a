using GridService.Bot.Misses.Overlay;
using GridService.Bot.StaffConsole.Auth;
using GridService.Bot.StaffConsole.Data;
using GridService.Bot.WorkOrders;
using GridService.Core.Domain;
using GridService.Core.Grid;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Primitives;

namespace GridService.Bot.Tests.StaffConsole;

/// <summary>What the console reads and keeps, below the pages: order history per scope, the overlay's change notification.</summary>
public sealed class ConsoleQueryTests : IAsyncLifetime
{
    private TestHost _host = null!;

    public async Task InitializeAsync() => _host = await TestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task OrderHistory_ManagerSeesTheirAreasClosedOrders_AndNoOtherArea()
    {
        var store = _host.Services.GetRequiredService<WorkOrderStore>();
        var directory = _host.Services.GetRequiredService<GridDirectory>();
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < 6; i++)
        {
            var area = i % 2 == 0 ? "A01" : "A02";
            var draft = new WorkOrder
            {
                Type = WorkOrderType.Consult, Priority = WorkOrderPriority.Normal, AreaId = area, AreaKind = AreaKind.Urban, TimeZone = Zones.Default,
                GroupId = area == "A01" ? "grp-xingfuli" : "grp-liulin", OwnerId = "x", OwnerName = "x", CreatedAt = now.AddMinutes(-i), Deadline = now.AddDays(1),
                Askers = [new Asker("u", "u", $"h-{i}", "问题", now)], Timeline = [new WorkOrderEvent(now, "created", "u", "created", $"h-{i}")],
            };
            var (id, _) = await store.OpenOrJoinAsync("test", $"h-{i}", "GD20261201-", "20261201", draft, TimeSpan.Zero);
            await store.UpdateAsync(id, $"c-{i}", o => o.Cancel("x", "重复", now, $"c-{i}"));
        }

        var queries = _host.Services.GetRequiredService<OrderQueries>();
        var manager = await ConsoleScope.ForAsync(new ConsoleUser("wangjianhua", "王建华", StaffRole.Manager), directory);
        var centre = await ConsoleScope.ForAsync(new ConsoleUser("fuwuzhongxin", "服务中心", StaffRole.Centre), directory);

        var (mine, _) = await queries.ListAsync(manager, new OrderFilter("cancelled", null, null, false, false, null, 0));
        var (all, _) = await queries.ListAsync(centre, new OrderFilter("cancelled", null, null, false, false, null, 0));

        Assert.Equal(3, mine.Count);
        Assert.All(mine, o => Assert.Equal("A01", o.AreaId));
        Assert.Equal(6, all.Count);
        Assert.Empty((await queries.ListAsync(manager, new OrderFilter(null, null, null, false, false, null, 0))).Orders);
    }

    [Fact]
    public async Task Overlay_ApprovedProposal_FiresTheChangeTokenWithTheNewSnapshot()
    {
        var proposals = _host.Services.GetRequiredService<OverlayProposals>();
        var overlay = _host.Services.GetRequiredService<IKnowledgeOverlay>();
        var changed = new TaskCompletionSource<KnowledgeOverlaySnapshot>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = ChangeToken.OnChange(overlay.GetChangeToken, () => changed.TrySetResult(overlay.Current));

        var proposal = await proposals.ProposeAsync(ProposalKind.NewTopic, null, "电表箱换锁", "电表箱锁坏了请联系片区经理{{manager_name}}更换。",
            ["电表箱的锁坏了找谁换", "电话13912345678"], "A01", "wangjianhua");
        Assert.Equal(0, overlay.Current.Version);
        await proposals.ReviewAsync(proposal.Id, approve: true, "fuwuzhongxin", null);

        // The pub/sub message reaches this instance's overlay without a call to reload it.
        var snapshot = await changed.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(1, snapshot.Version);
        var topic = Assert.Single(snapshot.Topics);
        Assert.StartsWith("local.", topic.Id, StringComparison.Ordinal);
        Assert.Equal(["电表箱的锁坏了找谁换", "电话139****5678"], snapshot.Examples[topic.Id]);
        Assert.Null(await proposals.ReviewAsync(proposal.Id, approve: false, "fuwuzhongxin", null));
    }
}
