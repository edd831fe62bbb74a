using System.Text.Json.Serialization;

namespace GridService.Notifier.Delivery.WeCom;

/// <summary>The body of <c>POST /cgi-bin/webhook/send</c>: a text or a markdown post.</summary>
internal sealed record RobotPost(string Msgtype, RobotText? Text = null, RobotMarkdown? Markdown = null)
{
    public static RobotPost ForText(string content, IReadOnlyList<string>? mentions, IReadOnlyList<string>? mobiles) =>
        new("text", Text: new RobotText(content, mentions, mobiles));

    public static RobotPost ForMarkdown(string content) => new("markdown", Markdown: new RobotMarkdown(content));
}

/// <summary>A text post: content up to 2048 bytes, optional mentions by userid or mobile (<c>@all</c> for everyone).</summary>
internal sealed record RobotText(string Content, IReadOnlyList<string>? MentionedList, IReadOnlyList<string>? MentionedMobileList);

/// <summary>A markdown post: content up to 4096 bytes.</summary>
internal sealed record RobotMarkdown(string Content);

/// <summary>WeCom's answer: errcode 0 is success.</summary>
internal sealed record RobotReply(int? Errcode, string? Errmsg);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RobotPost))]
[JsonSerializable(typeof(RobotReply))]
internal sealed partial class RobotWireJson : JsonSerializerContext;
