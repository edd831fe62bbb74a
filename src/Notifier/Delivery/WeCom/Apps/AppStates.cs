using System.Text.Json;
using System.Text.Json.Serialization;
using GridService.Core.Storage;
using GridService.Notifier.Delivery.WeCom.Api;
using Microsoft.Extensions.Options;

namespace GridService.Notifier.Delivery.WeCom.Apps;

/// <summary>Why a sending app is disabled.</summary>
/// <param name="App">The app's name.</param>
/// <param name="Fingerprint">Its settings' fingerprint: new settings are a new app.</param>
/// <param name="Code">WeCom's errcode.</param>
/// <param name="Reason">What it means.</param>
/// <param name="At">When.</param>
public sealed record DisabledApp(string App, string Fingerprint, int Code, string Reason, DateTimeOffset At);

/// <summary>
/// Apps WeCom refused for a configuration reason (bad Secret or AgentId, no permission, this server's IP not allowed),
/// kept in Redis so every Notifier stops calling at once: their messages are dead-lettered with the reason instead of
/// each burning its attempts. The state lasts <see cref="WeComApiOptions.DisabledFor"/> (a permission granted in WeCom's
/// console needs no restart), and new settings (another fingerprint) are tried at once.
/// </summary>
public sealed partial class AppStates(RedisStore store, IOptionsMonitor<WeComApiOptions> options, TimeProvider time, ILogger<AppStates> logger)
{
    private string Key(WeComApp app) => $"{store.Keys.Prefix}:wecom-app-disabled:{app.Fingerprint}";

    /// <summary>The disabled state of <paramref name="app"/>, or null while it may send.</summary>
    public async Task<DisabledApp?> DisabledAsync(WeComApp app)
    {
        var value = await store.Db.StringGetAsync(Key(app));
        return value.IsNull ? null : JsonSerializer.Deserialize((string)value!, AppStateJson.Default.DisabledApp);
    }

    /// <summary>Disables <paramref name="app"/> after WeCom refused it with <paramref name="error"/>; returns the state.</summary>
    public async Task<DisabledApp> DisableAsync(WeComApp app, WeComApiException error)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(error);
        var state = new DisabledApp(app.Name, app.Fingerprint, error.Code, WeComApiErrors.Meaning(error.Code) ?? error.ErrMsg, time.GetUtcNow());
        await store.Db.StringSetAsync(Key(app), JsonSerializer.Serialize(state, AppStateJson.Default.DisabledApp), options.CurrentValue.DisabledFor);
        Log.Disabled(logger, app.ToString(), error.Code, state.Reason, options.CurrentValue.DisabledFor);
        return state;
    }

    /// <summary>The dead-letter reason for a message that could not go because of <paramref name="state"/>.</summary>
    public static string Reason(DisabledApp state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return $"The WeCom app {state.App} is disabled since {state.At:yyyy-MM-dd HH:mm:ss}Z: WeCom refused it with {state.Code} ({state.Reason}). " +
               $"Fix WeCom:Apps:{state.App} or the app's settings in WeCom's console, then run 'deliveries redrive'.";
    }

    private static partial class Log
    {
        [LoggerMessage(EventIds.WeComApi + 21, LogLevel.Critical,
            "{App} refused with {Code} ({Reason}): disabled for {DisabledFor}; its messages are dead-lettered until it is fixed and they are re-driven")]
        public static partial void Disabled(ILogger logger, string app, int code, string reason, TimeSpan disabledFor);
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(DisabledApp))]
internal sealed partial class AppStateJson : JsonSerializerContext;
