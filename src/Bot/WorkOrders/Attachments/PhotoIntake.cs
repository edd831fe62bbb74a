using System.Globalization;
using System.Text.Json;
using GridService.Core.Storage;

namespace GridService.Bot.WorkOrders.Attachments;

/// <summary>
/// Puts the photos residents send in private chat on their work order: the order they reported within the last day,
/// else the next one they report within <see cref="PendingFor"/> (a photo usually comes just before or after the
/// words). The order's owner is told that a photo arrived.
/// </summary>
public sealed partial class PhotoIntake(
    WorkOrderStore orders, AttachmentStore attachments, RedisStore store, WorkOrderMessages messages, TimeProvider time, ILogger<PhotoIntake> logger)
{
    /// <summary>How long photos wait for their sender to report a problem.</summary>
    public static readonly TimeSpan PendingFor = TimeSpan.FromMinutes(30);

    /// <summary>How recent a report must be for a photo to join its order.</summary>
    public static readonly TimeSpan RecentReport = TimeSpan.FromDays(1);

    /// <summary>What the sender hears when the photos could not be received.</summary>
    public const string NotReceived = "照片没有收到，请再发一次。";

    /// <summary>What the sender hears when the photos wait for their report.</summary>
    public const string Waiting = "照片收到了。请再用文字说一下遇到了什么问题（比如哪里冒烟、哪根线断了、电表显示什么），我来登记并把照片附上。";

    private string PendingKey(string userId) => $"{store.Keys.Prefix}:photos-pending:{userId}";

    /// <summary>
    /// Handles the photos of <paramref name="message"/>; returns what to tell the sender, or null to say nothing more
    /// (its text, when it has some, is answered as usual).
    /// </summary>
    public async Task<string?> ReceiveAsync(InboundMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var photos = new List<WorkOrderPhoto>();
        foreach (var id in message.Attachments ?? [])
        {
            if (await attachments.GetAsync(id) is { } found)
            {
                photos.Add(new WorkOrderPhoto(id, found.Attachment.ContentType, found.Attachment.Bytes, message.SenderId, found.Attachment.At));
            }
        }

        var hasText = !string.IsNullOrWhiteSpace(message.Text);
        if (photos.Count == 0) return hasText ? null : NotReceived;

        var now = time.GetUtcNow();
        var order = (await orders.ActiveAsync())
            .Where(o => o.Askers.Any(a => a.UserId == message.SenderId && now - a.At <= RecentReport))
            .OrderByDescending(o => o.Askers.Where(a => a.UserId == message.SenderId).Max(a => a.At))
            .FirstOrDefault();
        if (order is not null && !hasText)
        {
            var attached = await AttachAsync(order, photos, message.SenderId, "photo:" + message.MessageId);
            return string.Create(CultureInfo.InvariantCulture, $"照片已附到工单{attached.Id}上，处理人员能看到。");
        }

        // With words beside it the photo belongs to what they say now: it waits for that report's order.
        var key = PendingKey(message.SenderId);
        foreach (var photo in photos) await store.Db.ListRightPushAsync(key, JsonSerializer.Serialize(photo, PhotoJson.Default.WorkOrderPhoto));
        await store.Db.KeyExpireAsync(key, PendingFor);
        Log.Pending(logger, photos.Count, message.MessageId);
        return hasText ? null : Waiting;
    }

    /// <summary>Puts <paramref name="userId"/>'s waiting photos on <paramref name="order"/> (called when they report).</summary>
    public async Task AttachPendingAsync(WorkOrder order, string userId, string sourceId)
    {
        ArgumentNullException.ThrowIfNull(order);
        var key = PendingKey(userId);
        var values = await store.Db.ListRangeAsync(key);
        if (values.Length == 0) return;
        await store.Db.KeyDeleteAsync(key);
        var photos = values.Select(v => JsonSerializer.Deserialize((string)v!, PhotoJson.Default.WorkOrderPhoto)!).ToList();
        await AttachAsync(order, photos, userId, "photo:" + sourceId);
    }

    private async Task<WorkOrder> AttachAsync(WorkOrder order, List<WorkOrderPhoto> photos, string from, string sourceId)
    {
        var (updated, applied) = await orders.UpdateAsync(order.Id, sourceId, o => o.Attach(photos, from, time.GetUtcNow(), sourceId));
        if (!applied) return updated;
        Log.Attached(logger, photos.Count, updated.Id);
        if (await messages.RecipientOfAsync(updated) is { } owner)
        {
            var index = WorkOrderService.EventIndex(updated, sourceId);
            var list = string.Join("\n", photos.Select(p => $"GET /api/workorders/{updated.Id}/photos/{p.Id}"));
            await messages.ToStaffAsync(owner, string.Create(CultureInfo.InvariantCulture, $"wo-{updated.Id}-e{index}-photo"),
                string.Create(CultureInfo.InvariantCulture, $"【工单照片】{updated.Id} 收到报告人发来的照片{photos.Count}张，可在工单详情里查看：\n{list}"),
                "workorder-photo");
        }

        return updated;
    }

    private static partial class Log
    {
        [LoggerMessage(EventIds.WorkOrders + 30, LogLevel.Information, "{Count} photos attached to work order {OrderId}")]
        public static partial void Attached(ILogger logger, int count, string orderId);

        [LoggerMessage(EventIds.WorkOrders + 31, LogLevel.Information, "{Count} photos of message {MessageId} wait for their sender's report")]
        public static partial void Pending(ILogger logger, int count, string messageId);
    }
}

[System.Text.Json.Serialization.JsonSourceGenerationOptions(PropertyNamingPolicy = System.Text.Json.Serialization.JsonKnownNamingPolicy.CamelCase)]
[System.Text.Json.Serialization.JsonSerializable(typeof(WorkOrderPhoto))]
internal sealed partial class PhotoJson : System.Text.Json.Serialization.JsonSerializerContext;
