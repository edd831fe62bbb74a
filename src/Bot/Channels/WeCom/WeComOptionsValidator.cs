using System.Text.RegularExpressions;
using GridService.Bot.Channels.WeCom.Protocol;
using Microsoft.Extensions.Options;

namespace GridService.Bot.Channels.WeCom;

/// <summary>Checks every configured bot and app at start-up and names each bad value by its configuration key.</summary>
public sealed partial class WeComOptionsValidator : IValidateOptions<WeComOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, WeComOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.MaxBodyBytes is < 1024 or > 1024 * 1024)
        {
            errors.Add($"WeCom:MaxBodyBytes must be between 1024 and 1048576, not {options.MaxBodyBytes}.");
        }

        if (options.TimestampTolerance < TimeSpan.FromMinutes(1) || options.TimestampTolerance > Inbox.DedupeWindow)
        {
            errors.Add($"WeCom:TimestampTolerance must be between 00:01:00 and {Inbox.DedupeWindow} (the inbox's de-duplication window), not {options.TimestampTolerance}.");
        }

        foreach (var (bot, o) in options.AiBots)
        {
            var at = $"WeCom:AiBots:{bot}";
            CheckName(at, bot, errors);
            if (o.IsLongConnection)
            {
                CheckLongConnection(at, o, errors);
            }
            else if (string.Equals(o.Mode?.Trim(), AiBotRouting.CallbackMode, StringComparison.OrdinalIgnoreCase))
            {
                CheckCrypto(at, o.Token, o.EncodingAESKey, errors);
            }
            else
            {
                errors.Add($"{at}:Mode '{o.Mode}' is not callback or long-connection.");
            }

            foreach (var (chat, group) in o.Groups)
            {
                if (string.IsNullOrWhiteSpace(group)) errors.Add($"{at}:Groups:{chat} is empty; give the GridService group id this chat belongs to.");
            }
        }

        foreach (var (app, o) in options.Apps)
        {
            var at = $"WeCom:Apps:{app}";
            CheckName(at, app, errors);
            if (o.HasCallback) CheckCrypto(at, o.Token, o.EncodingAESKey, errors);
            else if (string.IsNullOrWhiteSpace(o.Secret)) errors.Add($"{at} has neither a callback (Token, EncodingAESKey) nor a Secret to send with.");
            if (string.IsNullOrWhiteSpace(o.CorpId)) errors.Add($"{at}:CorpId is required (the 企业ID the app belongs to).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void CheckName(string at, string name, List<string> errors)
    {
        if (!RouteName().IsMatch(name)) errors.Add($"{at}: the name '{name}' is part of the callback URL; use 1-64 letters, digits, '-' or '_'.");
    }

    private static void CheckLongConnection(string at, WeComAiBotOptions o, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(o.BotId)) errors.Add($"{at}:BotId is required for the long connection (the bot's id in WeCom's admin console).");
        if (string.IsNullOrWhiteSpace(o.Secret)) errors.Add($"{at}:Secret is required for the long connection.");
        if (!Uri.TryCreate(o.Url, UriKind.Absolute, out var url) || url.Scheme is not ("wss" or "ws"))
        {
            errors.Add($"{at}:Url '{o.Url}' is not a ws:// or wss:// address.");
        }
    }

    private static void CheckCrypto(string at, string token, string key, List<string> errors)
    {
        // WeCom's console only accepts English letters and digits, at most 32, for the Token.
        if (!TokenPattern().IsMatch(token ?? ""))
        {
            errors.Add($"{at}:Token must be 1-32 English letters or digits, as set in WeCom (got {(string.IsNullOrEmpty(token) ? "nothing" : $"{token.Length} characters")}).");
        }

        try
        {
            _ = new WeComCrypto("t", key ?? "", "");
        }
        catch (WeComCryptoException ex)
        {
            errors.Add($"{at}:EncodingAESKey is invalid: {ex.Message}");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex RouteName();

    [GeneratedRegex("^[A-Za-z0-9]{1,32}$")]
    private static partial Regex TokenPattern();
}
