using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace GridService.Bot.Channels.WeCom.Protocol;

/// <summary>
/// WeCom callback crypto (加解密方案): the SHA-1 msg_signature over the sorted token, timestamp, nonce and
/// ciphertext, and AES-256-CBC over <c>random(16) + length(4, big-endian) + message + ReceiveId</c>, PKCS#7-padded
/// to a multiple of 32 bytes. Thread-safe: build one per app or bot and share it.
/// </summary>
public sealed class WeComCrypto
{
    private const int KeyLength = 32;
    private const int IvLength = 16;
    private const int PrefixLength = 16 + 4;
    private const int PadBlock = 32;
    private const int Sha1Length = 20;
    private const int StackBufferLength = 512;

    private readonly string _token;
    private readonly byte[] _key;
    private readonly byte[] _receiveId;

    /// <summary>Creates the crypto for one callback configuration.</summary>
    /// <param name="token">The callback Token.</param>
    /// <param name="encodingAesKey">The 43-character EncodingAESKey.</param>
    /// <param name="receiveId">The CorpID (self-built app), suite id (third-party app), or "" for a 智能机器人.</param>
    /// <exception cref="WeComCryptoException"><see cref="WeComError.IllegalAesKey"/> for a malformed key.</exception>
    public WeComCrypto(string token, string encodingAesKey, string receiveId)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(encodingAesKey);
        ArgumentNullException.ThrowIfNull(receiveId);
        _token = token;
        _key = DecodeKey(encodingAesKey);
        _receiveId = Encoding.UTF8.GetBytes(receiveId);
    }

    /// <summary>The msg_signature: lowercase hex SHA-1 of the ordinal-sorted concatenation of token, timestamp, nonce and ciphertext.</summary>
    public string Sign(string timestamp, string nonce, string encrypted)
    {
        ArgumentNullException.ThrowIfNull(timestamp);
        ArgumentNullException.ThrowIfNull(nonce);
        ArgumentNullException.ThrowIfNull(encrypted);
        Span<byte> hash = stackalloc byte[Sha1Length];
        Span<string> parts = [_token, timestamp, nonce, encrypted];
        HashSorted(parts, hash);
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>Verifies the signature and decrypts a callback's Encrypt field, returning the message.</summary>
    /// <exception cref="WeComCryptoException">Bad signature, Base64, AES block, padding, layout or ReceiveId.</exception>
    public string Decrypt(string msgSignature, string timestamp, string nonce, string encrypted)
    {
        ArgumentNullException.ThrowIfNull(msgSignature);
        ArgumentNullException.ThrowIfNull(timestamp);
        ArgumentNullException.ThrowIfNull(nonce);
        ArgumentNullException.ThrowIfNull(encrypted);
        Span<string> parts = [_token, timestamp, nonce, encrypted];
        if (!SignatureMatches(parts, msgSignature))
        {
            throw new WeComCryptoException(WeComError.ValidateSignature, "The msg_signature does not match.");
        }

        return DecryptVerified(encrypted);
    }

    /// <summary>
    /// Answers the GET URL check: verifies the signature over the (already URL-decoded) echostr, decrypts it and
    /// returns the plaintext to send back bare.
    /// </summary>
    public string VerifyUrl(string msgSignature, string timestamp, string nonce, string echostr) =>
        Decrypt(msgSignature, timestamp, nonce, echostr);

    /// <summary>Encrypts <paramref name="plaintext"/> under a fresh random prefix and signs the result.</summary>
    public (string Encrypt, string Signature) Encrypt(string plaintext, string timestamp, string nonce)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        var messageLength = Encoding.UTF8.GetByteCount(plaintext);
        var unpadded = PrefixLength + messageLength + _receiveId.Length;
        var pad = PadBlock - (unpadded % PadBlock);
        var total = unpadded + pad;

        var plain = ArrayPool<byte>.Shared.Rent(total);
        var cipher = ArrayPool<byte>.Shared.Rent(total);
        try
        {
            var buffer = plain.AsSpan(0, total);
            RandomNumberGenerator.Fill(buffer[..16]);
            BinaryPrimitives.WriteUInt32BigEndian(buffer[16..PrefixLength], (uint)messageLength);
            Encoding.UTF8.GetBytes(plaintext, buffer[PrefixLength..]);
            _receiveId.CopyTo(buffer[(PrefixLength + messageLength)..]);
            buffer[unpadded..].Fill((byte)pad);

            using var aes = CreateAes();
            var written = aes.EncryptCbc(buffer, _key.AsSpan(0, IvLength), cipher, PaddingMode.None);
            var encrypted = Convert.ToBase64String(cipher, 0, written);
            return (encrypted, Sign(timestamp, nonce, encrypted));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain.AsSpan(0, total));
            ArrayPool<byte>.Shared.Return(plain);
            ArrayPool<byte>.Shared.Return(cipher);
        }
    }

    /// <summary>Encrypts a self-built app's passive reply and wraps it in the reply XML.</summary>
    public string EncryptAppReply(string replyXml, string timestamp, string nonce)
    {
        var (encrypt, signature) = Encrypt(replyXml, timestamp, nonce);
        return WeComAppCodec.FormatReply(encrypt, signature, timestamp, nonce);
    }

    /// <summary>Encrypts a 智能机器人 reply and wraps it in the reply JSON.</summary>
    public string EncryptAiBotReply(string replyJson, string timestamp, string nonce)
    {
        var (encrypt, signature) = Encrypt(replyJson, timestamp, nonce);
        return WeComAiBotCodec.FormatReply(encrypt, signature, timestamp, nonce);
    }

    /// <summary>
    /// The 公众号 (official account) URL check: true when <paramref name="signature"/> is the SHA-1 of the sorted
    /// token, timestamp and nonce. Compared in constant time.
    /// </summary>
    public static bool VerifyPlainSignature(string token, string timestamp, string nonce, string signature)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(timestamp);
        ArgumentNullException.ThrowIfNull(nonce);
        ArgumentNullException.ThrowIfNull(signature);
        Span<string> parts = [token, timestamp, nonce];
        return SignatureMatches(parts, signature);
    }

    private static byte[] DecodeKey(string encodingAesKey)
    {
        if (encodingAesKey.Length != 43)
        {
            throw new WeComCryptoException(
                WeComError.IllegalAesKey, $"EncodingAESKey must be 43 characters, not {encodingAesKey.Length}.");
        }

        Span<byte> key = stackalloc byte[48];
        if (!Convert.TryFromBase64String(encodingAesKey + "=", key, out var written) || written != KeyLength)
        {
            throw new WeComCryptoException(WeComError.IllegalAesKey, "EncodingAESKey is not Base64 of a 32-byte key.");
        }

        return key[..KeyLength].ToArray();
    }

    private Aes CreateAes()
    {
        // Aes instances are not documented as thread-safe; one per call costs a few hundred nanoseconds.
        var aes = Aes.Create();
        aes.Key = _key;
        return aes;
    }

    private string DecryptVerified(string encrypted)
    {
        var cipher = ArrayPool<byte>.Shared.Rent((encrypted.Length / 4 * 3) + 3);
        byte[]? plain = null;
        var length = 0;
        try
        {
            if (!Convert.TryFromBase64String(encrypted, cipher, out length))
            {
                throw new WeComCryptoException(WeComError.DecodeBase64, "The ciphertext is not valid Base64.");
            }

            if (length == 0 || length % 16 != 0)
            {
                throw new WeComCryptoException(
                    WeComError.DecryptAes, $"The ciphertext is {length} bytes, not a whole number of AES blocks.");
            }

            plain = ArrayPool<byte>.Shared.Rent(length);
            int written;
            try
            {
                using var aes = CreateAes();
                written = aes.DecryptCbc(cipher.AsSpan(0, length), _key.AsSpan(0, IvLength), plain, PaddingMode.None);
            }
            catch (CryptographicException ex)
            {
                throw new WeComCryptoException(WeComError.DecryptAes, "AES decryption failed.", ex);
            }

            return Unwrap(plain.AsSpan(0, written));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(cipher);
            if (plain is not null)
            {
                CryptographicOperations.ZeroMemory(plain.AsSpan(0, length));
                ArrayPool<byte>.Shared.Return(plain);
            }
        }
    }

    private string Unwrap(ReadOnlySpan<byte> data)
    {
        // PKCS#7 to 32-byte blocks: the pad may be 17..32, which PaddingMode.PKCS7 (16-byte blocks) rejects.
        int pad = data[^1];
        if (pad is < 1 or > PadBlock || pad > data.Length || data[^pad..].ContainsAnyExcept((byte)pad))
        {
            throw new WeComCryptoException(WeComError.DecryptAes, "The decrypted padding is invalid.");
        }

        var content = data[..^pad];
        if (content.Length < PrefixLength)
        {
            throw new WeComCryptoException(WeComError.IllegalBuffer, "The decrypted message is shorter than its header.");
        }

        var messageLength = BinaryPrimitives.ReadUInt32BigEndian(content[16..PrefixLength]);
        if (messageLength > (uint)(content.Length - PrefixLength))
        {
            throw new WeComCryptoException(
                WeComError.IllegalBuffer, $"The length field ({messageLength}) exceeds the {content.Length - PrefixLength} bytes decrypted.");
        }

        var message = content.Slice(PrefixLength, (int)messageLength);
        if (!content[(PrefixLength + (int)messageLength)..].SequenceEqual(_receiveId))
        {
            throw new WeComCryptoException(WeComError.ValidateReceiveId, "The message is not addressed to this ReceiveId.");
        }

        try
        {
            return WeComLimits.StrictUtf8.GetString(message);
        }
        catch (DecoderFallbackException)
        {
            throw new WeComCryptoException(WeComError.IllegalBuffer, "The decrypted message is not valid UTF-8.");
        }
    }

    private static bool SignatureMatches(Span<string> parts, string signature)
    {
        Span<byte> given = stackalloc byte[Sha1Length];
        if (signature.Length != Sha1Length * 2
            || Convert.FromHexString(signature, given, out _, out var written) != OperationStatus.Done
            || written != Sha1Length)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[Sha1Length];
        HashSorted(parts, expected);
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }

    private static void HashSorted(Span<string> parts, Span<byte> hash)
    {
        parts.Sort(string.CompareOrdinal);
        var total = 0;
        foreach (var part in parts) total += Encoding.UTF8.GetByteCount(part);

        byte[]? rented = null;
        var buffer = total <= StackBufferLength
            ? stackalloc byte[StackBufferLength]
            : (rented = ArrayPool<byte>.Shared.Rent(total));
        try
        {
            var at = 0;
            foreach (var part in parts) at += Encoding.UTF8.GetBytes(part, buffer[at..]);
#pragma warning disable CA5350 // The WeCom protocol defines msg_signature as SHA-1; nothing else is accepted.
            SHA1.HashData(buffer[..at], hash);
#pragma warning restore CA5350
        }
        finally
        {
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
