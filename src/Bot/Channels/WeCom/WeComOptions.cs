using GridService.Bot.Channels.WeCom.Protocol;

namespace GridService.Bot.Channels.WeCom;

/// <summary>
/// The WeCom callbacks this host answers (section <c>WeCom</c>): AI bots at <c>/wecom/aibot/{name}</c> and self-built
/// apps at <c>/wecom/app/{name}</c>, each under its own name.
/// </summary>
public sealed class WeComOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "WeCom";

    /// <summary>智能机器人 (AI bots) by route name: <c>WeCom:AiBots:{name}:Token|EncodingAESKey</c>.</summary>
    public Dictionary<string, WeComAiBotOptions> AiBots { get; set; } = [];

    /// <summary>Self-built apps by route name: <c>WeCom:Apps:{name}:Token|EncodingAESKey|CorpId</c>.</summary>
    public Dictionary<string, WeComAppOptions> Apps { get; set; } = [];

    /// <summary>Largest callback body accepted; larger ones get 413. WeCom's own messages are a few KiB.</summary>
    public int MaxBodyBytes { get; set; } = WeComLimits.DefaultMaxBodyBytes;

    /// <summary>
    /// How far a callback's timestamp may be from this host's clock. Older callbacks are refused (401), so a captured
    /// callback cannot be replayed once its message id has left the inbox's de-duplication window; keep it within that
    /// window (one day).
    /// </summary>
    public TimeSpan TimestampTolerance { get; set; } = TimeSpan.FromDays(1);
}

/// <summary>
/// One 智能机器人 (AI bot): <c>WeCom:AiBots:{name}</c>. In <c>callback</c> mode (the default) WeCom posts to
/// <c>/wecom/aibot/{name}</c>, signed with Token and EncodingAESKey; in <c>long-connection</c> mode the Bot keeps a
/// WebSocket to WeCom open itself (no public address), authenticated with BotId and Secret.
/// </summary>
public sealed class WeComAiBotOptions
{
    /// <summary><c>callback</c> or <c>long-connection</c>.</summary>
    public string Mode { get; set; } = AiBotRouting.CallbackMode;

    /// <summary>The bot's id (long connection).</summary>
    public string BotId { get; set; } = "";

    /// <summary>The bot's Secret (long connection; a credential, never logged).</summary>
    public string Secret { get; set; } = "";

    /// <summary>The long connection's address; a privately deployed WeCom shows its own in the admin console.</summary>
    public string Url { get; set; } = "wss://openws.work.weixin.qq.com";

    /// <summary>True in long-connection mode.</summary>
    public bool IsLongConnection => AiBotRouting.IsLongConnection(Mode);

    /// <summary>The callback Token set in the bot's API settings.</summary>
    public string Token { get; set; } = "";

    /// <summary>The 43-character EncodingAESKey set in the bot's API settings.</summary>
    public string EncodingAESKey { get; set; } = "";

    /// <summary>
    /// The bot's display name in WeCom, when it contains spaces, so <c>@Grid Bot 你好</c> loses the whole mention.
    /// Empty: the first <c>@word</c> of a group message is taken as the mention.
    /// </summary>
    public string BotName { get; set; } = "";

    /// <summary>
    /// WeCom chat id → GridService group id (<c>WeCom:AiBots:{name}:Groups:{chatid}</c>). A chat that is not listed is
    /// served only when a group with that very id exists; any other chat is acknowledged and ignored, with a warning
    /// that names the chat id to add here.
    /// </summary>
    public Dictionary<string, string> Groups { get; set; } = [];
}

/// <summary>
/// One self-built app's callback: <c>WeCom:Apps:{name}</c>. An app that only sends (its <c>Secret</c> and
/// <c>AgentId</c>, read by the Notifier) may leave Token and EncodingAESKey out; its callback is then not served.
/// </summary>
public sealed class WeComAppOptions
{
    /// <summary>The callback Token set in the app's 接收消息 settings.</summary>
    public string Token { get; set; } = "";

    /// <summary>The 43-character EncodingAESKey set in the app's 接收消息 settings.</summary>
    public string EncodingAESKey { get; set; } = "";

    /// <summary>The CorpID (企业ID): messages for another corp are refused.</summary>
    public string CorpId { get; set; } = "";

    /// <summary>The app's Secret (sending; the Notifier uses it).</summary>
    public string Secret { get; set; } = "";

    /// <summary>True when the callback is configured.</summary>
    public bool HasCallback => !string.IsNullOrEmpty(Token) || !string.IsNullOrEmpty(EncodingAESKey);
}
