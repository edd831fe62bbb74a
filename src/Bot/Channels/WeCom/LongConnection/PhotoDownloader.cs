using GridService.Bot.Channels.WeCom.Protocol;
using GridService.Bot.WorkOrders.Attachments;
using Microsoft.Extensions.Options;

namespace GridService.Bot.Channels.WeCom.LongConnection;

/// <summary>
/// Downloads an image of a private chat right away (its URL lasts about five minutes), decrypts it with the message's
/// own key and keeps it in the <see cref="AttachmentStore"/>. URLs and keys are never logged.
/// </summary>
public sealed class PhotoDownloader(
    IHttpClientFactory clients, AttachmentStore attachments, IOptionsMonitor<LongConnectionOptions> options, TimeProvider time, ILogger<PhotoDownloader> logger)
{
    /// <summary>Name of the HTTP client (no request logging: the URL is a credential).</summary>
    public const string HttpClientName = "wecom-media";

    /// <summary>The stored attachment's id, or null when the image could not be received (logged).</summary>
    public async Task<string?> FetchAsync(string bot, WeComAiBotMedia media, string from, string messageId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(media);
        if (media.AesKey is not { Length: > 0 } key)
        {
            LongConnectionLog.PhotoFailed(logger, bot, messageId, "it came without a key (only the long connection carries one)");
            return null;
        }

        try
        {
            using var response = await clients.CreateClient(HttpClientName).GetAsync(media.Url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                LongConnectionLog.PhotoFailed(logger, bot, messageId, $"the download answered HTTP {(int)response.StatusCode}");
                return null;
            }

            var limit = options.CurrentValue.MaxImageBytes + 32;
            if (response.Content.Headers.ContentLength > limit)
            {
                LongConnectionLog.PhotoFailed(logger, bot, messageId, $"it is larger than {options.CurrentValue.MaxImageBytes} bytes");
                return null;
            }

            var cipher = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            if (cipher.Length > limit)
            {
                LongConnectionLog.PhotoFailed(logger, bot, messageId, $"it is larger than {options.CurrentValue.MaxImageBytes} bytes");
                return null;
            }

            var plain = WeComMediaCrypto.Decrypt(cipher, key);
            var stored = await attachments.SaveAsync(plain, AttachmentStore.Sniff(plain), from, messageId, time.GetUtcNow());
            LongConnectionLog.PhotoStored(logger, bot, messageId, stored.Id, stored.Bytes);
            return stored.Id;
        }
        catch (Exception ex) when (ex is HttpRequestException or WeComCryptoException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            LongConnectionLog.PhotoFailed(logger, bot, messageId, ex is WeComCryptoException c ? c.Message : ex.GetType().Name);
            return null;
        }
    }
}
