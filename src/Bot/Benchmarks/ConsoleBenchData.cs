using System.Globalization;
using System.Text.Json;
using GridService.Bot.Misses;
using GridService.Bot.Pipeline;
using GridService.Bot.StaffConsole.Auth;
using GridService.Bot.WorkOrders;
using GridService.Core.Grid;
using GridService.Core.Storage;

namespace GridService.Bot.Benchmarks;

/// <summary>
/// A county for <c>bench console</c>: <c>groups</c> areas with one group and one manager each, a supervisor per ten
/// areas, a service centre; <c>orders</c> work orders over the last 60 days (8% still open, a quarter of those
/// overdue, the rest closed or cancelled) with one to three reporters and a few timeline events each; 200 lines of
/// conversation per group with the bot's decisions, 20 misses per area, one notice per area with its deliveries.
/// </summary>
internal static class ConsoleBenchData
{
    public const string Password = "bench-password-2026";
    public const string CentreId = "bench-centre";
    public const string SupervisorId = "bench-sup-000";
    public const string ManagerId = "bench-mgr-0000";

    private static readonly string[] Questions =
    [
        "楼道的灯不亮了，是不是线路坏了", "我家突然停电了，邻居家有电", "电表一直在闪红灯", "电线杆歪了好危险", "这个月电费比上个月多了一倍",
        "装充电桩要什么手续", "营业厅几点下班", "小区变压器一直嗡嗡响", "电压不稳灯一闪一闪", "去年的电费发票怎么开",
    ];

    public static async Task<(string OrderId, string NoticeId, string GroupId)> SeedAsync(IServiceProvider services, int groups, int orders, TimeProvider time)
    {
        var store = services.GetRequiredService<RedisStore>();
        var directory = services.GetRequiredService<GridDirectory>();
        var accounts = services.GetRequiredService<ConsoleAccounts>();
        var now = time.GetUtcNow();
        var hash = ConsoleAccounts.Hash(CentreId, Password);

        await directory.SaveStaffAsync(new Staff(CentreId, "服务中心", "0310-5550000", StaffRole.Centre, "每天"));
        var areas = new List<Area>(groups);
        for (var s = 0; s * 10 < groups; s++)
        {
            var supervisor = $"bench-sup-{s:D3}";
            await directory.SaveStaffAsync(new Staff(supervisor, $"主管{s}", $"139{s:D8}", StaffRole.Supervisor, "工作日"));
        }

        var writes = new List<Task>();
        for (var a = 0; a < groups; a++)
        {
            var manager = $"bench-mgr-{a:D4}";
            var area = new Area($"B{a:D4}", $"第{a}片区", (AreaKind)(a % 3), Zones.Default, manager, $"bench-sup-{a / 10:D3}");
            areas.Add(area);
            writes.Add(directory.SaveStaffAsync(new Staff(manager, $"经理{a}", $"186{a:D8}", StaffRole.Manager, "工作日 8:30-17:30")));
            writes.Add(directory.SaveAreaAsync(area));
            writes.Add(directory.SaveGroupAsync(new ChatGroup($"bench-grp-{a:D4}", area.Id, $"第{a}片区用电服务群", "小电", [manager], ChannelNames.Simulator)));
        }

        await Task.WhenAll(writes);
        foreach (var id in new[] { CentreId, SupervisorId, ManagerId })
        {
            await accounts.SeedHashAsync(id, id == CentreId ? hash : ConsoleAccounts.Hash(id, Password));
        }

        var firstOrder = await OrdersAsync(store, areas, orders, now);
        await ConversationsAsync(services, areas, now);
        var notice = await NoticesAsync(services, areas, now);
        await directory.MarkSeededAsync("bench");
        return (firstOrder, notice, "bench-grp-0000");
    }

    private static async Task<string> OrdersAsync(RedisStore store, List<Area> areas, int count, DateTimeOffset now)
    {
        var keys = WorkOrderKeys.Under(store.Keys.Prefix);
        var random = new Random(42);
        var batch = new List<Task>();
        string first = "";
        for (var i = 0; i < count; i++)
        {
            var area = areas[i % areas.Count];
            var created = now.AddMinutes(-random.Next(60 * 24 * 60));
            var active = i % 100 < 8;
            var status = active ? random.Next(3) switch { 0 => WorkOrderStatus.Open, 1 => WorkOrderStatus.Accepted, _ => WorkOrderStatus.Transferred }
                : i % 10 == 9 ? WorkOrderStatus.Cancelled : WorkOrderStatus.Closed;
            var askers = Enumerable.Range(0, 1 + random.Next(3)).Select(k =>
                new Asker($"u-{area.Id}-{random.Next(500):D3}", "居民" + k, $"m-{i}-{k}", Questions[random.Next(Questions.Length)], created.AddMinutes(k * 3),
                    $"31{random.Next(100_000_000):D8}", $"138{random.Next(100_000_000):D8}")).ToList();
            var order = new WorkOrder
            {
                Id = string.Create(CultureInfo.InvariantCulture, $"GD{Zones.Local(created, Zones.Default):yyyyMMdd}-{i:D4}"),
                Type = (WorkOrderType)(i % 3), Priority = i % 50 == 0 ? WorkOrderPriority.Urgent : WorkOrderPriority.Normal, Status = status,
                AreaId = area.Id, AreaKind = area.Kind, TimeZone = area.TimeZone, GroupId = $"bench-grp-{area.Id[1..]}",
                OwnerId = area.ManagerId, OwnerName = "经理", CreatedAt = created, Deadline = created.AddDays(3), Overdue = active && i % 4 == 0,
                ResolvedAt = active ? null : created.AddDays(1), ClosedAt = active ? null : created.AddDays(2), Resolution = active ? null : "已处理完毕，恢复正常。",
                Askers = askers,
                Timeline =
                [
                    new WorkOrderEvent(created, "created", askers[0].UserId, "群内反映，机器人登记为工单", askers[0].MessageId),
                    new WorkOrderEvent(created.AddMinutes(20), "accepted", area.ManagerId, "经理已接单", $"s-{i}-1"),
                    .. active ? Array.Empty<WorkOrderEvent>() :
                    [
                        new WorkOrderEvent(created.AddDays(1), "resolved", area.ManagerId, "经理办结：已处理完毕，恢复正常。", $"s-{i}-2"),
                        new WorkOrderEvent(created.AddDays(2), "closed", "system", "提问人均满意，工单关闭", $"s-{i}-3"),
                    ],
                ],
            };
            if (i == 0) first = order.Id;
            var json = JsonSerializer.Serialize(order, WorkOrderJson.Default.WorkOrder);
            batch.Add(store.Db.HashSetAsync(keys.Orders, order.Id, json));
            batch.Add(store.Db.SortedSetAddAsync(keys.All, order.Id, created.ToUnixTimeMilliseconds()));
            if (order.IsActive) batch.Add(store.Db.SetAddAsync(keys.Active, order.Id));
            if (batch.Count > 3_000)
            {
                await Task.WhenAll(batch);
                batch.Clear();
            }
        }

        await Task.WhenAll(batch);
        return first;
    }

    private static async Task ConversationsAsync(IServiceProvider services, List<Area> areas, DateTimeOffset now)
    {
        var transcript = services.GetRequiredService<Transcript>();
        var decisions = services.GetRequiredService<DecisionLog>();
        var misses = services.GetRequiredService<MissLog>();
        var store = services.GetRequiredService<RedisStore>();
        foreach (var chunk in areas.Chunk(10))
        {
            await Task.WhenAll(chunk.Select(async area =>
            {
                var group = $"bench-grp-{area.Id[1..]}";
                for (var i = 0; i < 100; i++)
                {
                    var at = now.AddMinutes(-(100 - i) * 7);
                    var id = $"{group}-in-{i}";
                    var question = Questions[i % Questions.Length];
                    await transcript.AppendAsync(group, new TranscriptEntry(0, "in", id, $"u-{i % 40:D3}", "@小电 " + question, null, "text", at));
                    await transcript.AppendAsync(group, new TranscriptEntry(0, "out", id + "-r", "bot", "这个问题需要工作人员帮您查询处理，已转给片区经理，会尽快回复您。", id, "escalation", at.AddSeconds(2)));
                    await store.Db.HashSetAsync($"{store.Keys.Prefix}:decisions:{group}", id, "escalate:consult|0.8|retrieval:unsure");
                    if (i % 5 == 0) await misses.AddAsync(new Miss(at, area.Id, group, question, "escalate:consult", 0.8));
                }

                await decisions.RecordAsync(new InboundMessage("seed", ChannelNames.Simulator, group, "u-000", "居民", "电费", true, null, now), area,
                    new Knowledge.Decision("answer:billing.pay-channels", "billing.pay-channels", 0.9, "…"), missed: false);
            }));
        }
    }

    private static async Task<string> NoticesAsync(IServiceProvider services, List<Area> areas, DateTimeOffset now)
    {
        var directory = services.GetRequiredService<GridDirectory>();
        var outbox = services.GetRequiredService<Outbox>();
        string first = "";
        foreach (var area in areas)
        {
            var notice = new OutageNotice($"N-bench-{area.Id}", OutageKind.Planned, [area.Id], "1号台区", now.AddDays(2), now.AddDays(2).AddHours(4), "线路检修");
            if (first.Length == 0) first = notice.Id;
            await directory.SaveNoticeAsync(notice);
            var message = new OutboundMessage($"notice:{notice.Id}:Announce:g:bench-grp-{area.Id[1..]}", ChannelNames.Simulator, $"bench-grp-{area.Id[1..]}", null,
                "【计划停电通知】…", "planned-outage", null, true, now, notice.Id);
            await outbox.Statuses.SetAsync(DeliveryRecord.For(message, DeliveryState.Sent, now, 1));
        }

        return first;
    }
}
