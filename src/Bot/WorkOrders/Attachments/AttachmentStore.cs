using System.Security.Cryptography;
using GridService.Core.Storage;

namespace GridService.Bot.WorkOrders.Attachments;

/// <summary>A stored photo, without its bytes.</summary>
/// <param name="Id">Its id (<c>att-…</c>).</param>
/// <param name="ContentType">image/jpeg, image/png…</param>
/// <param name="Bytes">Its size.</param>
/// <param name="From">Who sent it (chat id).</param>
/// <param name="MessageId">The message it came in.</param>
/// <param name="At">When it arrived.</param>
public sealed record Attachment(string Id, string ContentType, long Bytes, string From, string MessageId, DateTimeOffset At);

/// <summary>
/// Photos residents send in private chat, kept in Redis for <see cref="Retention"/> (they are personal data: an
/// operator reads them through the work-order API, behind the admin token, never in a group).
/// </summary>
public sealed class AttachmentStore(RedisStore store)
{
    /// <summary>How long a photo is kept.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(90);

    private string Key(string id) => $"{store.Keys.Prefix}:att:{id}";

    /// <summary>Stores <paramref name="data"/>; returns the attachment.</summary>
    public async Task<Attachment> SaveAsync(byte[] data, string contentType, string from, string messageId, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(data);
        var attachment = new Attachment("att-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)), contentType, data.LongLength, from, messageId, at);
        var key = Key(attachment.Id);
        await store.Db.HashSetAsync(key,
        [
            new("data", data), new("type", contentType), new("from", from), new("msg", messageId), new("at", at.ToUnixTimeMilliseconds()),
        ]);
        await store.Db.KeyExpireAsync(key, Retention);
        return attachment;
    }

    /// <summary>The attachment and its bytes, or null when it is gone.</summary>
    public async Task<(Attachment Attachment, byte[] Data)?> GetAsync(string id)
    {
        var fields = await store.Db.HashGetAsync(Key(id), ["data", "type", "from", "msg", "at"]);
        if (fields[0].IsNull) return null;
        var data = (byte[])fields[0]!;
        return (new Attachment(id, (string?)fields[1] ?? "application/octet-stream", data.LongLength, (string?)fields[2] ?? "", (string?)fields[3] ?? "",
            DateTimeOffset.FromUnixTimeMilliseconds((long)fields[4])), data);
    }

    /// <summary>The content type of an image from its first bytes (JPEG, PNG, GIF, WebP); octet-stream otherwise.</summary>
    public static string Sniff(ReadOnlySpan<byte> data) => data switch
    {
        [0xFF, 0xD8, 0xFF, ..] => "image/jpeg",
        [0x89, 0x50, 0x4E, 0x47, ..] => "image/png",
        [0x47, 0x49, 0x46, 0x38, ..] => "image/gif",
        [0x52, 0x49, 0x46, 0x46, _, _, _, _, 0x57, 0x45, 0x42, 0x50, ..] => "image/webp",
        _ => "application/octet-stream",
    };
}
