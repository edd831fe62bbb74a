namespace GridService.Notifier.Delivery.WeCom.Api;

/// <summary>What a WeCom errcode means for the one who called.</summary>
public enum WeComErrorKind
{
    /// <summary>Anything else: this request cannot succeed as it is.</summary>
    Permanent,

    /// <summary>WeCom is busy (-1): another try may work.</summary>
    Busy,

    /// <summary>Too fast (45009, 45033): wait, then try again.</summary>
    Throttled,

    /// <summary>The token was revoked or expired (40014, 42001, 41001): refresh it and try once more.</summary>
    Token,

    /// <summary>The app's settings are wrong (secret, corp, agent, permission, IP allow-list): no message can go until fixed.</summary>
    Configuration,

    /// <summary>Every recipient is unknown or outside the app's visible range (81013).</summary>
    Recipients,
}

/// <summary>WeCom answered a REST call with a non-zero errcode.</summary>
/// <param name="api">The API path, e.g. <c>message/send</c>.</param>
/// <param name="code">The errcode.</param>
/// <param name="errmsg">WeCom's errmsg.</param>
public sealed class WeComApiException(string api, int code, string errmsg)
    : Exception($"WeCom {api} answered errcode {code} ({WeComApiErrors.Meaning(code) ?? errmsg})")
{
    /// <summary>The API path.</summary>
    public string Api { get; } = api;

    /// <summary>The errcode.</summary>
    public int Code { get; } = code;

    /// <summary>WeCom's own text.</summary>
    public string ErrMsg { get; } = errmsg;

    /// <summary>What it means for the caller.</summary>
    public WeComErrorKind Kind => WeComApiErrors.Classify(Code);
}

/// <summary>The errcodes GridService acts on (wecom-platform.md §2).</summary>
public static class WeComApiErrors
{
    /// <summary>The kind of <paramref name="code"/>.</summary>
    public static WeComErrorKind Classify(int code) => code switch
    {
        -1 => WeComErrorKind.Busy,
        45009 or 45033 => WeComErrorKind.Throttled,
        40014 or 42001 or 41001 => WeComErrorKind.Token,
        40001 or 40013 or 40091 or 40056 or 48002 or 60020 or 60011 => WeComErrorKind.Configuration,
        81013 => WeComErrorKind.Recipients,
        _ => WeComErrorKind.Permanent,
    };

    /// <summary>What an operator should know about <paramref name="code"/>, or null for WeCom's own words.</summary>
    public static string? Meaning(int code) => code switch
    {
        -1 => "system busy",
        45009 => "API call frequency over the limit",
        45033 => "concurrent calls over the limit",
        40014 => "invalid access_token",
        42001 => "access_token expired",
        41001 => "access_token missing",
        40001 => "invalid Secret: check WeCom:Apps:<name>:Secret",
        40013 => "invalid CorpID: check WeCom:Apps:<name>:CorpId",
        40091 => "Secret invalid or from another corp",
        40056 => "invalid AgentId: check WeCom:Apps:<name>:AgentId",
        48002 => "the app has no permission for this API",
        60011 => "the app may not reach this member or group (visible range)",
        60020 => "this server's IP is not in the app's 企业可信IP list",
        81013 => "every recipient is unknown or outside the app's visible range",
        _ => null,
    };
}
