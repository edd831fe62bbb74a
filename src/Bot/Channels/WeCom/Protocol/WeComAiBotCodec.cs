using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;

namespace GridService.Bot.Channels.WeCom.Protocol;

/// <summary>Parses 智能机器人 (AI bot) callbacks (JSON) and formats the encrypted reply. Pure functions, no I/O.</summary>
public static class WeComAiBotCodec
{
    /// <summary>Parses the outer POST body <c>{"encrypt":"..."}</c> and returns the ciphertext.</summary>
    /// <exception cref="WeComCryptoException">Too large, not UTF-8, malformed, or no encrypt.</exception>
    public static string ParseEnvelope(ReadOnlySpan<byte> body, int maxBodyBytes = WeComLimits.DefaultMaxBodyBytes)
    {
        body = WeComLimits.CheckBody(body, maxBodyBytes, WeComError.ParseJson);
        AiBotEnvelopeDto? dto;
        try
        {
            dto = JsonSerializer.Deserialize(body, WeComJson.Default.AiBotEnvelopeDto);
        }
        catch (JsonException ex)
        {
            throw Malformed(ex, sensitive: false);
        }

        return Required(dto?.Encrypt, "encrypt");
    }

    /// <summary>Parses a decrypted callback.</summary>
    /// <exception cref="WeComCryptoException">Malformed, too large, wrong types, or a required field missing.</exception>
    public static WeComAiBotMessage ParseMessage(string json, int maxChars = WeComLimits.DefaultMaxBodyBytes)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (json.Length > maxChars)
        {
            throw new WeComCryptoException(WeComError.IllegalBuffer, $"Message of {json.Length} characters exceeds the limit of {maxChars}.");
        }

        // Transcode ourselves: the serializer's own transcoding throws ArgumentException on a lone surrogate.
        var utf8 = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(json.Length));
        var written = 0;
        AiBotMessageDto? dto;
        try
        {
            if (Utf8.FromUtf16(json, utf8, out _, out written, replaceInvalidSequences: false) != OperationStatus.Done)
            {
                throw new WeComCryptoException(WeComError.ParseJson, "The message is not valid Unicode.");
            }

            dto = JsonSerializer.Deserialize(utf8.AsSpan(0, written), WeComJson.Default.AiBotMessageDto);
        }
        catch (JsonException ex)
        {
            throw Malformed(ex, sensitive: true);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(utf8.AsSpan(0, written));
            ArrayPool<byte>.Shared.Return(utf8);
        }

        if (dto is null) throw new WeComCryptoException(WeComError.ParseJson, "The message is not a JSON object.");
        var (content, media) = ContentOf(dto);
        return new WeComAiBotMessage(
            MsgId: Required(dto.MsgId, "msgid"),
            AiBotId: dto.AiBotId ?? "",
            ChatId: string.IsNullOrEmpty(dto.ChatId) ? null : dto.ChatId,
            ChatType: dto.ChatType ?? "single",
            FromUserId: Required(dto.From?.UserId, "from.userid"),
            ResponseUrl: string.IsNullOrEmpty(dto.ResponseUrl) ? null : dto.ResponseUrl,
            MsgType: Required(dto.MsgType, "msgtype"),
            Content: content,
            QuoteContent: dto.Quote?.Text?.Content,
            Media: media);
    }

    // Text as is; voice as its transcript; mixed as its text items, with its images as media.
    private static (string? Content, IReadOnlyList<WeComAiBotMedia>? Media) ContentOf(AiBotMessageDto dto)
    {
        switch (dto.MsgType)
        {
            case "voice":
                return (dto.Voice?.Content, null);
            case "image" or "file" or "video":
                var single = dto.MsgType switch { "image" => dto.Image, "file" => dto.File, _ => dto.Video };
                return (null, single?.Url is { Length: > 0 } url ? [new WeComAiBotMedia(dto.MsgType, url, single.AesKey)] : null);
            case "mixed":
                var items = dto.Mixed?.Items ?? [];
                var text = string.Join("\n", items.Where(i => i.MsgType == "text" && !string.IsNullOrWhiteSpace(i.Text?.Content)).Select(i => i.Text!.Content!.Trim()));
                var images = items.Where(i => i.MsgType == "image" && i.Image?.Url is { Length: > 0 })
                    .Select(i => new WeComAiBotMedia("image", i.Image!.Url!, i.Image.AesKey)).ToList();
                return (text.Length == 0 ? null : text, images.Count == 0 ? null : images);
            default:
                return (dto.Text?.Content, null);
        }
    }

    /// <summary>Parses the POST body, verifies and decrypts it, and parses the callback inside.</summary>
    /// <exception cref="WeComCryptoException">Any failure of size, parsing, signature or decryption.</exception>
    public static WeComAiBotMessage DecryptMessage(
        WeComCrypto crypto, ReadOnlySpan<byte> body, string msgSignature, string timestamp, string nonce,
        int maxBodyBytes = WeComLimits.DefaultMaxBodyBytes)
    {
        ArgumentNullException.ThrowIfNull(crypto);
        var encrypt = ParseEnvelope(body, maxBodyBytes);
        return ParseMessage(crypto.Decrypt(msgSignature, timestamp, nonce, encrypt), maxBodyBytes);
    }

    /// <summary>The reply body <c>{"encrypt","msgsignature","timestamp","nonce"}</c> (all strings, as in WeCom's samples).</summary>
    public static string FormatReply(string encrypt, string msgSignature, string timestamp, string nonce)
    {
        ArgumentNullException.ThrowIfNull(encrypt);
        ArgumentNullException.ThrowIfNull(msgSignature);
        ArgumentNullException.ThrowIfNull(timestamp);
        ArgumentNullException.ThrowIfNull(nonce);
        return JsonSerializer.Serialize(new AiBotReplyDto(encrypt, msgSignature, timestamp, nonce), WeComJson.Default.AiBotReplyDto);
    }

    private static string Required(string? value, string name) => string.IsNullOrEmpty(value)
        ? throw new WeComCryptoException(WeComError.ParseJson, $"Field {name} is missing or empty.")
        : value;

    // JsonException's own message can quote the input; keep only where it failed for decrypted content.
    private static WeComCryptoException Malformed(JsonException ex, bool sensitive) => new(
        WeComError.ParseJson,
        $"Malformed JSON at {ex.Path ?? "$"} (line {ex.LineNumber}, byte {ex.BytePositionInLine}).",
        sensitive ? null : ex);
}

internal sealed record AiBotEnvelopeDto([property: JsonPropertyName("encrypt")] string? Encrypt);

internal sealed record AiBotMessageDto(
    [property: JsonPropertyName("msgid")] string? MsgId,
    [property: JsonPropertyName("aibotid")] string? AiBotId,
    [property: JsonPropertyName("chatid")] string? ChatId,
    [property: JsonPropertyName("chattype")] string? ChatType,
    [property: JsonPropertyName("from")] AiBotFromDto? From,
    [property: JsonPropertyName("response_url")] string? ResponseUrl,
    [property: JsonPropertyName("msgtype")] string? MsgType,
    [property: JsonPropertyName("text")] AiBotTextDto? Text,
    [property: JsonPropertyName("quote")] AiBotQuoteDto? Quote,
    [property: JsonPropertyName("voice")] AiBotTextDto? Voice = null,
    [property: JsonPropertyName("image")] AiBotMediaDto? Image = null,
    [property: JsonPropertyName("file")] AiBotMediaDto? File = null,
    [property: JsonPropertyName("video")] AiBotMediaDto? Video = null,
    [property: JsonPropertyName("mixed")] AiBotMixedDto? Mixed = null);

internal sealed record AiBotMediaDto([property: JsonPropertyName("url")] string? Url, [property: JsonPropertyName("aeskey")] string? AesKey);

internal sealed record AiBotMixedDto([property: JsonPropertyName("msg_item")] IReadOnlyList<AiBotMixedItemDto>? Items);

internal sealed record AiBotMixedItemDto(
    [property: JsonPropertyName("msgtype")] string? MsgType,
    [property: JsonPropertyName("text")] AiBotTextDto? Text,
    [property: JsonPropertyName("image")] AiBotMediaDto? Image);

internal sealed record AiBotFromDto([property: JsonPropertyName("userid")] string? UserId);

internal sealed record AiBotTextDto([property: JsonPropertyName("content")] string? Content);

internal sealed record AiBotQuoteDto(
    [property: JsonPropertyName("msgtype")] string? MsgType,
    [property: JsonPropertyName("text")] AiBotTextDto? Text);

internal sealed record AiBotReplyDto(
    [property: JsonPropertyName("encrypt")] string Encrypt,
    [property: JsonPropertyName("msgsignature")] string MsgSignature,
    [property: JsonPropertyName("timestamp")] string Timestamp,
    [property: JsonPropertyName("nonce")] string Nonce);

[JsonSourceGenerationOptions(MaxDepth = 16, AllowDuplicateProperties = false)]
[JsonSerializable(typeof(AiBotEnvelopeDto))]
[JsonSerializable(typeof(AiBotMessageDto))]
[JsonSerializable(typeof(AiBotReplyDto))]
internal sealed partial class WeComJson : JsonSerializerContext;
