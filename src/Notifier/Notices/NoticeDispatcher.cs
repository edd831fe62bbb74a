using GridService.Core.Grid;
using GridService.Core.Notices;
using GridService.Core.Queues;
using GridService.Notifier.Audiences;
using GridService.Core.Templates;

namespace GridService.Notifier.Notices;

/// <summary>
/// Turns one notice request into messages: the announcement and day-before reminder go to every group of the
/// notice's areas and, for a notice on named lines or transformers, privately to the customers on them; the
/// restoration, amendments and cancellation go to everyone any earlier post reached. Message ids are
/// (notice, stage, recipient), so a request handled twice never posts twice. Outage notices are critical: no
/// opt-out. Only fault notices and restorations ignore quiet hours; a planned or temporary outage's post produced
/// at night waits for each recipient's quiet hours to end, unless the outage starts before then.
/// </summary>
public sealed partial class NoticeDispatcher(
    GridDirectory directory,
    NoticeStateStore state,
    AudienceResolver audiences,
    TemplateRenderer renderer,
    DeliveryRules rules,
    PreferenceStore preferences,
    Outbox outbox,
    TimeProvider time,
    ILogger<NoticeDispatcher> logger)
{
    /// <summary>The message id of one stage of a notice to one recipient: the idempotency key of the post.</summary>
    public static string MessageId(string noticeId, string stageKey, string recipientKey) => $"notice:{noticeId}:{stageKey}:{recipientKey}";

    /// <summary>Queues the request's messages; returns how many were new.</summary>
    /// <exception cref="PermanentFailureException">The notice or one of its areas is gone.</exception>
    public async Task<int> DispatchAsync(NoticeRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var notice = await directory.GetNoticeAsync(request.NoticeId)
            ?? throw new PermanentFailureException($"Notice {request.NoticeId} does not exist.");
        var details = await state.GetDetailsAsync(notice.Id) ?? NoticeDetails.AreaWide("unknown", notice.Start);
        if (IsStale(request, notice, details)) return 0;

        var areas = new Dictionary<string, Area>(StringComparer.Ordinal);
        foreach (var areaId in notice.AreaIds)
        {
            areas[areaId] = await directory.GetAreaAsync(areaId) ?? throw new PermanentFailureException($"Notice {notice.Id} names unknown area {areaId}.");
        }

        var recipients = await RecipientsAsync(request.Stage, notice, details, areas);
        if (recipients.Count == 0)
        {
            Log.NobodyToTell(logger, notice.Id, request.Stage);
            return 0;
        }

        var kind = NoticeStages.TemplateKind(notice.Kind, request.Stage);
        var stageKey = NoticeStages.Key(request.Stage, request.Revision);
        var now = time.GetUtcNow();
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        var messages = new List<OutboundMessage>(recipients.Count);
        var quiet = await QuietHoursAsync(request.Stage, notice, details, recipients);
        foreach (var recipient in recipients)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!texts.TryGetValue(recipient.AreaId, out var text))
            {
                texts[recipient.AreaId] = text = renderer.Render(kind, await ModelAsync(notice, details, recipient.AreaId, areas));
            }

            messages.Add(new OutboundMessage(MessageId(notice.Id, stageKey, recipient.Key), recipient.Channel, recipient.GroupId,
                recipient.RecipientId, text, kind, null, Critical: true, now, NoticeId: notice.Id, NotBefore: quiet(recipient, now)));
        }

        // Queue first, then record who got it: a crash in between repeats the request, and the ids de-duplicate.
        var added = await outbox.EnqueueManyAsync(messages);
        await state.AddRecipientsAsync(notice.Id, [.. recipients.Select(r => r.Key)]);
        await state.MarkStageAsync(notice.Id, stageKey, now);
        Log.Posted(logger, notice.Id, stageKey, recipients.Count(r => r.IsGroup), recipients.Count(r => !r.IsGroup), added);
        return added;
    }

    // When each recipient may get the post: fault notices and restorations at once; the rest after the recipient's
    // quiet hours (their own, else the default), unless the outage starts before those end.
    private async Task<Func<Recipient, DateTimeOffset, DateTimeOffset?>> QuietHoursAsync(
        NoticeStage stage, OutageNotice notice, NoticeDetails details, IReadOnlyList<Recipient> recipients)
    {
        if (notice.Kind == OutageKind.Fault || stage == NoticeStage.Restored) return (_, _) => null;
        var starts = details.PreviousStart is { } previous && previous < notice.Start ? previous : notice.Start;
        var customers = recipients.Where(r => r.AccountNo is not null).Select(r => r.AccountNo!).Distinct(StringComparer.Ordinal).ToList();
        var prefs = await preferences.GetManyAsync(customers);
        var own = customers.Zip(prefs).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);
        return (recipient, now) =>
        {
            var hours = rules.QuietHoursOf(recipient.AccountNo is { } account ? own.GetValueOrDefault(account) : null);
            return hours.DeferUntil(now, Zones.Find(recipient.TimeZoneId)) is { } until && until < starts ? until : null;
        };
    }

    // An older amendment overtaken by a newer one, or a scheduled post of a notice called off since.
    private bool IsStale(NoticeRequest request, OutageNotice notice, NoticeDetails details)
    {
        var stale = request.Stage switch
        {
            NoticeStage.Amended => request.Revision < details.Revision || notice.Cancelled,
            NoticeStage.Announce or NoticeStage.DayBefore => notice.Cancelled || notice.RestoredAt is not null,
            _ => false,
        };
        if (stale) Log.Stale(logger, notice.Id, request.Stage, request.Revision);
        return stale;
    }

    private async Task<IReadOnlyList<Recipient>> RecipientsAsync(NoticeStage stage, OutageNotice notice, NoticeDetails details, Dictionary<string, Area> areas)
    {
        if (stage is NoticeStage.Restored or NoticeStage.Amended or NoticeStage.Cancelled)
        {
            var reached = new List<Recipient>();
            foreach (var key in await state.RecipientsAsync(notice.Id))
            {
                if (await audiences.FromKeyAsync(key) is { } recipient) reached.Add(recipient);
            }

            return reached;
        }

        var recipients = new List<Recipient>(await audiences.GroupsAsync(areas.Values));
        if (details.TargetsCustomers)
        {
            var customers = await audiences.CustomersOnAsync(areas.Values, details.Lines, details.Transformers);
            recipients.AddRange((await audiences.PrivateAsync(customers, areas)).Select(p => p.Recipient));
        }

        return recipients;
    }

    private async Task<OutageModel> ModelAsync(OutageNotice notice, NoticeDetails details, string areaId, Dictionary<string, Area> areas)
    {
        var area = areas.TryGetValue(areaId, out var known) ? known
            : await directory.GetAreaAsync(areaId) ?? throw new PermanentFailureException($"Area {areaId} no longer exists.");
        var manager = await directory.GetStaffAsync(area.ManagerId) ?? throw new PermanentFailureException($"Area {area.Id} names an unknown manager.");
        return OutageModel.From(notice, area, manager) with
        {
            PreviousStartTime = details.PreviousStart,
            PreviousEndTime = details.PreviousEnd,
            ChangeReason = details.ChangeReason,
        };
    }

    private static partial class Log
    {
        [LoggerMessage(EventIds.Notices, LogLevel.Information, "Notice {NoticeId} {Stage}: {Groups} group posts and {Customers} private messages, {Added} new")]
        public static partial void Posted(ILogger logger, string noticeId, string stage, int groups, int customers, int added);

        [LoggerMessage(EventIds.Notices + 1, LogLevel.Information, "Notice {NoticeId} {Stage}: nobody got an earlier post, so nobody is told")]
        public static partial void NobodyToTell(ILogger logger, string noticeId, NoticeStage stage);

        [LoggerMessage(EventIds.Notices + 2, LogLevel.Information, "Notice {NoticeId} {Stage} revision {Revision} is out of date and was dropped")]
        public static partial void Stale(ILogger logger, string noticeId, NoticeStage stage, int revision);
    }
}
