using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace GridService.Bot.Tests.Llm;

/// <summary>
/// A minimal OpenAI-compatible chat server on a free loopback port: <c>POST /chat/completions</c> (OpenAI kind) and
/// <c>POST /openai/deployments/{deployment}/chat/completions</c> (Azure kind). It records every request and answers
/// with <see cref="Respond"/>, which tests swap to script replies, errors and delays.
/// </summary>
public sealed class FakeChatServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<ChatRequest> _requests = new();
    private FakeHttpServer _server = null!;

    /// <summary>The server's base URL, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string Url => _server.Url;

    /// <summary>Every request so far, in arrival order.</summary>
    public IReadOnlyList<ChatRequest> Requests => [.. _requests];

    /// <summary>How to answer a request; by default a model that stays out (<c>none</c>).</summary>
    public Func<ChatRequest, CancellationToken, Task<IResult>> Respond { get; set; } =
        (_, _) => Task.FromResult(Completion("""{"decision":"none","reply":""}"""));

    public static async Task<FakeChatServer> StartAsync()
    {
        var fake = new FakeChatServer();
        fake._server = await FakeHttpServer.StartAsync((app, _) =>
        {
            app.MapPost("/chat/completions", (HttpContext http) => fake.HandleAsync(http));
            app.MapPost("/openai/deployments/{deployment}/chat/completions", (HttpContext http) => fake.HandleAsync(http));
        });
        return fake;
    }

    /// <summary>Replies with <see cref="Completion"/> of <paramref name="content"/>.</summary>
    public void Reply(string content) => Respond = (_, _) => Task.FromResult(Completion(content));

    /// <summary>Replies with the model's JSON for <paramref name="decision"/> and <paramref name="reply"/>.</summary>
    public void ReplyJson(string decision, string reply) =>
        Reply(new JsonObject { ["decision"] = decision, ["reply"] = reply }.ToJsonString());

    /// <summary>
    /// Answers with the candidate at <paramref name="index"/> of each request, quoting the start of its answer as a
    /// model that stays close to its source would; returns a function reading the id chosen last.
    /// </summary>
    public Func<string?> ReplyWithCandidate(int index)
    {
        string? chosen = null;
        Respond = (request, _) =>
        {
            var candidate = request.UserData.GetProperty("candidates")[index];
            chosen = candidate.GetProperty("id").GetString();
            string answer = candidate.GetProperty("answer").GetString()!;
            string reply = answer.Length > 80 ? answer[..80] : answer;
            return Task.FromResult(Completion(new JsonObject { ["decision"] = "answer:" + chosen, ["reply"] = reply }.ToJsonString()));
        };
        return () => chosen;
    }

    /// <summary>Fails every request with <paramref name="status"/>.</summary>
    public void Fail(int status) => Respond = (_, _) => Task.FromResult(Results.Json(new { error = new { message = "scripted failure", type = "server_error" } }, statusCode: status));

    /// <summary>Holds every request for <paramref name="delay"/> (or until the client gives up), then stays out.</summary>
    public void Hang(TimeSpan delay) => Respond = async (_, ct) =>
    {
        await Task.Delay(delay, ct);
        return Completion("""{"decision":"none","reply":""}""");
    };

    /// <summary>A chat completion whose assistant message is <paramref name="content"/>.</summary>
    public static IResult Completion(string content) => Results.Content(new JsonObject
    {
        ["id"] = "chatcmpl-test",
        ["object"] = "chat.completion",
        ["created"] = 1_700_000_000,
        ["model"] = "test-model",
        ["choices"] = new JsonArray(new JsonObject
        {
            ["index"] = 0,
            ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = content },
            ["finish_reason"] = "stop",
        }),
        ["usage"] = new JsonObject { ["prompt_tokens"] = 10, ["completion_tokens"] = 10, ["total_tokens"] = 20 },
    }.ToJsonString(), "application/json");

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private async Task HandleAsync(HttpContext http)
    {
        using var body = JsonDocument.Parse(FakeHttpServer.RequestOf(http).Body);
        var request = new ChatRequest(
            http.Request.Path.Value ?? "",
            http.Request.QueryString.Value ?? "",
            http.Request.Headers.Authorization.ToString(),
            http.Request.Headers["api-key"].ToString(),
            body.RootElement.Clone());
        _requests.Enqueue(request);
        try
        {
            var result = await Respond(request, http.RequestAborted);
            await result.ExecuteAsync(http);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The client gave up (its timeout): nothing to answer.
        }
    }
}

/// <summary>One chat request the server received.</summary>
public sealed record ChatRequest(string Path, string Query, string Authorization, string ApiKeyHeader, JsonElement Body)
{
    /// <summary>The <c>messages</c> array as (role, content) pairs.</summary>
    public IReadOnlyList<(string Role, string Content)> Messages =>
        [.. Body.GetProperty("messages").EnumerateArray().Select(m => (m.GetProperty("role").GetString()!, ContentOf(m)))];

    /// <summary>The user message's JSON (customer_message, engine_suggestion, candidates).</summary>
    public JsonElement UserData => JsonSerializer.Deserialize<JsonElement>(Messages.Single(m => m.Role == "user").Content);

    /// <summary>The candidate ids offered to the model.</summary>
    public IReadOnlyList<string> CandidateIds => [.. UserData.GetProperty("candidates").EnumerateArray().Select(c => c.GetProperty("id").GetString()!)];

    private static string ContentOf(JsonElement message)
    {
        var content = message.GetProperty("content");
        return content.ValueKind == JsonValueKind.String
            ? content.GetString()!
            : string.Concat(content.EnumerateArray().Select(p => p.GetProperty("text").GetString()));
    }
}
