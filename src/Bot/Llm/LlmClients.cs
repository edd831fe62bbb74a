using System.ClientModel;
using System.ClientModel.Primitives;
using Azure.AI.OpenAI;
using OpenAI;
using OpenAI.Chat;

namespace GridService.Bot.Llm;

/// <summary>Builds the chat client for the configured kind of endpoint.</summary>
public static class LlmClients
{
    // OpenAI-compatible servers without authentication (a local vLLM or Ollama) still get a bearer header.
    private const string NoKey = "none";

    /// <summary>
    /// Azure: <see cref="AzureOpenAIClient"/> on the resource, with the deployment as model. OpenAI-compatible:
    /// <see cref="ChatClient"/> on the custom base URL. The clients' own retries are off (the pipeline retries at
    /// most once) and their network timeout sits just above ours, as a backstop.
    /// </summary>
    public static ChatClient Create(LlmOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var endpoint = new Uri(options.Endpoint!);
        var key = new ApiKeyCredential(string.IsNullOrWhiteSpace(options.ApiKey) ? NoKey : options.ApiKey);
        if (options.IsAzure)
        {
            var azure = Configure(new AzureOpenAIClientOptions(), options);
            return new AzureOpenAIClient(endpoint, key, azure).GetChatClient(options.Model);
        }

        var openai = Configure(new OpenAIClientOptions { Endpoint = endpoint }, options);
        return new ChatClient(options.Model, key, openai);
    }

    private static T Configure<T>(T client, LlmOptions options)
        where T : ClientPipelineOptions
    {
        client.RetryPolicy = new ClientRetryPolicy(maxRetries: 0);
        client.NetworkTimeout = options.Timeout + TimeSpan.FromSeconds(1);
        return client;
    }
}
