using GridService.Core.Billing;
using GridService.Core.Digest;
using GridService.Core.Grid;
using GridService.Core.Templates;
using GridService.Notifier.Billing;
using GridService.Notifier.Scheduling;
using Microsoft.Extensions.Options;

namespace GridService.Notifier.Managers;

/// <summary>
/// The manager's daily digest (template <c>manager-daily-digest</c>), privately to each area's manager at
/// <see cref="AlertOptions.DigestAt"/>: today's orders, breaches and the bot's misses (from the Bot's
/// <see cref="DigestFeed"/>), and the billing work that needs them: held notices, disconnection notices awaiting 收到,
/// the visit list, and paid customers not yet reconnected. Decided by window like the other jobs, so a digest
/// missed while no Notifier ran goes when one is back the same day; its id is (area, day, manager).
/// </summary>
public sealed partial class ManagerDigest(
    GridDirectory directory, DigestFeed feed, BillingStore billing, DisconnectionReceipts receipts, TemplateRenderer renderer,
    Outbox outbox, PrivateRoutes routes, IOptions<AlertOptions> options, ILogger<ManagerDigest> logger)
{
    /// <summary>The job's name for locks, watermarks and logs.</summary>
    public const string JobName = "manager-digest";

    /// <summary>Message kind (and template) of the digest.</summary>
    public const string Kind = "manager-daily-digest";

    // A Bot snapshot older than this is not shown as today's figures.
    private static readonly TimeSpan FeedFreshFor = TimeSpan.FromHours(2);

    /// <summary>Queues the digests that fell due in <paramref name="window"/>; returns how many were new.</summary>
    public async Task<int> RunAsync(ScheduleWindow window, CancellationToken cancellationToken)
    {
        if (!options.Value.DigestEnabled) return 0;
        var queued = 0;
        BillingWork? work = null; // read once per run, not once per area
        foreach (var area in await directory.ListAreasAsync())
        {
            cancellationToken.ThrowIfCancellationRequested();
            // Today's digest only: it shows how things stand now, so one a Notifier catching up would send for an earlier
            // day would only repeat today's under an old date (and today's follows at its hour).
            var zone = Zones.Find(area.TimeZone);
            var today = Zones.LocalDate(window.To, zone);
            if (!window.Contains(Zones.At(today, options.Value.DigestAt, zone))) continue;
            work ??= await BillingWork.LoadAsync(billing, receipts);
            if (await SendAsync(area, today, window.To, work)) queued++;
        }

        return queued;
    }

    /// <summary>Composes and queues one area's digest for <paramref name="day"/>; false when it was queued before.</summary>
    public async Task<bool> SendAsync(Area area, DateOnly day, DateTimeOffset now) =>
        await SendAsync(area, day, now, await BillingWork.LoadAsync(billing, receipts));

    private async Task<bool> SendAsync(Area area, DateOnly day, DateTimeOffset now, BillingWork work)
    {
        ArgumentNullException.ThrowIfNull(area);
        var manager = await directory.GetStaffAsync(area.ManagerId);
        if (manager is null)
        {
            Log.NoManager(logger, area.Id);
            return false;
        }

        var model = await ModelAsync(area, manager, day, now, work);
        var text = renderer.Render(Kind, model);
        var message = new OutboundMessage($"digest:{area.Id}:{day:yyyy-MM-dd}:{manager.Id}", routes.ToStaff(), "", manager.Id, text, Kind, null,
            Critical: false, now);
        var added = await outbox.EnqueueAsync(message);
        if (added) Log.Queued(logger, area.Id, day, manager.Id);
        return added;
    }

    /// <summary>The digest's model for one area and day.</summary>
    public async Task<DigestModel> ModelAsync(Area area, Staff manager, DateOnly day, DateTimeOffset now) =>
        await ModelAsync(area, manager, day, now, await BillingWork.LoadAsync(billing, receipts));

    private async Task<DigestModel> ModelAsync(Area area, Staff manager, DateOnly day, DateTimeOffset now, BillingWork work)
    {
        ArgumentNullException.ThrowIfNull(area);
        ArgumentNullException.ThrowIfNull(manager);
        var orders = await feed.GetAsync(area.Id);
        if (orders is not null && now - orders.AsOf > FeedFreshFor) orders = null;

        var held = work.Held[area.Id].ToList();
        var waiting = work.Waiting[area.Id].ToList();
        var cuts = work.PaidCuts[area.Id].ToList();
        var accounts = held.Select(h => h.AccountNo).Concat(waiting.Select(r => r.AccountNo)).Concat(cuts.Select(c => c.AccountNo))
            .Distinct(StringComparer.Ordinal).ToList();
        var customers = (await directory.GetCustomersAsync(accounts)).OfType<Customer>().ToDictionary(c => c.AccountNo, StringComparer.Ordinal);
        var owing = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var r in waiting) owing[r.AccountNo] = (await directory.GetBillAsync(r.AccountNo, r.Period))?.Outstanding ?? 0;

        DigestAccount Account(string account, decimal amount, DateTimeOffset since, string? note = null) => new()
        {
            CustomerName = customers.TryGetValue(account, out var c) ? c.Name : "（户名未知）",
            AccountNo = account,
            Address = customers.TryGetValue(account, out var d) ? d.Address : null,
            Amount = amount,
            Since = since,
            Note = note,
        };

        return new DigestModel
        {
            TimeZoneId = area.TimeZone, AreaName = area.Name, ManagerName = manager.Name, ManagerPhone = manager.Phone, Date = day,
            OrdersAsOf = orders?.AsOf, OrdersToday = orders?.OpenedToday ?? 0,
            OpenOrders = orders?.Open ?? [], Breaches = orders?.Breaches ?? [], MissedQuestions = orders?.Misses ?? [],
            HeldNotices = [.. held.Select(h => Account(h.AccountNo, h.Outstanding, h.HeldAt, HeldNote(h.Why)))],
            Unconfirmed = [.. waiting.Where(r => now - r.NoticedAt < DisconnectionReceipts.ConfirmWithin)
                .Select(r => Account(r.AccountNo, owing[r.AccountNo], r.NoticedAt))],
            VisitList = [.. waiting.Where(r => now - r.NoticedAt >= DisconnectionReceipts.ConfirmWithin)
                .Select(r => Account(r.AccountNo, owing[r.AccountNo], r.NoticedAt))],
            NotRestored = [.. cuts.Select(c => Account(c.AccountNo, 0, c.PaidAt!.Value))],
        };
    }

    // The billing work awaiting managers, by area.
    private sealed record BillingWork(ILookup<string, HeldNotice> Held, ILookup<string, DisconnectionReceipt> Waiting, ILookup<string, SupplyCut> PaidCuts)
    {
        public static async Task<BillingWork> LoadAsync(BillingStore billing, DisconnectionReceipts receipts) => new(
            (await billing.HeldAsync()).ToLookup(h => h.AreaId, StringComparer.Ordinal),
            (await receipts.ListAsync()).Where(r => r.ConfirmedAt is null).ToLookup(r => r.AreaId, StringComparer.Ordinal),
            (await billing.SupplyCutsAsync()).Where(c => c.PaidAt is not null).ToLookup(c => c.AreaId, StringComparer.Ordinal));
    }

    private static string HeldNote(string why) => why.StartsWith("segment important", StringComparison.Ordinal) ? "重要客户"
        : why.Contains("first notice", StringComparison.Ordinal) ? $"信用等级{why[7..8]}，首次停电通知"
        : why.StartsWith("credit ", StringComparison.Ordinal) ? $"信用等级{why[7..]}" : why;

    private static partial class Log
    {
        [LoggerMessage(EventIds.Managers + 10, LogLevel.Information, "Daily digest of area {AreaId} for {Day} queued for {ManagerId}")]
        public static partial void Queued(ILogger logger, string areaId, DateOnly day, string managerId);

        [LoggerMessage(EventIds.Managers + 11, LogLevel.Warning, "Area {AreaId} names no known manager: no daily digest")]
        public static partial void NoManager(ILogger logger, string areaId);
    }
}
