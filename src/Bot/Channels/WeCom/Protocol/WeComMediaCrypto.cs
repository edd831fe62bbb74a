using System.Security.Cryptography;

namespace GridService.Bot.Channels.WeCom.Protocol;

/// <summary>
/// Images and files of an AI bot's long connection: each message carries its own key (<c>aeskey</c>, Base64 of 32
/// bytes); the download is AES-256-CBC with the key's first 16 bytes as IV, padded PKCS#7 to 32-byte blocks (so
/// .NET's PKCS7 mode, which allows pads up to 16, cannot strip it).
/// </summary>
public static class WeComMediaCrypto
{
    private const int Block = 32;

    /// <summary>The plaintext of a downloaded file.</summary>
    /// <exception cref="WeComCryptoException">A bad key, a ciphertext of the wrong length, or bad padding.</exception>
    public static byte[] Decrypt(ReadOnlySpan<byte> ciphertext, string aesKey)
    {
        var key = Key(aesKey);
        if (ciphertext.IsEmpty || ciphertext.Length % 16 != 0)
        {
            throw new WeComCryptoException(WeComError.DecryptAes, $"A ciphertext of {ciphertext.Length} bytes is not whole AES blocks.");
        }

        using var aes = Aes.Create();
        aes.Key = key;
        var plain = aes.DecryptCbc(ciphertext, key.AsSpan(0, 16), PaddingMode.None);
        var pad = plain[^1];
        if (pad is < 1 or > Block || pad > plain.Length || plain.AsSpan(plain.Length - pad).IndexOfAnyExcept(pad) >= 0)
        {
            throw new WeComCryptoException(WeComError.DecryptAes, "The download's padding is invalid: wrong key or a damaged file.");
        }

        return plain[..^pad];
    }

    /// <summary>Encrypts as WeCom does (for tests and fakes).</summary>
    public static byte[] Encrypt(ReadOnlySpan<byte> plaintext, string aesKey)
    {
        var key = Key(aesKey);
        var pad = Block - (plaintext.Length % Block);
        var padded = new byte[plaintext.Length + pad];
        plaintext.CopyTo(padded);
        padded.AsSpan(plaintext.Length).Fill((byte)pad);
        using var aes = Aes.Create();
        aes.Key = key;
        return aes.EncryptCbc(padded, key.AsSpan(0, 16), PaddingMode.None);
    }

    // Base64 as WeCom writes it; padded here when it comes without '='.
    private static byte[] Key(string aesKey)
    {
        ArgumentNullException.ThrowIfNull(aesKey);
        var text = aesKey.Trim();
        if (text.Length % 4 != 0) text = text.PadRight(text.Length + (4 - (text.Length % 4)), '=');
        byte[] key;
        try
        {
            key = Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            throw new WeComCryptoException(WeComError.IllegalAesKey, "The message's aeskey is not Base64.");
        }

        return key.Length == 32 ? key : throw new WeComCryptoException(WeComError.IllegalAesKey, $"The message's aeskey is {key.Length} bytes, not 32.");
    }
}
